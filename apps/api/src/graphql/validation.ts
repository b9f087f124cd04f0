import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '@app/core';

function firstProblem(
  errors: ValidationError[],
  prefix = '',
): { field: string; message: string } | undefined {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      const message = Object.values(e.constraints)[0];
      return { field, message: message.replace(e.property, field) };
    }
    const nested = firstProblem(e.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/** class-validator at the edge; failures become BAD_USER_INPUT naming the field (`citations.0.excerpt`). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors) ?? { field: 'input', message: 'The input is not valid' };
      return DomainError.badInput(problem.field, problem.message);
    },
  });
}
