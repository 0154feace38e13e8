import { shortOf } from './gather';

describe('shortOf', () => {
  it("abbreviates a group's code as the symbols print it", () => {
    expect(shortOf({ code: 'cum-tn-dhmt' })).toBe('CTN&DHMT');
    expect(shortOf({ code: 'khoi-kinh-te-ha-tinh' })).toBe('KKTHT');
    expect(shortOf({ code: 'cum-dbsh' })).toBe('CDBSH');
  });
});
