import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { SwaggerCustomOptions, SwaggerModule } from '@nestjs/swagger';
import { bundleStyleHashes, pageStyleHashes } from './http/inline-style-hashes';
import { nodeRequire, packageFolder } from './http/package-files';
import { buildOpenApiDocument } from './openapi/openapi-document';

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json (the document of openapi/openapi-document.ts). */
export function setUpSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), SWAGGER_UI_OPTIONS);
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
