import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AkinonModule } from '../akinon/akinon.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from '../flexport/flexport.module';
import { ControlModule } from './control.module';

describe('seeding at scale', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createSandboxTestApp([AkinonModule, FlexportModule, ControlModule]);
  });
  afterAll(() => app.close());

  it('seeds 10,000 orders per channel and filters them without a quadratic cost', async () => {
    const started = performance.now();
    const res = await request(app.getHttpServer()).post('/__sandbox/seed').send({ count: 10_000 }).expect(200);
    const ms = performance.now() - started;
    console.log(`seeded 10,000 orders per channel (${Object.keys(res.body.seeded).join(', ')}) in ${Math.round(ms)} ms`);
    expect(res.body.seeded).toEqual({ akinon: 10_000, flexport: 10_000 });
    // Guards against a quadratic seed or scan (minutes), not speed figures: a busy 2-core machine takes seconds.
    expect(ms).toBeLessThan(30_000);
    const listStarted = performance.now();
    const page = await request(app.getHttpServer()).get('/api/i1/order-items/?order__status=500&price__gte=10&limit=100').set('Authentication', `Bearer ${SANDBOX_DEFAULT_TOKENS.akinon}`).expect(200);
    expect(page.body.count).toBeGreaterThan(0);
    expect(performance.now() - listStarted).toBeLessThan(5_000);
  });
});
