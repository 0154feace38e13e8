import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Add = Storage['addValidationMetadata'];

/** Marks a metadata store whose lookups are already cached (one store per class-validator copy). */
const CACHED = Symbol.for('tdkt.cacheValidationMetadata');

/**
 * class-validator looks up a class's rules on every validation by scanning every class it knows
 * (for inherited rules): with a few hundred DTO classes that is the largest part of validating a
 * small payload. The rules only change while classes are being declared, so the answer is cached
 * per (class, options) and the cache dropped whenever a rule is added. Idempotent.
 *
 * This replaces two methods of class-validator's global metadata store (not public API):
 * `getTargetValidationMetadatas(target, schema, always, strictGroups, groups)`, which validation
 * calls once per object, and `addValidationMetadata(metadata)`, through which every decorator adds
 * its rule. When the store does not have them it changes nothing and returns false;
 * adapters/class-validator-metadata.spec.ts checks them against the installed class-validator.
 */
export function cacheValidationMetadata(): boolean {
  const storage = getMetadataStorage() as Storage & { [CACHED]?: true };
  if (storage[CACHED]) return true;
  if (
    typeof storage.getTargetValidationMetadatas !== 'function' ||
    typeof storage.addValidationMetadata !== 'function'
  ) {
    return false;
  }
  storage[CACHED] = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add: Add = storage.addValidationMetadata.bind(storage);
  let cache = new Map<unknown, Map<string, ReturnType<Lookup>>>();
  storage.addValidationMetadata = (m) => {
    cache = new Map();
    add(m);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let perTarget = cache.get(target);
    if (!perTarget) cache.set(target, (perTarget = new Map()));
    let found = perTarget.get(key);
    if (!found) perTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  return true;
}
