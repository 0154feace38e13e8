import { HEAP_DEFAULTS, heapLimits } from './heap';

describe('the heap limits awards runs with', () => {
  it('defaults, settings, off, and refuses nonsense', () => {
    expect(heapLimits({})).toEqual(HEAP_DEFAULTS);
    expect(heapLimits({ AWARDS_HEAP_OLD_MB: '256', AWARDS_HEAP_YOUNG_MB: '' })).toEqual({
      youngMb: HEAP_DEFAULTS.youngMb,
      oldMb: 256,
    });
    expect(heapLimits({ AWARDS_HEAP_LIMITS: 'off' })).toBeNull();
    expect(() => heapLimits({ AWARDS_HEAP_OLD_MB: '12' })).toThrow(/64–16384 MB/);
    expect(() => heapLimits({ AWARDS_HEAP_YOUNG_MB: 'lots' })).toThrow(/3–256 MB/);
  });
});
