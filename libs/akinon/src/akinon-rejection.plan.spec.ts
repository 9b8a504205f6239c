import { planRejection } from './akinon-rejection.plan';
import { docItem } from './testing/akinon-doc-examples';

const items = [100, 200, 300, 400, 500, 700, 800, 900].map((status) => docItem({ id: `i${status}`, status }));
const lineIds = (targets: { lineId: string }[]) => targets.map((target) => target.lineId);

describe('planRejection', () => {
  it('reject without lines: sends the rejectable, skips rejected and cancelled, reports the rest', () => {
    const plan = planRejection(items, 'reject', null);
    expect(lineIds(plan.send)).toEqual(['ln_i100', 'ln_i200', 'ln_i300']);
    expect(lineIds(plan.done)).toEqual(['ln_i900']);
    expect(lineIds(plan.notRejectable)).toEqual(['ln_i400', 'ln_i500', 'ln_i700']);
  });

  it('reject with lines: sends every named line not yet rejected, so Akinon decides', () => {
    const plan = planRejection(items, 'reject', ['i200', 'i400', 'i900']);
    expect(lineIds(plan.send)).toEqual(['ln_i200', 'ln_i400']);
    expect(lineIds(plan.done)).toEqual(['ln_i900']);
    expect(plan.notRejectable).toEqual([]);
  });

  it('cancel: cancelled and cancellation-waiting items already carry the effect', () => {
    const plan = planRejection(items, 'cancel', null);
    expect(lineIds(plan.send)).toEqual(['ln_i100', 'ln_i200', 'ln_i300']);
    expect(lineIds(plan.done)).toEqual(['ln_i700', 'ln_i800', 'ln_i900']);
    expect(lineIds(plan.notRejectable)).toEqual(['ln_i400', 'ln_i500']);
  });
});
