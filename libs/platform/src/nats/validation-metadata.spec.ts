import { IsInt, IsString, Min, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata';

cacheValidationMetadata();

class Base {
  @IsString()
  name: string;
}

class Child extends Base {
  @IsInt()
  @Min(1)
  count: number;
}

describe('cached class-validator metadata', () => {
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
  });

  it('sees rules of classes declared after the first validation', () => {
    expect(validateSync(Object.assign(new Base(), { name: 'x' }))).toEqual([]);
    class Later extends Base {
      @IsInt()
      n: number;
    }
    expect(validateSync(Object.assign(new Later(), { name: 'x', n: 'no' })).map((e) => e.property)).toEqual([
      'n',
    ]);
  });
});
