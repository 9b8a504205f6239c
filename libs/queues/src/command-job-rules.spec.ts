import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { passesCommandBodyRules, passesCommandJobRules } from './command-job-rules';
import { CancelJobData, FulfillJobData, ModifyTrackingJobData, parseCommandJob, RejectJobData } from './command-jobs';
import { CancelBody, FulfillBody, ModifyTrackingBody, RejectBody } from './command-payloads';
import { CommandName } from './queue-names';

const CLASSES: Record<CommandName, new () => object> = { fulfill: FulfillJobData, cancel: CancelJobData, reject: RejectJobData, 'modify-tracking': ModifyTrackingJobData };
const ORDER_ID = 'ord_0123456789abcdef01234567';
const ABSENT = Symbol('absent');

/** What validateSync says of the payload, as parseCommandJob runs it. */
const classAccepts = (name: CommandName, payload: Record<string, unknown>) => validateSync(plainToInstance(CLASSES[name], payload), { whitelist: true, forbidNonWhitelisted: true }).length === 0;

/** Every combination of the given values per field (ABSENT: the field is not sent). */
function combinations(pools: Record<string, unknown[]>): Record<string, unknown>[] {
  return Object.entries(pools).reduce<Record<string, unknown>[]>(
    (payloads, [field, values]) => payloads.flatMap((payload) => values.map((value) => (value === ABSENT ? payload : { ...payload, [field]: value }))),
    [{}],
  );
}

/** The payloads where the written-out rules and the class disagree (none expected). */
function disagreements(name: CommandName, payloads: Record<string, unknown>[]) {
  return payloads.filter((payload) => passesCommandJobRules(name, payload) !== classAccepts(name, payload));
}

// Values at and past each limit of the DTOs, and the text rules' kinds of bad text.
const CARRIERS = [ABSENT, 'DHL', '', 'C'.repeat(64), 'C'.repeat(65), 'D\u200bHL', 'D\nHL', '\ud800', '\ufe0f', 42, null];
const TRACKING = [ABSENT, 'JD014600006281593016', 'A'.repeat(305), 'A'.repeat(64), 'A'.repeat(65), 'AB', 'ABC', '-AB1', 'AB 12', null, 7];
const NOTES = [ABSENT, 'left at 14:00', 'n'.repeat(500), 'n'.repeat(501), '😀'.repeat(300), 'a\tb\r\nc', 'a\u0000b', '\ud800', 'rtl \u200f mark', null, 3];
const REASONS = [ABSENT, 'out_of_stock', 'other', 'bogus', null, 1];

describe('passesCommandJobRules: the same answer as the job classes (validateSync)', () => {
  it('fulfil bodies: every mode with every field of every mode, at and past their limits', () => {
    const payloads = combinations({
      orderId: [ORDER_ID],
      mode: [ABSENT, 'tracking', 'flexport', 'online', 'bogus', null],
      carrier: CARRIERS,
      trackingNumber: TRACKING,
      shipMethod: [ABSENT, 'standard', 'priority', 'bogus', null],
      note: NOTES,
    });
    expect(payloads.length).toBeGreaterThan(20_000);
    expect(disagreements('fulfill', payloads)).toEqual([]);
    // The sample holds both answers, plenty of each.
    expect(payloads.filter((payload) => passesCommandJobRules('fulfill', payload)).length).toBeGreaterThan(50);
  });

  it('targets: orderId, channel + externalId and the optional account, key and caller, alone and together', () => {
    const text = (max: number) => [ABSENT, 'x', 'x'.repeat(max), 'x'.repeat(max + 1), '', 'a\u200bb', 'a\u0007b', null, 5];
    const payloads = combinations({
      mode: ['online'],
      orderId: [ABSENT, ORDER_ID, 'ord_0123', ORDER_ID.toUpperCase(), null, 9],
      channel: [ABSENT, 'joom', 'akinon', 'bogus', null],
      externalId: [ABSENT, 'ext-1', 'e'.repeat(200), 'e'.repeat(201), '', 'a\u200bb', null],
      account: text(100),
      idempotencyKey: [ABSENT, 'key-1', 'k'.repeat(201), null],
      requestedBy: [ABSENT, 'erp', '', 'a\u0000', null],
    });
    expect(disagreements('fulfill', payloads)).toEqual([]);
    expect(payloads.filter((payload) => passesCommandJobRules('fulfill', payload)).length).toBeGreaterThan(100);
  });

  it('unknown fields are refused, as forbidNonWhitelisted does', () => {
    const payloads = combinations({ orderId: [ORDER_ID], mode: ['online'], bodyHash: [ABSENT, 'abc'], extra: [ABSENT, 1, undefined], lineIds: [ABSENT, ['ln_1']] });
    expect(disagreements('fulfill', payloads)).toEqual([]);
    expect(passesCommandJobRules('fulfill', { orderId: ORDER_ID, mode: 'online', extra: 1 })).toBe(false);
  });

  it('cancel and reject: reason, lineIds (null refused, 1–200 ids of 1–200 characters) and note', () => {
    const lineIds = [
      ABSENT,
      ['ln_1'],
      [],
      null,
      'ln_1',
      Array.from({ length: 200 }, (_, n) => `ln_${n}`),
      Array.from({ length: 201 }, (_, n) => `ln_${n}`),
      ['l'.repeat(200)],
      ['l'.repeat(201)],
      [''],
      ['ln\u200b1'],
      [1],
    ];
    expect(disagreements('cancel', combinations({ orderId: [ORDER_ID], reason: REASONS, note: NOTES, lineIds: [ABSENT, ['ln_1']] }))).toEqual([]);
    expect(disagreements('reject', combinations({ orderId: [ORDER_ID], reason: REASONS, lineIds, note: NOTES }))).toEqual([]);
  });

  it('modify-tracking: carrier and tracking number, both required', () => {
    expect(disagreements('modify-tracking', combinations({ orderId: [ORDER_ID], carrier: CARRIERS, trackingNumber: TRACKING, mode: [ABSENT, 'tracking'] }))).toEqual([]);
  });
});

