import type { Appendix, Block, Cell, Closing, Doc, Run, Table } from './doc';
import { esc, numberSymbol, placeDate, upper } from './format';
import type { Signer } from './model';

/**
 * The Decree 30/2020/NĐ-CP page frame (Appendix I) as HTML + CSS, shared by every template.
 *
 * A change here changes every document: bump every template's `version` (stored files are keyed
 * by it, so a repeat would otherwise serve the old layout from storage). Version 2: text that
 * cannot fit a line (a dotted blank, a 300-letter name without spaces) wraps instead of making
 * Chromium shrink the whole document to fit it.
 *
 * Page: A4 (landscape for wide tables), margins top/bottom 20 mm, left 30 mm, right 15 mm.
 * Font: only the Times-metric serif family ("Liberation Serif" from fonts-liberation2, else Tinos,
 * else Times New Roman) so the PDF embeds only it; no generic fallback is listed before them.
 *
 * Page numbers: CSS paged media, not puppeteer's headerTemplate. `@page { @top-center { content:
 * counter(page) } }` prints the number centred in the top margin in the document's own font, and
 * `@page :first` removes it from page 1 (Chromium ≥ 131 supports page-margin boxes). The renderer
 * therefore prints with `preferCSSPageSize: true` and without `displayHeaderFooter`. Appendix pages
 * (named pages `appendix-p` / `appendix-l`) carry no number: an appendix is numbered on its own,
 * and CSS cannot restart the page counter there (Chromium ignores `counter-reset: page` in named
 * pages), so its pages stay unnumbered rather than wrongly numbered.
 */

export const FONT_STACK = '"Liberation Serif", "Tinos", "Times New Roman", serif';

/** Margins in millimetres (Decree 30: top/bottom 20–25, left 30–35, right 15–20). */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

const M = MARGINS_MM;

function css(orientation: 'portrait' | 'landscape'): string {
  return `
@page { size: A4 ${orientation}; margin: ${M.top}mm ${M.right}mm ${M.bottom}mm ${M.left}mm;
  @top-center { content: counter(page); font-family: ${FONT_STACK}; font-size: 13pt; vertical-align: middle; } }
@page :first { @top-center { content: none; } }
@page appendix-p { size: A4 portrait; margin: ${M.top}mm ${M.right}mm ${M.bottom}mm ${M.left}mm; @top-center { content: none; } }
@page appendix-l { size: A4 landscape; margin: ${M.top}mm ${M.right}mm ${M.bottom}mm 20mm; @top-center { content: none; } }
html { -webkit-print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 14pt; line-height: 1.3; color: #000; overflow-wrap: anywhere; }
.hdr { width: 100%; border-collapse: collapse; table-layout: fixed; }
.hdr td { vertical-align: top; text-align: center; padding: 0; }
.hdr td.l { width: 45%; }
.hdr td.r { width: 55%; }
.parent { font-size: 13pt; line-height: 1.2; }
.issuer { font-size: 13pt; font-weight: bold; line-height: 1.2; }
.motto { font-size: 12pt; font-weight: bold; line-height: 1.2; white-space: nowrap; }
.slogan { font-size: 14pt; font-weight: bold; line-height: 1.2; }
.slogan span { display: inline-block; border-bottom: 1pt solid #000; padding-bottom: 1pt; }
.rule { margin: 2pt auto 0; border-top: 1pt solid #000; height: 0; }
.rule.issuer-rule { width: 35%; }
.hdr .num { font-size: 13pt; padding-top: 6pt; }
.hdr .pd { font-size: 14pt; font-style: italic; padding-top: 6pt; }
.kind { margin-top: 18pt; text-align: center; font-weight: bold; font-size: 14pt; }
.summary { text-align: center; font-weight: bold; font-size: 14pt; line-height: 1.25; }
.rule.title-rule { width: 25%; margin-top: 3pt; margin-bottom: 12pt; }
.addressees { text-align: center; margin: 6pt 0 12pt; }
.bases p { font-style: italic; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 1.27cm; }
p.c { text-align: center; text-indent: 0; }
p.l { text-align: left; text-indent: 0; }
p.r { text-align: right; text-indent: 0; }
p.ni { text-indent: 0; }
.h { margin: 6pt 0 6pt; text-indent: 1.27cm; text-align: justify; font-weight: bold; break-after: avoid; page-break-after: avoid; }
.h3 { font-style: italic; }
.keep { break-after: avoid; page-break-after: avoid; }
table.grid { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; table-layout: fixed; line-height: 1.2; }
table.grid th, table.grid td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; overflow-wrap: anywhere; }
table.grid th { font-weight: bold; text-align: center; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; page-break-inside: avoid; }
.closing { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 12pt; break-inside: avoid; page-break-inside: avoid; }
.end { break-inside: avoid; page-break-inside: avoid; }
.closing td { vertical-align: top; padding: 0; }
.closing td.l { width: 45%; }
.closing td.r { width: 55%; text-align: center; }
.nn { font-size: 12pt; font-weight: bold; font-style: italic; }
.nn-list { font-size: 11pt; line-height: 1.2; }
.nn-list div { padding-left: 0; }
.sig { text-align: center; font-weight: bold; font-size: 14pt; line-height: 1.25; }
.sig .space { height: 30mm; }
.appendix { break-before: page; page-break-before: always; }
.appendix.p { page: appendix-p; }
.appendix.l { page: appendix-l; }
.appendix .label { text-align: center; font-weight: bold; font-size: 14pt; }
.appendix .atitle { text-align: center; font-weight: bold; font-size: 14pt; line-height: 1.25; }
.appendix .anote { text-align: center; font-style: italic; font-size: 13pt; margin-bottom: 10pt; }
`;
}

