import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { describeProblems, fieldProblems } from '@app/common';

/**
 * The global pipe: unknown fields are refused (not silently dropped), values
 * are transformed to their declared types, and a 400 names every bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldProblems(errors);
      return new BadRequestException({
        code: 'validation_failed',
        message: describeProblems(fields),
        details: { fields },
      });
    },
  });
}
