import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from './flexport.module';
import { createOrderBody } from './flexport.test-data';

const AUTH = `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`;

describe('Flexport clock', () => {
  it('advances orders CREATED → SHIPPED → DELIVERED every flexportAdvanceMs', async () => {
    const app: INestApplication = await createSandboxTestApp([FlexportModule], { flexportAdvanceMs: 40 });
    try {
      const order = (await request(app.getHttpServer()).post('/logistics/api/2024-04/orders').set('Authorization', AUTH).send(createOrderBody()).expect(200)).body;
      const statusOf = async () =>
        (await request(app.getHttpServer()).get(`/logistics/api/2024-04/orders/${order.id}`).set('Authorization', AUTH).expect(200)).body.state.internalStatus;
      const seen = new Set<string>();
      const until = Date.now() + 2000;
      while (Date.now() < until && !seen.has('DELIVERED')) {
        seen.add(await statusOf());
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(seen).toEqual(new Set(['CREATED', 'SHIPPED', 'DELIVERED']));
    } finally {
      await app.close();
    }
  });

  it('never advances by itself when flexportAdvanceMs is 0', async () => {
    const app: INestApplication = await createSandboxTestApp([FlexportModule], { flexportAdvanceMs: 0 });
    try {
      const order = (await request(app.getHttpServer()).post('/logistics/api/2024-04/orders').set('Authorization', AUTH).send(createOrderBody()).expect(200)).body;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const read = await request(app.getHttpServer()).get(`/logistics/api/2024-04/orders/${order.id}`).set('Authorization', AUTH).expect(200);
      expect(read.body.state.internalStatus).toBe('CREATED');
    } finally {
      await app.close();
    }
  });
});
