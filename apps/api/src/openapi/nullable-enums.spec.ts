import type { OpenAPIObject } from '@nestjs/swagger';
import { listNullInNullableEnums } from './nullable-enums';
import { OPERATION_IDS, operationIdOf } from './operation-ids';

describe('listNullInNullableEnums', () => {
  it('adds null to nullable enums in components and parameters, once, and leaves the others alone', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/x': { get: { parameters: [{ name: 'p', in: 'query', schema: { type: 'string', nullable: true, enum: ['a'] } }], responses: {} } } },
      components: {
        schemas: {
          Order: {
            type: 'object',
            properties: {
              returnOutcome: { type: 'string', nullable: true, enum: ['completed', 'declined'] },
              already: { type: 'string', nullable: true, enum: ['x', null] },
              status: { type: 'string', enum: ['ready'] },
              note: { type: 'string', nullable: true },
            },
          },
        },
      },
    } as unknown as OpenAPIObject;
    listNullInNullableEnums(document);
    const properties = (document.components!.schemas!.Order as { properties: Record<string, { enum?: unknown[] }> }).properties;
    expect(properties.returnOutcome.enum).toEqual(['completed', 'declined', null]);
    expect(properties.already.enum).toEqual(['x', null]);
    expect(properties.status.enum).toEqual(['ready']);
    expect(properties.note.enum).toBeUndefined();
    expect((document.paths['/x'].get!.parameters![0] as { schema: { enum: unknown[] } }).schema.enum).toEqual(['a', null]);
  });
});

describe('operationIdOf', () => {
  it('names each route without its controller, every name once', () => {
    expect(operationIdOf('CommandsController', 'fulfill')).toBe('fulfillOrder');
    expect(new Set(Object.values(OPERATION_IDS)).size).toBe(Object.keys(OPERATION_IDS).length);
  });

  it('refuses a route that has no name yet, saying where to add it', () => {
    expect(() => operationIdOf('NewController', 'make')).toThrow('no operationId for NewController.make: add it to apps/api/src/openapi/operation-ids.ts');
  });
});