const BODIES: Record<CommandName, new () => object> = { fulfill: FulfillBody, cancel: CancelBody, reject: RejectBody, 'modify-tracking': ModifyTrackingBody };

describe('passesCommandBodyRules: the same answer as the REST body classes, as the api’s validation pipe runs them', () => {
  const bodyDisagreements = (name: CommandName, bodies: Record<string, unknown>[]) =>
    bodies.filter((body) => passesCommandBodyRules(name, body) !== (validateSync(plainToInstance(BODIES[name], body), { whitelist: true, forbidNonWhitelisted: true }).length === 0));

  it('fulfil, cancel, reject and modify-tracking bodies; a target field is not part of a body', () => {
    const fulfil = combinations({
      mode: [ABSENT, 'tracking', 'flexport', 'online', 'bogus'],
      carrier: CARRIERS,
      trackingNumber: TRACKING,
      shipMethod: [ABSENT, 'standard', 'bogus'],
      note: NOTES,
      orderId: [ABSENT, ORDER_ID],
    });
    expect(bodyDisagreements('fulfill', fulfil)).toEqual([]);
    expect(fulfil.filter((body) => passesCommandBodyRules('fulfill', body)).length).toBeGreaterThan(50);
    expect(passesCommandBodyRules('fulfill', { mode: 'online', orderId: ORDER_ID })).toBe(false);
    expect(bodyDisagreements('cancel', combinations({ reason: REASONS, note: NOTES, channel: [ABSENT, 'joom'] }))).toEqual([]);
    expect(bodyDisagreements('reject', combinations({ reason: REASONS, lineIds: [ABSENT, ['ln_1'], [], null, ['l'.repeat(201)]], note: NOTES }))).toEqual([]);
    expect(bodyDisagreements('modify-tracking', combinations({ carrier: CARRIERS, trackingNumber: TRACKING }))).toEqual([]);
  });

  it('says no to anything but an object (the pipe then refuses it with its own words)', () => {
    for (const body of [undefined, null, 'mode=online', 42, [{ mode: 'online' }]]) expect(passesCommandBodyRules('fulfill', body)).toBe(false);
  });
});

describe('parseCommandJob with the written-out rules', () => {
  it('returns the job class instance plainToInstance would', () => {
    const payload = { orderId: ORDER_ID, reason: 'other', lineIds: ['ln_1', 'ln_2'], note: 'two lines' };
    const parsed = parseCommandJob('reject', payload);
    expect(parsed.data).toBeInstanceOf(RejectJobData);
    expect(parsed.data).toEqual(plainToInstance(RejectJobData, payload));
    // Its own copy: a later change to the job's data does not reach the parsed command.
    expect((parsed.data as RejectJobData).lineIds).not.toBe(payload.lineIds);
  });

  it('still refuses a 305-character tracking number with the DTO’s words', () => {
    expect(() => parseCommandJob('fulfill', { orderId: ORDER_ID, mode: 'tracking', carrier: 'DHL', trackingNumber: 'A'.repeat(305) })).toThrow(
      expect.objectContaining({ code: 'invalid_command_job', message: expect.stringContaining('trackingNumber must be 3–64 letters, digits or dashes') }),
    );
  });
});
