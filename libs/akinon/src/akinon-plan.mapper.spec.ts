import { mapAkinonPlan } from './akinon-plan.mapper';
import { docPlan } from './testing/akinon-doc-examples';

describe('mapAkinonPlan (document example CPI01)', () => {
  it('gives the order, items and meaning of a waiting plan', () => {
    expect(mapAkinonPlan(docPlan())).toEqual({
      externalOrderId: '6e5877a9-5a03-48e6-8425-d4be178de83e',
      planId: 'f0cf73ee-8e1e-4025-a03d-8499af3ee493',
      status: 'cancelling',
      rawStatus: 'waiting',
      planType: 'cancel',
      itemIds: ['f35de315-61b5-4b13-b101-82c3f873bd1f', '5481430a-fb72-4d07-bb1d-81dcb9461c5d'],
      lineIds: ['ln_f35de315-61b5-4b13-b101-82c3f873bd1f', 'ln_5481430a-fb72-4d07-bb1d-81dcb9461c5d'],
      updatedAt: null,
    });
  });

  it('reads a completed plan as cancelled and takes the time the deployment sends', () => {
    expect(mapAkinonPlan(docPlan({ status: 'completed', created_at: '2024-05-01T10:00:00Z' }))).toMatchObject({
      status: 'cancelled',
      updatedAt: '2024-05-01T10:00:00.000Z',
    });
  });

  it('keeps an unknown status raw and does not guess', () => {
    expect(mapAkinonPlan(docPlan({ status: 'on_the_moon' }))).toMatchObject({ status: null, rawStatus: 'on_the_moon' });
  });
});
