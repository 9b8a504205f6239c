import { compareDecimals } from './decimal-compare';
import { decideRoute, globPattern, RoutingFacts } from './decide-route';
import { parseRoutingRules } from './parse-routing-rules';

const HOLDS = ['address_check', 'fraud_review'];
const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  channel: 'joom',
  account: 'main',
  country: 'US',
  skus: ['TSHIRT-RED-M', 'TSHIRT-BLUE-L'],
  requirement: null,
  total: '49.90',
  currency: 'USD',
  ...over,
});
const rulesOf = (rules: unknown[]) => {
  const parsed = parseRoutingRules({ rules }, HOLDS);
  expect(parsed.problems).toEqual([]);
  return parsed.rules;
};

describe('decideRoute', () => {
  const rules = rulesOf([
    { name: 'akinon-tr-check', match: { channel: 'akinon', country: 'TR' }, action: 'hold', reason: 'address_check' },
    { name: 'big-joom-orders', match: { channel: 'joom', total: { min: '500', currency: 'USD' } }, action: 'none' },
    { name: 'joom-shirts', match: { channel: ['joom'], sku: 'TSHIRT-*' }, action: 'fulfill:flexport', shipMethod: 'expedited' },
    { name: 'joom-rest', match: { channel: 'joom' }, action: 'fulfill:flexport' },
  ]);

  it('takes the first rule whose every condition holds, and says why the earlier ones did not', () => {
    expect(decideRoute(facts(), rules)).toEqual({
      rule: 'joom-shirts',
      action: { type: 'fulfill', via: 'flexport', shipMethod: 'expedited' },
      verdicts: [
        { rule: 'akinon-tr-check', matched: false, failed: 'channel is joom, not akinon' },
        { rule: 'big-joom-orders', matched: false, failed: 'total 49.90 is below 500' },
        { rule: 'joom-shirts', matched: true },
      ],
    });
  });

  it('needs every line to match the SKU glob', () => {
    const decision = decideRoute(facts({ skus: ['TSHIRT-RED-M', 'MUG-1'] }), rules);
    expect(decision.rule).toBe('joom-rest');
    expect(decision.verdicts[2]).toEqual({ rule: 'joom-shirts', matched: false, failed: 'SKU MUG-1 does not match TSHIRT-*' });
    expect(decision.action).toEqual({ type: 'fulfill', via: 'flexport', shipMethod: null });
  });

  it('holds Akinon orders to TR and leaves those elsewhere to the next rules (none here)', () => {
    expect(decideRoute(facts({ channel: 'akinon', country: 'TR' }), rules)).toMatchObject({ rule: 'akinon-tr-check', action: { type: 'hold', reason: 'address_check' } });
    expect(decideRoute(facts({ channel: 'akinon', country: 'DE' }), rules)).toMatchObject({ rule: null, action: { type: 'none' } });
  });

  it('never guesses a missing total, country or currency: a rule that needs one does not match', () => {
    expect(decideRoute(facts({ total: null }), rules).verdicts[1]).toEqual({ rule: 'big-joom-orders', matched: false, failed: 'the order total is missing' });
    expect(decideRoute(facts({ total: '900.00', currency: 'EUR' }), rules).verdicts[1]).toEqual({ rule: 'big-joom-orders', matched: false, failed: 'currency is EUR, not USD' });
    expect(decideRoute(facts({ channel: 'akinon', country: null }), rules).verdicts[0]).toEqual({ rule: 'akinon-tr-check', matched: false, failed: 'the order has no shipping country' });
  });

  it('compares totals as decimals, bounds inclusive', () => {
    expect(decideRoute(facts({ total: '500.00' }), rules).rule).toBe('big-joom-orders');
    expect(decideRoute(facts({ total: '499.999' }), rules).rule).toBe('joom-shirts');
    expect(compareDecimals('10.5', '10.50')).toBe(0);
    expect(compareDecimals('-1', '0.01')).toBe(-1);
    expect(compareDecimals('100', '99.999999')).toBe(1);
  });

  it('matches on account and the online/offline requirement; no rules is action none', () => {
    const byAccount = rulesOf([{ name: 'eu-store', match: { account: 'eu', requirement: ['online_only'] }, action: 'none' }]);
    expect(decideRoute(facts({ account: 'eu', requirement: 'online_only' }), byAccount).rule).toBe('eu-store');
    expect(decideRoute(facts({ account: 'eu', requirement: 'offline_only' }), byAccount).verdicts[0].failed).toBe('shipping requirement is offline_only, not online_only');
    expect(decideRoute(facts({ account: 'main' }), byAccount).verdicts[0].failed).toBe('account is main, not eu');
    expect(decideRoute(facts(), [])).toEqual({ rule: null, action: { type: 'none' }, verdicts: [] });
  });

  it('reads a glob literally except * and ?', () => {
    expect(globPattern('A.B?-*').test('A.BC-anything')).toBe(true);
    expect(globPattern('A.B?-*').test('AxBC-anything')).toBe(false);
    expect(globPattern('(x)+').test('(x)+')).toBe(true);
  });
});

describe('parseRoutingRules', () => {
  it('names every problem by its place and keeps no rule when any is wrong', () => {
    const parsed = parseRoutingRules(
      {
        rules: [
          { name: 'ok', match: { channel: 'joom' }, action: 'none' },
          { name: 'ok', match: { channel: 'amazon', country: 'tr', colour: 'red' }, action: 'fulfill:flexport', shipMethod: 'overnight' },
          { name: 'bad hold', action: 'hold', reason: 'because' },
          { name: 'x', action: 'none', reason: 'address_check', match: { total: { min: 'ten' }, sku: '*'.repeat(9) } },
        ],
        extra: true,
      },
      HOLDS,
    );
    expect(parsed.rules).toEqual([]);
    expect(parsed.problems).toEqual([
      'extra: not a known field (expected rules)',
      'rules[1].name: "ok" is used by an earlier rule',
      'rules[1].match.colour: not a known field (expected channel, account, country, sku, requirement, total)',
      'rules[1].match.channel: one of joom, akinon, flexport',
      'rules[1].match.country: an ISO 3166-1 alpha-2 code in upper case, e.g. TR',
      'rules[1].shipMethod: one of standard, expedited, priority',
      'rules[2].name: 1–64 letters, digits, dots, dashes or underscores',
      'rules[2].reason: one of address_check, fraud_review',
      'rules[3].match.sku: at most 3 "*"',
      'rules[3].match.total.min: a decimal amount such as "50.00"',
      'rules[3].reason: only for action hold',
    ]);
  });

  it('refuses a file that is not an object with a rules list', () => {
    expect(parseRoutingRules([], HOLDS).problems).toEqual(['the file must be an object with a "rules" list']);
    expect(parseRoutingRules(null, HOLDS).problems).toEqual(['the file must be an object with a "rules" list']);
  });

  it('refuses a total range that could never match', () => {
    expect(parseRoutingRules({ rules: [{ name: 'n', match: { total: { min: '100', max: '99.99' } }, action: 'none' }] }, HOLDS).problems).toEqual([
      'rules[0].match.total: min 100 is above max 99.99, so the rule could never match',
    ]);
  });

  it('accepts a YAML number as a total bound', () => {
    expect(parseRoutingRules({ rules: [{ name: 'n', match: { total: { max: 50 } }, action: 'none' }] }, HOLDS).rules[0].match.total).toEqual({ min: null, max: '50', currency: null });
  });
});
