import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ORDER_BY_ID_OPENAPI_PATH, ORDER_BY_ID_OPERATION } from './orders/order-by-id.openapi';

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json, with the API-key scheme declared. */
export function setUpSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Fulfillment gateway')
    .setDescription(
      'Orders from Joom and Akinon in one canonical model with one state machine, fulfilled through Flexport. ' +
        'Authenticate with `Authorization: Bearer <API key>` (keys from API_KEYS; keys from ADMIN_API_KEYS may also retry jobs, others get 403). ' +
        'Errors always have the shape `{ statusCode, code, message, details? }`.\n\n' +
        '**Queue intake.** Other services may add commands straight to the BullMQ queue `order-commands` ' +
        '(key prefix `bull`, or QUEUE_PREFIX): job name `fulfill` | `cancel` | `reject` | `modify-tracking`, data = the request body of the ' +
        'matching endpoint (FulfillBody, CancelBody, RejectBody, ModifyTrackingBody below) plus `orderId` — or `channel` + `externalId` ' +
        '(+ optional `account`); both only when they name the same order — and optional `idempotencyKey` and `requestedBy`. Payloads are validated exactly like ' +
        'the REST bodies; a malformed job fails with the reason and changes nothing. Follow it at GET /v1/jobs/{jobId}.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS or ADMIN_API_KEYS' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The one route served outside Nest, which the scanner cannot see.
  document.paths[ORDER_BY_ID_OPENAPI_PATH] = { ...document.paths[ORDER_BY_ID_OPENAPI_PATH], get: ORDER_BY_ID_OPERATION };
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
