import { canonicalJson, dataSha256 } from './canonical';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined, so equal data hashes equal', () => {
    const a = { b: 1, a: [{ y: 2, x: 'ắ' }], c: undefined };
    const b = { a: [{ x: 'ắ', y: 2 }], b: 1 };
    expect(canonicalJson(a)).toBe('{"a":[{"x":"ắ","y":2}],"b":1}');
    expect(dataSha256(a)).toBe(dataSha256(b));
  });

  it('changes with any value', () => {
    expect(dataSha256({ a: 1 })).not.toBe(dataSha256({ a: 2 }));
    expect(dataSha256([1, 2])).not.toBe(dataSha256([2, 1]));
  });
});
