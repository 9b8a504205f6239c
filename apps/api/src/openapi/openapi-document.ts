import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FULFILL_BODY_SCHEMA } from '../commands/fulfill-body.schema';
import { ORDER_BY_ID_OPENAPI_PATH, ORDER_BY_ID_OPERATION } from '../orders/order-by-id.openapi';
import { listNullInNullableEnums } from './nullable-enums';
import { operationIdOf } from './operation-ids';
import { API_KEY_SCHEME, WEBHOOK_TOKEN_SCHEME } from './security-schemes';

const DESCRIPTION =
  'Orders from Joom and Akinon in one canonical model with one state machine, fulfilled through Flexport. ' +
  'Authenticate with `Authorization: Bearer <API key>` (keys from API_KEYS; keys from ADMIN_API_KEYS may also retry jobs, others get 403). ' +
  'Errors always have the shape `{ statusCode, code, message, details? }`.\n\n' +
  '**Queue intake.** Other services may add commands straight to the BullMQ queue `order-commands` ' +
  '(key prefix `bull`, or QUEUE_PREFIX): job name `fulfill` | `cancel` | `reject` | `modify-tracking`, data = the request body of the ' +
  'matching endpoint (FulfillBody, CancelBody, RejectBody, ModifyTrackingBody below) plus `orderId` — or `channel` + `externalId` ' +
  '(+ optional `account`); both only when they name the same order — and optional `idempotencyKey` and `requestedBy`. Payloads are validated exactly like ' +
  'the REST bodies; a malformed job fails with the reason and changes nothing. Follow it at GET /v1/jobs/{jobId}.';

/**
 * The api's OpenAPI document, as /docs-json serves it and `npm run openapi`
 * writes it to openapi.json. Built from the controllers' decorators, then
 * completed with what they cannot say: the route served outside Nest, the
 * `null` of nullable enums, and the public routes' empty security.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Fulfillment gateway')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    // Relative: the document describes whichever gateway serves it.
    .addServer('/', 'The gateway that serves this document')
    // API keys are opaque random strings, not JWTs (no bearerFormat: @nestjs/swagger's default says JWT).
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: undefined, description: 'An API key from API_KEYS or ADMIN_API_KEYS' }, API_KEY_SCHEME)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-webhook-token', description: 'The shared FLEXPORT_WEBHOOK_TOKEN (docs/api-decisions.md FX-7).' }, WEBHOOK_TOKEN_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf });
  // The one route served outside Nest, which the scanner cannot see.
  document.paths[ORDER_BY_ID_OPENAPI_PATH] = { ...document.paths[ORDER_BY_ID_OPENAPI_PATH], get: ORDER_BY_ID_OPERATION };
  // FulfillBody as a oneOf by `mode`, not the flat class that validates it.
  document.components!.schemas!.FulfillBody = FULFILL_BODY_SCHEMA;
  markPublicOperations(document);
  listNullInNullableEnums(document);
  return document;
}

/** The @Public() routes that take no credentials at all (the webhook is public to the API-key guard but has its own scheme). */
const OPEN_PATH_PREFIX = '/health/';

/**
 * `security: []` on the health probes: an explicit "no credentials", where
 * an absent key would leave linters and clients to guess. Any other
 * operation that declares no security fails the build, so a new route
 * cannot be documented as open by forgetting @ApiBearerAuth.
 */
function markPublicOperations(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = item[method];
      if (!operation || operation.security !== undefined) continue;
      if (!path.startsWith(OPEN_PATH_PREFIX)) throw new Error(`${method.toUpperCase()} ${path} declares no security scheme: add @ApiBearerAuth('${API_KEY_SCHEME}')`);
      operation.security = [];
    }
  }
}
