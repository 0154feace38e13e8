import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validationMessage } from '@tdkt/contracts';
import { validateSync } from 'class-validator';
import { AppError, flattenValidationErrors } from './app-error';
import { cacheValidationMetadata } from '../adapters/class-validator-metadata';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/** Validates a NATS payload against its contract class; answers VALIDATION_FAILED naming the field. */
@Injectable()
export class RpcValidationPipe implements PipeTransform {
  constructor() {
    cacheValidationMetadata();
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const cls = metadata.metatype;
    if (!cls || PRIMITIVES.has(cls) || metadata.type !== 'body') return value;
    if (value === null || typeof value !== 'object') {
      const { rule, message } = validationMessage('isObject');
      throw AppError.validation([{ field: 'body', rule, message }]);
    }
    const instance = plainToInstance(cls, value) as object;
    const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw AppError.validation(flattenValidationErrors(errors));
    return instance;
  }
}
