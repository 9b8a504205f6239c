import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json, with the API-key scheme declared. */
export function setUpSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Fulfillment gateway')
    .setDescription(
      'Orders from Joom and Akinon in one canonical model with one state machine, fulfilled through Flexport. ' +
        'Authenticate with `Authorization: Bearer <API key>` (keys from API_KEYS). ' +
        'Errors always have the shape `{ statusCode, code, message, details? }`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
