import { cleanFileName, contentDisposition } from './file-names';

describe('file names', () => {
  it('keeps the Vietnamese name in NFC without a path or control characters', () => {
    const decomposed = 'Báo cáo tổng kết.pdf'.normalize('NFD');
    expect(cleanFileName(`C:\\Users\\x\\${decomposed}`)).toBe('Báo cáo tổng kết.pdf'.normalize('NFC'));
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\r\nc.pdf')).toBe('ab c.pdf');
    expect([...cleanFileName('x'.repeat(400))]).toHaveLength(255);
  });

  it('makes a header with an ASCII fallback and the exact UTF-8 name', () => {
    const h = contentDisposition('Đắk Lắk "báo cáo"; 2023.pdf');
    expect(h).toBe(
      `attachment; filename="Dak Lak _bao cao__ 2023.pdf"; filename*=UTF-8''${encodeURIComponent(
        'Đắk Lắk "báo cáo"; 2023.pdf',
      )}`,
    );
    expect(h).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeURIComponent(h.split("UTF-8''")[1])).toBe('Đắk Lắk "báo cáo"; 2023.pdf');
    expect(contentDisposition('')).toContain('filename="tep-tin"');
    expect(contentDisposition("it's (1).pdf")).toContain("filename*=UTF-8''it%27s%20%281%29.pdf");
  });
});
