import { compileFilters, filtersFor, withDocSpellings } from './django-filter';

interface Row {
  n: string;
  amount: string;
  at: string;
  tags: string[];
  ok: boolean;
}
const rows: Row[] = [
  { n: 'A-100', amount: '10.50', at: '2024-01-01T00:00:00Z', tags: ['x'], ok: true },
  { n: 'b-200', amount: '99.99', at: '2024-02-01T12:00:00.500Z', tags: ['y'], ok: false },
];
const { filter, range } = filtersFor<Row>();
const specs = withDocSpellings([
  filter('n__icontains', 'string', (r) => r.n, 'icontains'),
  ...range('amount', 'decimal', (r) => r.amount),
  ...range('at', 'datetime', (r) => r.at),
  filter('order__tag', 'string', (r) => r.tags, 'has'),
  filter('ok', 'bool', (r) => r.ok),
]);
const run = (query: string) => {
  const compiled = compileFilters(specs, new URLSearchParams(query));
  return compiled.ok ? rows.filter(compiled.predicate).map((r) => r.n) : compiled.errors;
};

describe('django-filter look-alike', () => {
  it('applies lookups, combined with AND', () => {
    expect(run('n__icontains=B')).toEqual(['b-200']);
    expect(run('amount__gte=10.5&amount__lt=99.99')).toEqual(['A-100']);
    expect(run('at__gt=2024-01-01T00:00:00%2B00:00')).toEqual(['b-200']);
    expect(run('ordertag=y')).toEqual(['b-200']);
    expect(run('ok=False')).toEqual(['b-200']);
  });

  it('ignores empty values and unknown params; names the param of a bad value', () => {
    expect(run('amount__gte=&foo=1')).toEqual(['A-100', 'b-200']);
    expect(run('amount__gte=x&ok=maybe')).toEqual({ amount__gte: ['Enter a number.'], ok: ['Select a valid choice. maybe is not one of the available choices.'] });
  });
});
