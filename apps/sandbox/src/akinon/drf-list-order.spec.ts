import { SeededRandom } from '../core/prng';
import { listInOrder } from './drf-list-order';

describe('listInOrder (docs/api-decisions.md AK-5)', () => {
  const rows = [{ id: 'a', updated_at: '2024-05-01T10:00:00Z' }, { id: 'b', updated_at: '2024-05-03T10:00:00Z' }, { id: 'c', created_at: '2024-05-02T10:00:00Z' }, { id: 'd' }];
  const ids = (list: { id: string }[]) => list.map((row) => row.id);

  it('keeps insertion order by default', () => {
    expect(ids(listInOrder(rows, 'insertion', new SeededRandom(1)))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('"-updated_at" lists the most recently changed first (created_at for rows without updated_at, untimed rows last)', () => {
    expect(ids(listInOrder(rows, '-updated_at', new SeededRandom(1)))).toEqual(['b', 'c', 'a', 'd']);
  });

  it('"shuffled" gives a new permutation per request, of the same rows', () => {
    const random = new SeededRandom(3);
    const many = Array.from({ length: 30 }, (_, i) => ({ id: String(i) }));
    const first = ids(listInOrder(many, 'shuffled', random));
    const second = ids(listInOrder(many, 'shuffled', random));
    expect(first).not.toEqual(second);
    expect([...first].sort()).toEqual(ids(many).sort());
  });
});