function runs(rs: Run[]): string {
  return rs
    .map((r) => {
      let s = esc(r.text);
      if (r.underline) s = `<u>${s}</u>`;
      if (r.italic) s = `<i>${s}</i>`;
      if (r.bold) s = `<b>${s}</b>`;
      return s;
    })
    .join('');
}

const ALIGN_CLASS = { left: 'l', center: 'c', right: 'r', justify: '' } as const;

function cell(tag: 'td' | 'th', c: Cell, align: string | undefined): string {
  const attrs: string[] = [];
  if (c.colSpan && c.colSpan > 1) attrs.push(`colspan="${c.colSpan}"`);
  if (c.rowSpan && c.rowSpan > 1) attrs.push(`rowspan="${c.rowSpan}"`);
  const style: string[] = [];
  const a = c.align ?? align;
  if (a) style.push(`text-align:${a}`);
  if (c.bold) style.push('font-weight:bold');
  if (c.italic) style.push('font-style:italic');
  if (style.length) attrs.push(`style="${style.join(';')}"`);
  return `<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>${esc(c.text)}</${tag}>`;
}

export function tableHtml(tbl: Table): string {
  const total = tbl.widths.reduce((a, w) => a + w, 0);
  const cols = tbl.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(3)}%">`).join('');
  const size = tbl.size ?? 13;
  const head = tbl.head.map((r) => `<tr>${r.map((c) => cell('th', c, undefined)).join('')}</tr>`).join('');
  // Body alignment follows the column unless a cell spans (section rows).
  const body = tbl.body
    .map((r) => {
      let col = 0;
      const cells = r
        .map((c) => {
          const out = cell('td', c, (c.colSpan ?? 1) > 1 ? undefined : tbl.aligns[col]);
          col += c.colSpan ?? 1;
          return out;
        })
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('');
  return `<table class="grid" style="font-size:${size}pt"><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

export function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<div class="h h${b.level}">${esc(b.text)}</div>`;
    case 'para': {
      const cls = [
        b.align ? ALIGN_CLASS[b.align] : '',
        b.indent === false ? 'ni' : '',
        b.keepWithNext ? 'keep' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const style = b.size ? ` style="font-size:${b.size}pt"` : '';
      return `<p${cls ? ` class="${cls}"` : ''}${style}>${runs(b.runs)}</p>`;
    }
    case 'table':
      return tableHtml(b.table);
    case 'space':
      return `<div style="height:${b.pt}pt"></div>`;
  }
}

export function signerHtml(s: Signer): string {
  const lines: string[] = [];
  if (s.authority) lines.push(`<div>${esc(upper(s.authority))}</div>`);
  if (s.position) lines.push(`<div>${esc(upper(s.position))}</div>`);
  lines.push('<div class="space"></div>');
  if (s.signerTitle) lines.push(`<div>${esc(upper(s.signerTitle))}</div>`);
  lines.push(`<div>${s.name ? esc(s.name) : '&nbsp;'}</div>`);
  return `<div class="sig">${lines.join('')}</div>`;
}

/** "- …;" per line, the last "- Lưu: VT, …." */
export function recipientLines(list: string[]): string[] {
  return list.map((r, i) => {
    const text = r
      .trim()
      .replace(/^-\s*/, '')
      .replace(/[;.,]+$/, '');
    return `- ${text}${i === list.length - 1 ? '.' : ';'}`;
  });
}

function closingHtml(c: Closing): string {
  let left = '';
  if (c.leftSigner) left = signerHtml(c.leftSigner);
  else if (c.recipients && c.recipients.length > 0)
    left = `<div class="nn">Nơi nhận:</div><div class="nn-list">${recipientLines(c.recipients)
      .map((l) => `<div>${esc(l)}</div>`)
      .join('')}</div>`;
  return `<table class="closing"><tr><td class="l">${left}</td><td class="r">${signerHtml(c.signer)}</td></tr></table>`;
}

/** Bases: "; " after each, "." after the last (Decree 30). */
export function basesLines(bases: string[]): string[] {
  return bases.map((b, i) => `${b.trim().replace(/[;.,]+$/, '')}${i === bases.length - 1 ? '.' : ';'}`);
}

function appendixHtml(a: Appendix): string {
  return `<section class="appendix ${a.orientation === 'landscape' ? 'l' : 'p'}">${
    a.label ? `<div class="label">${esc(a.label)}</div>` : ''
  }${a.title.map((l) => `<div class="atitle">${esc(upper(l))}</div>`).join('')}${
    a.note ? `<div class="anote">${esc(a.note)}</div>` : '<div style="height:10pt"></div>'
  }${a.blocks.map(blockHtml).join('\n')}</section>`;
}

/** The body, its last paragraph kept on the page of the closing (a signature never stands alone). */
function bodyAndClosing(doc: Doc): string {
  const last = doc.body[doc.body.length - 1];
  if (last?.kind !== 'para') return `${doc.body.map(blockHtml).join('\n')}\n${closingHtml(doc.closing)}`;
  return `${doc.body.slice(0, -1).map(blockHtml).join('\n')}\n<div class="end">${blockHtml(last)}${closingHtml(doc.closing)}</div>`;
}

/** The whole document as one self-contained HTML page. */
export function renderHtml(doc: Doc): string {
  const h = doc.head;
  const header = `<table class="hdr">
<tr><td class="l">${h.issuer.parent ? `<div class="parent">${esc(upper(h.issuer.parent))}</div>` : ''}<div class="issuer">${esc(
    upper(h.issuer.name),
  )}</div><div class="rule issuer-rule"></div></td>
<td class="r"><div class="motto">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="slogan"><span>Độc lập - Tự do - Hạnh phúc</span></div></td></tr>
<tr><td class="l num">${esc(numberSymbol(h))}</td><td class="r pd">${esc(placeDate(h))}</td></tr>
</table>`;
  const title = `<div class="kind">${esc(upper(doc.kind))}</div>${doc.summary
    .map((s) => `<div class="summary">${esc(s)}</div>`)
    .join('')}<div class="rule title-rule"></div>`;
  const addressees = doc.addressees?.length
    ? `<div class="addressees">${doc.addressees.map((a) => `<div>${esc(a)}</div>`).join('')}</div>`
    : '';
  const bases = doc.bases.length
    ? `<div class="bases">${basesLines(doc.bases)
        .map((b) => `<p>${esc(b)}</p>`)
        .join('')}</div>`
    : '';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(doc.name)}</title><style>${css(doc.orientation)}</style></head>
<body>
${header}
${title}
${addressees}
${bases}
${bodyAndClosing(doc)}
${doc.appendices.map(appendixHtml).join('\n')}
</body></html>`;
}
