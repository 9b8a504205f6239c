import { CanonicalOrder } from '@app/orders';
import { orderIdFor } from '@app/store';
import { auth } from '../support/api-fixture';
import { expectErrorAnswer } from '../support/bad-input-fixtures';
import { GatewayStack, sideEffects, startGateway, waitForJob, waitForOrder } from '../support/gateway-stack';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const UNKNOWN_CITY = '00000000-0000-4000-8000-00000000c17e';
const CORRECTED = { name: 'Şükrü Öztürk', lines: ['Bağdat Cd. No:12', 'Caferağa, Kadıköy'], city: 'İstanbul', postalCode: '34710', countryCode: 'TR' };

interface Created {
  result: { order: { id: string; number: string }; address: { line: string } };
}

/**
 * Akinon addresses Flexport can ship to (docs/api-decisions.md AK-6…AK-9),
 * across api, worker and sandbox: an address whose city uuid the locations
 * table does not know is flagged and held (HO-3), fulfilling it via Flexport
 * is refused before queueing, an operator corrects it (releasing the hold), a later sync keeps the
 * correction, and the Flexport order is then created exactly once — counted
 * in the sandbox's ledger, not our logs.
 */
describe('Akinon address → flagged → corrected → fulfilled via Flexport', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  const createAkinonOrder = (params: Record<string, unknown>) => sandbox.control<Created>('POST', '/akinon/actions/create-order', params).then((r) => r.result);
  const syncAkinon = () => stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
  const fulfil = (orderId: string) => stack.http.post(`/v1/orders/${orderId}/fulfill`).set(auth).send({ mode: 'flexport' });
  const flexportOrder = async (externalOrderId: string) => {
    const response = await fetch(`${sandbox.url}/logistics/api/2024-04/orders/external_id/${externalOrderId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.flexport}` } });
    return (await response.json()) as { address: { city: string; countryCode: string; address1: string } };
  };

  beforeAll(async () => {
    await flushRedis();
    // Most recently updated first, as a DRF deployment ordering by -updated_at would list (AK-5).
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '0', SANDBOX_AKINON_LIST_ORDER: '-updated_at' });
    // startGateway writes the sandbox's locations table to AKINON_LOCATIONS_FILE, as `npm start` does.
    stack = await startGateway(sandbox);
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('resolves a generated address out of the box and fulfils it via Flexport', async () => {
    const { order, address } = await createAkinonOrder({ itemCount: 1 });
    const id = orderIdFor('akinon', 'main', order.id);
    await syncAkinon();
    const ingested = await waitForOrder(stack, id, () => true);
    expect(ingested.attention).toBeNull();
    expect(ingested.shippingAddress).toMatchObject({ lines: [address.line, expect.any(String)], city: expect.stringMatching(/\S/), countryCode: expect.stringMatching(/^[A-Z]{2}$/) });
    const accepted = await fulfil(id).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1 });
  });

  it('flags and holds an unresolvable city, refuses Flexport with 409 on_hold, takes the correction, keeps it across a sync, then creates one Flexport order', async () => {
    const { order } = await createAkinonOrder({ itemCount: 1, address: { city: UNKNOWN_CITY } });
    const id = orderIdFor('akinon', 'main', order.id);
    await syncAkinon();
    const flagged = await waitForOrder(stack, id, () => true);
    expect(flagged.status).toBe('ready');
    expect(flagged.shippingAddress?.city).toBe('');
    expect(flagged.attention).toEqual(expect.objectContaining({ code: 'address_incomplete', details: { missing: ['city'], unresolved: { city: UNKNOWN_CITY } } }));
    // The gap is also a system hold (docs/api-decisions.md HO-3), which no person may release by hand.
    expect(flagged.holds).toEqual([
      expect.objectContaining({ reason: 'address_incomplete', source: 'system', placedBy: 'system', details: { missing: ['city'], unresolved: { city: UNKNOWN_CITY } } }),
    ]);
    expect((await stack.http.get(`/v1/orders/${id}`).set(auth).expect(200)).body.allowedActions).toEqual(['cancel', 'reject']);
    expectErrorAnswer(await stack.http.post(`/v1/orders/${id}/release`).set(auth).send({}), 409, 'hold_not_releasable');

    const refused = await fulfil(id);
    expectErrorAnswer(refused, 409, 'on_hold');
    expect(refused.body.details.holds).toEqual([expect.objectContaining({ reason: 'address_incomplete', source: 'system' })]);
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({});

    const corrected = await stack.http.put(`/v1/orders/${id}/shipping-address`).set(auth).send(CORRECTED).expect(200);
    expect(corrected.body).toMatchObject({ attention: null, shippingAddress: { city: 'İstanbul' }, allowedActions: ['fulfill:flexport', 'cancel', 'reject'] });
    expect(corrected.body).not.toHaveProperty('holds');
    const holdNotes = (await stack.store.repository.history(id)).filter((entry) => entry.note?.startsWith('hold ')).map((entry) => [entry.cause, entry.actor, entry.note]);
    expect(holdNotes).toEqual([
      ['sync', expect.any(String), expect.stringMatching(/^hold address_incomplete placed \(system\): Shipping address lacks city/)],
      ['command', expect.stringMatching(/^api-key:[0-9a-f]{8}$/), expect.stringMatching(/^hold address_incomplete released \(system\)/)],
    ]);

    // The channel moves on (300 Package Waiting, still `ready`) with the same address: the correction stays.
    await sandbox.control('POST', '/akinon/actions/set-item-status', { orderId: order.id, status: 300 });
    await syncAkinon();
    const synced: CanonicalOrder = await waitForOrder(stack, id, (o) => o.channelStatus === '300');
    expect(synced).toMatchObject({ status: 'ready', attention: null, shippingAddress: { city: 'İstanbul', lines: CORRECTED.lines } });

    const accepted = await fulfil(id).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    await fulfil(id).expect(409);
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1 });
    expect((await flexportOrder(id)).address).toMatchObject({ city: 'İstanbul', countryCode: 'TR', address1: 'Bağdat Cd. No:12' });
  });

  it("takes the channel's address again when the customer changes it at Akinon, and flags it when it does not resolve", async () => {
    const { order } = await createAkinonOrder({ itemCount: 1, address: { city: UNKNOWN_CITY } });
    const id = orderIdFor('akinon', 'main', order.id);
    await syncAkinon();
    await waitForOrder(stack, id, (o) => o.attention?.code === 'address_incomplete');
    await stack.http.put(`/v1/orders/${id}/shipping-address`).set(auth).send(CORRECTED).expect(200);

    await sandbox.control('POST', '/akinon/actions/set-address', { orderId: order.id, address: { line: 'Yeni Sk. 3' } });
    await syncAkinon();
    const changed = await waitForOrder(stack, id, (o) => o.shippingAddress?.lines[0] === 'Yeni Sk. 3');
    expect(changed).toMatchObject({
      addressCorrection: null,
      shippingAddress: { city: '' },
      attention: { code: 'address_incomplete', details: { missing: ['city'], unresolved: { city: UNKNOWN_CITY } } },
    });
    expect(changed.holds).toEqual([expect.objectContaining({ reason: 'address_incomplete', source: 'system' })]);
    expectErrorAnswer(await fulfil(id), 409, 'on_hold');
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({});
  });
});
