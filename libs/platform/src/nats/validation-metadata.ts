import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage> & { __tdktCached?: boolean };

/**
 * class-validator looks up a class's rules on every validation by scanning every class it knows
 * (for inherited rules): with a few hundred DTO classes that is the largest part of validating a
 * small payload. The rules only change while classes are being declared, so the answer is cached
 * per (class, options) and the cache dropped whenever a rule is added. Idempotent.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as Storage;
  if (storage.__tdktCached) return;
  storage.__tdktCached = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let cache = new Map<unknown, Map<string, ReturnType<typeof lookup>>>();
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
}
