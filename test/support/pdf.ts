/**
 * Reads a PDF the way a format check needs it, with poppler (Debian `poppler-utils`):
 * - `pdftohtml -xml -zoom 1`: text runs with their page, position and size in points, and their
 *   font (family, size, bold, italic);
 * - `pdftotext -bbox-layout`: every word with its box;
 * - `pdffonts`: the fonts the file embeds (a fallback font for a Vietnamese letter shows here);
 * - `pdftotext -layout`: the plain text; `pdftoppm`: a page as PNG to look at.
 * Coordinates are PDF points from the top left of the page (A4 = 595.3 × 841.9).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PdfPage {
  number: number;
  width: number;
  height: number;
}

/** A run of text in one font (as poppler groups it). */
export interface PdfRun {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  /** The embedded font's name without its subset tag, e.g. "LiberationSerif-Bold". */
  font: string;
  size: number;
  bold: boolean;
  italic: boolean;
}

export interface PdfWord {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export interface PdfInfo {
  pages: PdfPage[];
  runs: PdfRun[];
  words: PdfWord[];
  fonts: PdfFont[];
  /** The text in reading order (pdftotext -layout), NFC. */
  text: string;
}

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string): string => {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : '';
};

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Everything the format checks read, from the bytes of a PDF. */
export function readPdf(bytes: Buffer): PdfInfo {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  try {
    const file = join(dir, 'd.pdf');
    writeFileSync(file, bytes);
    const fonts: PdfFont[] = run('pdffonts', [file])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        // name type… encoding emb sub uni object ID: "emb" is the 5th column from the end.
        return {
          name: cols[0],
          type: cols.slice(1, -6).join(' '),
          embedded: cols[cols.length - 5] === 'yes',
        };
      });
    const fullName = new Map(fonts.map((f) => [f.name.split('+')[0], f.name.replace(/^[A-Z]{6}\+/, '')]));
    const xml = run('pdftohtml', ['-xml', '-i', '-zoom', '1', '-stdout', file]);
    const pages: PdfPage[] = [];
    const runs: PdfRun[] = [];
    const specs = new Map<string, { family: string; size: number }>();
    let page = 0;
    for (const m of xml.matchAll(/<page [^>]*>|<fontspec [^>]*\/>|<text [^>]*>([\s\S]*?)<\/text>/g)) {
      const tag = m[0];
      if (tag.startsWith('<page ')) {
        page = Number(attr(tag, 'number'));
        pages.push({ number: page, width: Number(attr(tag, 'width')), height: Number(attr(tag, 'height')) });
      } else if (tag.startsWith('<fontspec')) {
        specs.set(attr(tag, 'id'), { family: attr(tag, 'family'), size: Number(attr(tag, 'size')) });
      } else {
        const spec = specs.get(attr(tag, 'font')) ?? { family: '?', size: 0 };
        const inner = m[1];
        const font = fullName.get(spec.family.split('+')[0]) ?? spec.family.replace(/^[A-Z]{6}\+/, '');
        runs.push({
          page,
          x: Number(attr(tag, 'left')),
          y: Number(attr(tag, 'top')),
          width: Number(attr(tag, 'width')),
          height: Number(attr(tag, 'height')),
          text: decode(inner).normalize('NFC'),
          font,
          size: spec.size,
          bold: /<b>/.test(inner) || /Bold/i.test(font),
          italic: /<i>/.test(inner) || /Italic|Oblique/i.test(font),
        });
      }
    }
    const bbox = run('pdftotext', ['-bbox-layout', file, '-']);
    const words: PdfWord[] = [];
    let p = 0;
    for (const m of bbox.matchAll(/<page [^>]*>|<word ([^>]*)>([^<]*)<\/word>/g)) {
      if (m[0].startsWith('<page ')) {
        p++;
        continue;
      }
      words.push({
        page: p,
        xMin: Number(attr(m[1], 'xMin')),
        yMin: Number(attr(m[1], 'yMin')),
        xMax: Number(attr(m[1], 'xMax')),
        yMax: Number(attr(m[1], 'yMax')),
        text: decode(m[2]).normalize('NFC'),
      });
    }
    const text = run('pdftotext', ['-layout', file, '-']).normalize('NFC');
    return { pages, runs, words, fonts, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The plain text of a PDF (NFC). */
export function pdfText(bytes: Buffer): string {
  return readPdf(bytes).text;
}

/** Writes page `page` (1-based) as a PNG at `dpi` to `out` (a path without extension); answers the file. */
export function pageToPng(bytes: Buffer, out: string, page = 1, dpi = 60): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  try {
    const file = join(dir, 'd.pdf');
    writeFileSync(file, bytes);
    run('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      out,
    ]);
    return `${out}.png`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a PDF file from disk (for scripts). */
export function readPdfFile(path: string): PdfInfo {
  return readPdf(readFileSync(path));
}
