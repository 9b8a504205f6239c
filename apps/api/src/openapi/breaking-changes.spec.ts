import { breakingChanges, OpenApiDocument } from './breaking-changes';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });

/** One API: list orders (a page of OrderDto, a `limit` and an optional `status` query) and fulfil one. */
function released(): OpenApiDocument {
  return {
    paths: {
      '/v1/orders': {
        get: {
          parameters: [
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
            { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['ready', 'shipped'] } },
          ],
          responses: { '200': json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/OrderDto' } } } }) },
        },
      },
      '/v1/orders/{id}/fulfill': {
        post: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/FulfillBody' }) },
          responses: { '202': json({ type: 'object', properties: { jobId: { type: 'string' } } }) },
        },
      },
    },
    components: {
      schemas: {
        OrderDto: {
          type: 'object',
          required: ['id', 'version', 'returnOutcome'],
          properties: {
            id: { type: 'string' },
            version: { type: 'number' },
            returnOutcome: { type: 'string', nullable: true, enum: ['completed', null] },
            parent: { nullable: true, allOf: [{ $ref: '#/components/schemas/OrderDto' }] },
          },
        },
        FulfillBody: { oneOf: [{ $ref: '#/components/schemas/Tracking' }, { $ref: '#/components/schemas/Flexport' }] },
        Tracking: { type: 'object', required: ['mode', 'carrier'], properties: { mode: { type: 'string', enum: ['tracking'] }, carrier: { type: 'string' }, note: { type: 'string' } } },
        Flexport: { type: 'object', required: ['mode'], properties: { mode: { type: 'string', enum: ['flexport'] }, shipMethod: { type: 'string', enum: ['standard', 'priority'] } } },
      },
    },
  };
}

/** The released document changed by `edit`. */
function changed(edit: (document: any) => void): OpenApiDocument {
  const document = released();
  edit(document);
  return document;
}

describe('breakingChanges', () => {
  it('finds none between a document and itself, recursive schemas included', () => {
    expect(breakingChanges(released(), released())).toEqual([]);
  });

  it('lets additions through: an operation, an optional parameter, a response property, a request enum value, a narrower response type', () => {
    const after = changed((document) => {
      document.paths['/v1/jobs'] = { get: { responses: {} } };
      document.paths['/v1/orders'].get.parameters.push({ name: 'cursor', in: 'query', required: false, schema: { type: 'string' } });
      document.components.schemas.OrderDto.properties.channel = { type: 'string' };
      document.paths['/v1/orders'].get.parameters[1].schema.enum.push('cancelled');
      document.components.schemas.OrderDto.properties.version.type = 'integer';
    });
    expect(breakingChanges(released(), after)).toEqual([]);
  });

  it('reports a removed operation', () => {
    expect(
      breakingChanges(
        released(),
        changed((document) => delete document.paths['/v1/orders/{id}/fulfill']),
      ),
    ).toEqual(['POST /v1/orders/{id}/fulfill: operation removed']);
  });

  it('reports removed and no-longer-required response properties, through $ref and array items', () => {
    const after = changed((document) => {
      delete document.components.schemas.OrderDto.properties.id;
      document.components.schemas.OrderDto.required = ['version'];
    });
    expect(breakingChanges(released(), after)).toEqual(['GET /v1/orders: response 200.items[].id: removed', 'GET /v1/orders: response 200.items[].returnOutcome: no longer always present']);
  });

  it('reports a response property that became nullable', () => {
    const after = changed((document) => (document.components.schemas.OrderDto.properties.id.nullable = true));
    expect(breakingChanges(released(), after)).toEqual(['GET /v1/orders: response 200.items[].id: newly nullable']);
  });

  it('reports newly required parameters and request properties', () => {
    const after = changed((document) => {
      document.paths['/v1/orders'].get.parameters[0].required = true;
      document.paths['/v1/orders'].get.parameters.push({ name: 'channel', in: 'query', required: true, schema: { type: 'string' } });
      document.components.schemas.Tracking.required.push('note');
    });
    expect(breakingChanges(released(), after)).toEqual([
      'GET /v1/orders: query parameter limit: newly required',
      'GET /v1/orders: query parameter channel: newly required',
      'POST /v1/orders/{id}/fulfill: request body<Tracking>.note: newly required',
    ]);
  });

  it('reports narrowed request enums and a removed request variant', () => {
    const after = changed((document) => {
      document.paths['/v1/orders'].get.parameters[1].schema.enum = ['ready'];
      document.components.schemas.Flexport.properties.shipMethod.enum = ['standard'];
      document.components.schemas.FulfillBody.oneOf.shift();
    });
    expect(breakingChanges(released(), after)).toEqual([
      'GET /v1/orders: query parameter status: enum no longer accepts "shipped"',
      'POST /v1/orders/{id}/fulfill: request body: variant Tracking removed',
      'POST /v1/orders/{id}/fulfill: request body<Flexport>.shipMethod: enum no longer accepts "priority"',
    ]);
  });

  it('reports changed types on either side, and a request integer that became a string', () => {
    const after = changed((document) => {
      document.components.schemas.OrderDto.properties.version.type = 'string';
      document.paths['/v1/orders'].get.parameters[0].schema.type = 'string';
    });
    expect(breakingChanges(released(), after)).toEqual(['GET /v1/orders: query parameter limit: type integer → string', 'GET /v1/orders: response 200.items[].version: type number → string']);
  });
});
