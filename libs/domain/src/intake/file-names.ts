import { nfc } from '../text/vietnamese';

/**
 * A user's file name as we keep it: NFC, no path, no control characters, at most 255 characters.
 * It is metadata only: object keys are made by the service, never from it.
 */
export function cleanFileName(name: string): string {
  const base = nfc(name).split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return [...cleaned].slice(0, 255).join('');
}

/**
 * A Content-Disposition value that every browser reads back as the original Vietnamese name:
 * an ASCII fallback (diacritics folded, anything unsafe as `_`) and the UTF-8 `filename*` (RFC 6266).
 */
export function contentDisposition(
  name: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const clean = cleanFileName(name) || 'tep-tin';
  const asciiName = clean
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\;]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}
