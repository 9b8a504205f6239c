import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_DESCRIPTIONS } from '../http/api-error-responses.decorator';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const schemaRef = (name: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } });
const errorResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [String(status), { description: ERROR_DESCRIPTIONS[status], content: schemaRef('ErrorResponseDto') }]));

/**
 * The OpenAPI operation of `GET /v1/orders/{id}` (order-by-id.route.ts),
 * written out because the route is not a Nest controller method that the
 * Swagger scanner would find. It is what the decorators of the other reads
 * produce; `setUpSwagger` adds it, and a test checks it against them.
 */
export const ORDER_BY_ID_OPERATION: Operation = {
  // Named like the controllers' operations (openapi/operation-ids.ts).
  operationId: 'getOrder',
  summary: 'Get one order by gateway id',
  tags: ['orders'],
  security: [{ 'api-key': [] }],
  parameters: [{ name: 'id', required: true, in: 'path', description: 'Gateway order id.', schema: { example: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d', type: 'string' } }],
  responses: {
    '200': { description: 'The canonical order, with the actions allowed now.', content: schemaRef('OrderDto') },
    ...errorResponses(400, 401, 404, 503),
  },
};

/** Where the operation goes in the document (OpenAPI path syntax). */
export const ORDER_BY_ID_OPENAPI_PATH = '/v1/orders/{id}';
