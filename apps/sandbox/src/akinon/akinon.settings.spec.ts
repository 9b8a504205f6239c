import { INestApplication } from '@nestjs/common';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { AkinonModule } from './akinon.module';
import { AkinonSettings, loadAkinonSettings } from './akinon.settings';
import { AkinonSimulator } from './akinon.simulator';

describe('Akinon sandbox switches (docs/api-decisions.md AK-2, AK-4, AK-5)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createSandboxTestApp([AkinonModule]);
  });
  afterAll(() => app.close());

  it('default to the document: header per route, rows without timestamps, insertion order', () => {
    expect(loadAkinonSettings({})).toEqual({ authHeaders: 'documented', timestamps: 'documented', listOrder: 'insertion' });
    expect(loadAkinonSettings({ SANDBOX_AKINON_LIST_ORDER: 'shuffled', SANDBOX_AKINON_TIMESTAMPS: 'implied' })).toMatchObject({ listOrder: 'shuffled', timestamps: 'implied' });
    expect(() => loadAkinonSettings({ SANDBOX_AKINON_AUTH_HEADERS: 'both' })).toThrow('SANDBOX_AKINON_AUTH_HEADERS must be one of');
  });

  it('change with the configure action, survive a re-seed, and go back on reset', () => {
    const simulator = app.get(AkinonSimulator);
    expect(simulator.act('configure', { listOrder: '-updated_at', authHeaders: 'any' })).toMatchObject({ listOrder: '-updated_at', authHeaders: 'any' });
    expect(() => simulator.act('configure', { ordering: 'id' })).toThrow('unknown setting(s) ordering');
    expect(() => simulator.act('configure', { listOrder: 'random' })).toThrow('listOrder must be one of');
    simulator.seed(3, 1);
    expect(app.get(AkinonSettings).current).toMatchObject({ listOrder: '-updated_at', authHeaders: 'any' });
    simulator.reset();
    expect(app.get(AkinonSettings).current).toEqual(loadAkinonSettings({}));
  });
});
