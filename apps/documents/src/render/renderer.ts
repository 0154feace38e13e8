import { Injectable } from '@nestjs/common';
import { DocumentFormat, DocumentType } from '@tdkt/contracts';
import { InjectConfig } from '@tdkt/platform';
import { ChromiumPool } from '../chromium/chromium-pool';
import { DocumentsConfig } from '../config';
import { DocumentData, templateOf } from '../templates';

export const PDF_TYPE = 'application/pdf';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface RenderedFile {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

/**
 * A document's file from its data: the type's template (apps/documents/src/templates) gives the
 * HTML, printed by the warm Chromium pool, or the .docx written from code (no Chromium).
 */
@Injectable()
export class Renderer {
  constructor(
    private readonly pool: ChromiumPool,
    @InjectConfig() private readonly config: DocumentsConfig,
  ) {}

  /**
   * The bound of a document's render steps: a base plus time per table row, capped
   * (RENDER_STEP_TIMEOUT_MS + rows × RENDER_TIMEOUT_PER_ROW_MS ≤ RENDER_STEP_TIMEOUT_MAX_MS).
   */
  stepTimeoutMs(data: DocumentData[DocumentType]): number {
    const c = this.config;
    return Math.min(
      c.RENDER_STEP_TIMEOUT_MS + tableRowsOf(data) * c.RENDER_TIMEOUT_PER_ROW_MS,
      c.RENDER_STEP_TIMEOUT_MAX_MS,
    );
  }

  templateVersion(type: DocumentType): string {
    return templateOf(type).version;
  }

  fileName(type: DocumentType, format: DocumentFormat, data: DocumentData[DocumentType]): string {
    const t = templateOf(type) as { fileName(d: unknown): string };
    return `${t.fileName(data)}.${format === DocumentFormat.DOCX ? 'docx' : 'pdf'}`;
  }

  async render(
    type: DocumentType,
    format: DocumentFormat,
    data: DocumentData[DocumentType],
  ): Promise<RenderedFile> {
    const t = templateOf(type) as {
      orientation: 'portrait' | 'landscape';
      html(d: unknown): string;
      docx(d: unknown): Promise<Buffer>;
      headerTemplate?: string;
    };
    const fileName = this.fileName(type, format, data);
    if (format === DocumentFormat.DOCX)
      return { bytes: await t.docx(data), fileName, contentType: DOCX_TYPE };
    const bytes = await this.pool.pdf({
      html: t.html(data),
      landscape: t.orientation === 'landscape',
      headerTemplate: t.headerTemplate,
      timeoutMs: this.stepTimeoutMs(data),
    });
    return { bytes, fileName, contentType: PDF_TYPE };
  }
}

/**
 * About how many table rows a document prints: its members (the attendees, the appendix's
 * columns), every member's scores and every ranking row.
 */
export function tableRowsOf(data: unknown): number {
  const d = data as {
    group?: { members?: unknown[] };
    scores?: unknown[];
    rankings?: { rows?: unknown[] }[];
  };
  let rows = d.group?.members?.length ?? 0;
  rows += d.scores?.length ?? 0;
  for (const r of d.rankings ?? []) rows += r.rows?.length ?? 0;
  return rows;
}
