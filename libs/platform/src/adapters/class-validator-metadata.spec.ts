/**
 * What `cacheValidationMetadata` relies on in class-validator (its metadata store is not public
 * API), checked against the installed version: when an upgrade changes it, this fails.
 */
import { getMetadataStorage, IsInt, IsString, MetadataStorage, Min, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './class-validator-metadata';

// Record what reaches the store's own methods, underneath the cache installed next.
const storage = getMetadataStorage();
const lookups: Parameters<MetadataStorage['getTargetValidationMetadatas']>[] = [];
const added: unknown[] = [];
const lookup = storage.getTargetValidationMetadatas.bind(storage);
const add = storage.addValidationMetadata.bind(storage);
storage.getTargetValidationMetadatas = (...args) => {
  lookups.push(args);
  return lookup(...args);
};
storage.addValidationMetadata = (m) => {
  added.push(m.target);
  add(m);
};
const installed = cacheValidationMetadata();
const lookupsOf = (target: unknown) => lookups.filter(([t]) => t === target);

class Base {
  @IsString()
  name: string;
}

class Child extends Base {
  @IsInt()
  @Min(1)
  count: number;
}

describe('class-validator metadata store (adapter)', () => {
  it('is one global store with the two methods the cache replaces, as the cache calls them', () => {
    expect(installed).toBe(true);
    expect(getMetadataStorage()).toBe(storage);
    expect(storage).toBeInstanceOf(MetadataStorage);
    // (target, schema, always, strictGroups, groups): the cache key is made of the last four
    expect(MetadataStorage.prototype.getTargetValidationMetadatas).toHaveLength(5);
    expect(MetadataStorage.prototype.addValidationMetadata).toHaveLength(1);
    // Idempotent: a second call keeps the methods in place.
    const methods = [storage.getTargetValidationMetadatas, storage.addValidationMetadata];
    expect(cacheValidationMetadata()).toBe(true);
    expect([storage.getTargetValidationMetadatas, storage.addValidationMetadata]).toEqual(methods);
  });

  it('validation asks the store once per class and options; the cache answers the repeats', () => {
    class Probe {
      @IsInt()
      n: number;
    }
    const bad = Object.assign(new Probe(), { n: 'x' });
    for (let i = 0; i < 3; i += 1) expect(validateSync(bad).map((e) => e.property)).toEqual(['n']);
    expect(lookupsOf(Probe)).toEqual([[Probe, undefined, false, false, undefined]]);
    for (let i = 0; i < 3; i += 1) validateSync(bad, { groups: ['a'], always: true });
    expect(lookupsOf(Probe)).toEqual([
      [Probe, undefined, false, false, undefined],
      [Probe, undefined, true, false, ['a']],
    ]);
  });

  it('decorators add their rules through addValidationMetadata, which drops the cache', () => {
    class Later {
      @IsString()
      name: string;
    }
    expect(added.filter((t) => t === Later)).toHaveLength(1);
    const value = Object.assign(new Later(), { name: 'x', n: 'no' });
    expect(validateSync(value)).toEqual([]);
    // A rule declared after the first validation (as a decorator does it) is seen at once.
    IsInt()(Later.prototype, 'n');
    expect(added.filter((t) => t === Later)).toHaveLength(2);
    expect(validateSync(value).map((e) => e.property)).toEqual(['n']);
    expect(lookupsOf(Later)).toHaveLength(2);
  });

  it('validates own and inherited rules the same, call after call', () => {
    const bad = Object.assign(new Child(), { name: 5, count: 0 });
    const good = Object.assign(new Child(), { name: 'a', count: 2 });
    for (let i = 0; i < 3; i += 1) {
      expect(
        validateSync(bad)
          .map((e) => e.property)
          .sort(),
      ).toEqual(['count', 'name']);
      expect(validateSync(good)).toEqual([]);
    }
    expect(lookupsOf(Child)).toHaveLength(1);
  });
});
