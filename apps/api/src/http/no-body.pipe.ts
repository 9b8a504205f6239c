import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { validationFailed } from './validation';

/**
 * For POST endpoints that take no body (sync, retry): an empty body or `{}`
 * passes; any field is refused by name, as an unknown field in a command
 * body is, so a client sending options we don't have learns it at once.
 */
@Injectable()
export class NoBodyFields implements PipeTransform {
  transform(value: unknown): undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BadRequestException({ code: 'malformed_body', message: 'this endpoint takes no request body', details: { field: 'body' } });
    }
    const fields = Object.keys(value);
    if (fields.length > 0) throw validationFailed(fields.map((field) => ({ field, problems: [`property ${field} should not exist`] })));
    return undefined;
  }
}
