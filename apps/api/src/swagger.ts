import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerCustomOptions, SwaggerModule } from '@nestjs/swagger';
import { bundleStyleHashes, pageStyleHashes } from './http/inline-style-hashes';
import { nodeRequire, packageFolder } from './http/package-files';
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
  SwaggerModule.setup('docs', app, document, SWAGGER_UI_OPTIONS);
}

export const DOCS_PATH = '/docs';

const SWAGGER_UI_OPTIONS: SwaggerCustomOptions = {
  jsonDocumentUrl: 'docs-json',
  swaggerOptions: {
    displayRequestDuration: true,
    // An authorized key lives in the tab's memory only, gone on reload. Kept
    // in localStorage it would outlive the session on a shared browser and be
    // readable by any script on this origin. No setting turns it on: pasting
    // the key again after a reload costs an operator seconds.
    persistAuthorization: false,
    // Swagger UI's validator badge asks validator.swagger.io about the
    // document's URL: a third party told where the gateway is, and an image
    // the CSP refuses. It shows only for a document loaded by URL (this page
    // embeds it); 'none' keeps it off either way.
    validatorUrl: 'none',
  },
};

/**
 * The CSP hashes of Swagger UI's inline styles: those of its page as
 * @nestjs/swagger builds it for these options (its page builder is not
 * exported, so it is loaded from the package's files) and the topbar logo's.
 */
export function swaggerUiStyleHashes(): string[] {
  const pageBuilder = join(packageFolder('@nestjs/swagger'), 'dist', 'swagger-ui', 'swagger-ui.js');
  const { buildSwaggerHTML } = nodeRequire(pageBuilder) as { buildSwaggerHTML(baseUrl: string, options: SwaggerCustomOptions): string };
  // The copy of swagger-ui-dist that @nestjs/swagger serves.
  const preset = readFileSync(join(packageFolder('swagger-ui-dist', pageBuilder), 'swagger-ui-standalone-preset.js'), 'utf8');
  return [...pageStyleHashes(buildSwaggerHTML('./', SWAGGER_UI_OPTIONS), 'Swagger UI'), ...bundleStyleHashes(preset)];
}
