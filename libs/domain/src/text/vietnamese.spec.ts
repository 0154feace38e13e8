import { escapeLike, fold, nfc, slugify } from './vietnamese';

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
});
