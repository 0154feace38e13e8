/**
 * Renders every template with the sample data (seed 000's TN&DHMT cluster, 2023) to PDF through
 * Debian's Chromium (puppeteer-core directly, the way the renderer does), and to .docx, for looking
 * at. Not used by the service.
 *
 *   node -r @swc-node/register apps/documents/src/templates/preview.ts [outDir] [--large N]
 *
 * Then e.g. `pdftoppm -png -r 60 -f 1 -l 1 out/KH-….pdf out/KH` and `pdffonts out/KH-….pdf`.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { DocumentType } from '@tdkt/domain';
import { TEMPLATES, type DocumentTemplate } from './index';
import { largeGroup, SAMPLE_AWARDS, SAMPLE_GROUP_REPORT, SAMPLE_RESULTS_TABLE, SAMPLES } from './samples';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const li = args.indexOf('--large');
  const large = li >= 0 ? Number(args[li + 1]) : 0;
  const out =
    args.find((a, i) => !a.startsWith('--') && (li < 0 || i !== li + 1)) ?? '/tmp/documents-preview';
  mkdirSync(out, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
  const jobs: [string, DocumentTemplate<never>, unknown][] = Object.values(DocumentType).map((type) => [
    type,
    TEMPLATES[type] as DocumentTemplate<never>,
    SAMPLES[type],
  ]);
  if (large > 0) {
    const big = largeGroup(large);
    const awards = {
      periodLabel: SAMPLE_AWARDS.periodLabel,
      rows: SAMPLE_AWARDS.rows.map((r, k) => ({
        code: r.code,
        cells: big.group.members.map((_, i) => (i * (k + 3)) % 7),
      })),
    };
    jobs.push(
      [
        `RESULTS_TABLE_${large}`,
        TEMPLATES[DocumentType.RESULTS_TABLE] as DocumentTemplate<never>,
        { ...SAMPLE_RESULTS_TABLE, ...big },
      ],
      [
        `GROUP_REPORT_${large}`,
        TEMPLATES[DocumentType.GROUP_REPORT] as DocumentTemplate<never>,
        { ...SAMPLE_GROUP_REPORT, ...big, honours: [], undecided: [], awards },
      ],
    );
  }
  try {
    for (const [type, tpl, data] of jobs) {
      const t0 = Date.now();
      const html = tpl.html(data as never);
      const base = `${tpl.fileName(data as never)}${/_\d+$/.test(type) ? `-${large}` : ''}`;
      writeFileSync(join(out, `${base}.html`), html);
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
      await page.evaluate('document.fonts.ready');
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        tagged: false,
        timeout: 600_000,
      });
      await context.close();
      writeFileSync(join(out, `${base}.pdf`), pdf);
      const docx = await tpl.docx(data as never);
      writeFileSync(join(out, `${base}.docx`), docx);
      console.log(`${type}: ${base}.pdf ${pdf.length} B, .docx ${docx.length} B, ${Date.now() - t0} ms`);
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
