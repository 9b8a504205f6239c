import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from './flexport.module';
import { FlexportOrders } from './flexport.orders';
import { createOrderBody } from './flexport.test-data';

const AUTH = `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`;

describe('Flexport clock', () => {
  it('advances orders CREATED → SHIPPED → DELIVERED, one step per flexportAdvanceMs tick', async () => {
    const app: INestApplication = await createSandboxTestApp([FlexportModule], { flexportAdvanceMs: 40 });
    try {
      // Recorded after each tick, not by polling over HTTP: a loaded machine may run two ticks between polls.
      const orders = app.get(FlexportOrders);
      const moves: Array<{ shipped: string[]; delivered: string[] }> = [];
      const advance = orders.advance.bind(orders);
      jest.spyOn(orders, 'advance').mockImplementation(() => {
        const moved = advance();
        if (moved.shipped.length + moved.delivered.length > 0) moves.push(moved);
        return moved;
      });
      const order = (await request(app.getHttpServer()).post('/logistics/api/2024-04/orders').set('Authorization', AUTH).send(createOrderBody()).expect(200)).body;
      const until = Date.now() + 10_000;
      while (Date.now() < until && moves.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(moves.slice(0, 2)).toEqual([
        { shipped: [order.id], delivered: [] },
        { shipped: [], delivered: [order.id] },
      ]);
      const read = await request(app.getHttpServer()).get(`/logistics/api/2024-04/orders/${order.id}`).set('Authorization', AUTH).expect(200);
      expect(read.body.state.internalStatus).toBe('DELIVERED');
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
