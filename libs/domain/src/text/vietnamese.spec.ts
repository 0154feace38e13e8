import { capProblems, clip, escapeLike, fold, isWellFormed, nfc, slugify } from './vietnamese';

describe('Vietnamese text', () => {
  it('stores NFC: a decomposed name becomes the composed one', () => {
    const decomposed = 'Bình Định'.normalize('NFD');
    expect(decomposed).not.toBe('Bình Định');
    expect(nfc(`  ${decomposed}  `)).toBe('Bình Định');
  });

  it('folds diacritics and đ for search', () => {
    expect(fold('Đắk Lắk')).toBe('dak lak');
    expect(fold('ĐẮK  NÔNG')).toBe('dak nong');
    expect(fold('Thừa Thiên Huế'.normalize('NFD'))).toBe('thua thien hue');
  });

  it('makes stable ASCII codes', () => {
    expect(slugify('Bà Rịa - Vũng Tàu')).toBe('ba-ria-vung-tau');
    expect(slugify('Sở Văn hóa, Thể thao và Du lịch')).toBe('so-van-hoa-the-thao-va-du-lich');
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('knows ill-formed text (a lone surrogate)', () => {
    expect(isWellFormed('Đắk Lắk 😀')).toBe(true);
    expect(isWellFormed('\ud800')).toBe(false);
    expect(isWellFormed('a\udfffb')).toBe(false);
  });

  it('echoes at most 100 characters of input in a message, never half a surrogate pair', () => {
    expect(clip('ngắn')).toBe('ngắn');
    const long = clip('A'.repeat(700_000));
    expect(long).toHaveLength(101);
    expect(long.endsWith('…')).toBe(true);
    const cut = clip(`${'a'.repeat(99)}😀😀`);
    expect(isWellFormed(cut)).toBe(true);
    expect(cut).toBe(`${'a'.repeat(99)}…`);
  });

  it('lists at most 100 problems and counts the rest', () => {
    const many = Array.from({ length: 250 }, (_, i) => i);
    expect(capProblems(many, (n) => -n)).toEqual([...many.slice(0, 100), -150]);
    expect(capProblems([1, 2], (n) => -n)).toEqual([1, 2]);
  });
});
