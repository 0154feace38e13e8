import type { DocumentHead, Signer } from './model';

/**
 * The layout every template builds, rendered twice from the same value: to HTML (frame.ts, for
 * Chromium) and to Word (docx/render.ts). Keeping both outputs on one structure is what makes
 * the .docx carry "the same content and layout" as the PDF.
 *
 * Text here is raw (never HTML): the renderers escape it.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export type Block =
  /** I. (level 1: bold caps as given), 1. (level 2: bold), a) (level 3: bold italic). Kept with the next block. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  /** A body paragraph: justified, first-line indent, ≥ 6 pt after (unless `align`/`indent` say otherwise). */
  | { kind: 'para'; runs: Run[]; align?: Align; indent?: boolean; size?: number; keepWithNext?: boolean }
  /** A table. `head` rows repeat on every page; no row is split across pages. */
  | { kind: 'table'; table: Table }
  /** Vertical space in points. */
  | { kind: 'space'; pt: number };

export interface Cell {
  text: string;
  bold?: boolean;
  italic?: boolean;
  align?: Align;
  colSpan?: number;
  rowSpan?: number;
}

export interface Table {
  /** Relative widths (any unit; normalised). */
  widths: number[];
  /** Default alignment per column. */
  aligns: Align[];
  head: Cell[][];
  body: Cell[][];
  /** Font size of the table in points (13 when absent). */
  size?: number;
}

/** The closing: recipients (or a second signer) left, signer right, level with each other. */
export interface Closing {
  recipients: string[] | null;
  /** A signer on the left instead of recipients (the secretary of a minutes). */
  leftSigner?: Signer | null;
  signer: Signer;
}

/** An appendix: its own page(s), its own orientation, no page number on its first page. */
export interface Appendix {
  orientation: 'portrait' | 'landscape';
  /** "Phụ lục" line (14 pt bold), e.g. "Phụ lục" or "Phụ lục I"; null: none. */
  label: string | null;
  /** Title lines (bold caps, centred). */
  title: string[];
  /** Italic line under the title, e.g. "(Kèm theo Báo cáo số …)". */
  note: string | null;
  blocks: Block[];
}

export interface Doc {
  /** For <title> and the Word file's properties. */
  name: string;
  orientation: 'portrait' | 'landscape';
  head: DocumentHead;
  /** "KẾ HOẠCH", "GIẤY MỜI"… (printed in capitals, bold, centred). */
  kind: string;
  /** Summary lines (bold, centred) under the kind; a short line follows. */
  summary: string[];
  /** "Kính gửi: …" lines, centred under the summary (invitation, proposal letter). */
  addressees?: string[];
  /** Legal bases (italic): ";" after each, "." after the last. */
  bases: string[];
  body: Block[];
  closing: Closing;
  appendices: Appendix[];
}

// Small builders used by every template.

export const t = (text: string, style: Omit<Run, 'text'> = {}): Run => ({ text, ...style });

export const p = (...runs: (Run | string)[]): Block => ({
  kind: 'para',
  runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});

/** "- text" (or "+ text") item as the seeds write lists: first-line indent, justified. */
export const dash = (text: string, mark: '-' | '+' = '-'): Block => ({
  kind: 'para',
  runs: [{ text: `${mark} ${text}` }],
});

export const h1 = (text: string): Block => ({ kind: 'heading', level: 1, text });
export const h2 = (text: string): Block => ({ kind: 'heading', level: 2, text });
export const h3 = (text: string): Block => ({ kind: 'heading', level: 3, text });

export const table = (tbl: Table): Block => ({ kind: 'table', table: tbl });

/** Roman numerals for level-1 headings (I., II., …). */
export function roman(n: number): string {
  const map: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of map)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}
