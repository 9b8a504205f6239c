import { RemoteTransientError } from '@app/adapters';
import { readWindow } from './akinon-window.reader';
import { AkinonOrder } from './akinon.types';
import { FakeAkinonServer, FakeListOrder } from './testing/fake-akinon-server';

/** docs/api-decisions.md AK-5: a window of more than a page is read whole, whatever order and however it changes. */
describe.each<FakeListOrder>(['insertion', 'updated_at', '-updated_at', 'shuffled'])('readWindow, server listing in %s order', (listOrder) => {
  const at = Date.parse('2024-06-01T10:00:00Z');
  const window = { updated_at__gte: new Date(at).toISOString(), updated_at__lt: new Date(at + 1).toISOString() };

  it('re-reads a window whose count changed while it was paged, so the rows that shifted pages are not lost', async () => {
    const server = new FakeAkinonServer(listOrder, 11);
    for (let i = 0; i < 25; i++) server.addOrder(at);
    let requests = 0;
    server.beforeEach = () => {
      // After page 1, two orders are updated: they leave the window and the pages shift.
      if (++requests === 2) for (const entry of server.orders.slice(0, 2)) server.touch(entry.row.id);
    };
    const { rows } = await readWindow<AkinonOrder>(server.client, 'orders/', window, 10);
    const still = server.orders.filter((entry) => entry.updatedMs === at).map((entry) => entry.row.id);
    expect(still.filter((id) => !rows.some((row) => row.id === id))).toEqual([]);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(server.calls.length).toBeLessThanOrEqual(60);
  });

  it('gives up with a transient error on a window that never settles', async () => {
    const server = new FakeAkinonServer(listOrder, 12);
    for (let i = 0; i < 25; i++) server.addOrder(at);
    server.beforeEach = () => void server.addOrder(at); // a new row in the window on every request
    await expect(readWindow(server.client, 'orders/', window, 10)).rejects.toBeInstanceOf(RemoteTransientError);
  });
});
