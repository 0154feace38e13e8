// Moved to adapters/ with the other code that reaches into a library's internals; validation.pipe.ts
// still imports it from here.
export { cacheValidationMetadata } from '../adapters/class-validator-metadata';
