import { ArgumentMetadata, BadRequestException, Type, ValidationPipe } from '@nestjs/common';
import { describeProblems, FieldProblem, fieldProblems, payloadShapeProblems } from '@app/common';
import { CancelBody, CommandName, FulfillBody, ModifyTrackingBody, passesCommandBodyRules, RejectBody } from '@app/queues';
import { isWellFormedOrderIdParams, OrderIdParams } from '../orders/dto/channel-order.params';

/** A 400 `validation_failed` naming every bad field, the one form all input errors take. */
export function validationFailed(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({ code: 'validation_failed', message: describeProblems(fields), details: { fields } });
}

/** Query parameters given more than once arrive as arrays; each is one clear problem, not three confusing ones. */
function repeatedParameters(query: unknown): FieldProblem[] {
  if (typeof query !== 'object' || query === null) return [];
  return Object.entries(query)
    .filter(([, value]) => Array.isArray(value))
    .map(([field]) => ({ field, problems: [`${field} must be given once`] }));
}

/**
 * Recognises the common, valid input of a DTO without class-transformer and
 * class-validator (which cost more than the Redis read on the hot read
 * path). It must only say yes to input the DTO's rules accept; anything else
 * takes the full path and gets its exact error.
 */
export type FastCheck = (value: unknown) => boolean;

/**
 * The global pipe: unknown fields are refused (not silently dropped), values
 * are transformed to their declared types, and a 400 names every bad field.
 *
 * Before class-validator runs, the raw input is checked for what it would
 * mishandle: a body that is not an object (an array would be validated as
 * an object with keys "0", "1"…), reserved keys (`__proto__`, `constructor`
 * are dropped by class-transformer instead of being refused like any other
 * unknown field), nesting deep enough to overflow its recursive copy, and
 * repeated query parameters.
 */
export class GatewayValidationPipe extends ValidationPipe {
  constructor(private readonly fastChecks: ReadonlyMap<Type, FastCheck> = new Map()) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => validationFailed(fieldProblems(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as Type | undefined;
    if (metatype && this.fastChecks.get(metatype)?.(value)) return Object.assign(new metatype(), value);
    if (metadata.type === 'body' || metadata.type === 'query') {
      const validated = this.validatesAgainstClass(metadata);
      if (metadata.type === 'body' && validated) value = this.objectBody(value);
      // Bodies we only read (webhooks) are never copied recursively, so only validated ones have a depth limit.
      const shape = payloadShapeProblems(value, validated ? undefined : Infinity);
      const repeated = metadata.type === 'query' ? repeatedParameters(value) : [];
      if (shape.length + repeated.length > 0) throw validationFailed([...shape, ...repeated]);
    }
    return super.transform(value, metadata);
  }

  private validatesAgainstClass(metadata: ArgumentMetadata): boolean {
    return !!metadata.metatype && this.toValidate(metadata);
  }

  /** No body is an empty object (so the 400 names the missing fields); anything but an object is refused outright. */
  private objectBody(value: unknown): unknown {
    if (value === undefined) return {};
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
    throw new BadRequestException({
      code: 'malformed_body',
      message: `request body must be a JSON object, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`,
      details: { field: 'body' },
    });
  }
}

/** A command's REST body, checked by the rules its class declares written out (libs/queues command-job-rules.ts). */
const commandBody =
  (name: CommandName): FastCheck =>
  (value) =>
    passesCommandBodyRules(name, value);

export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe(
    new Map<Type, FastCheck>([
      [OrderIdParams, isWellFormedOrderIdParams],
      [FulfillBody, commandBody('fulfill')],
      [CancelBody, commandBody('cancel')],
      [RejectBody, commandBody('reject')],
      [ModifyTrackingBody, commandBody('modify-tracking')],
    ]),
  );
}
