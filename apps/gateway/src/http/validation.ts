import { ValidationPipe } from '@nestjs/common';
import { cacheValidationMetadata, flattenValidationErrors } from '@tdkt/platform';
import { problem, ProblemException } from './problem';

/** Whitelist, reject unknown fields, transform; a 400 problem names every offending field. */
export function validationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const detail = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
      return new ProblemException(problem(400, detail || 'Invalid request', undefined, fields));
    },
  });
}
