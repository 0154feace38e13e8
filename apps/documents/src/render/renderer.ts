import { Injectable } from '@nestjs/common';
import { DocumentFormat, DocumentType } from '@tdkt/contracts';
import { ChromiumPool } from '../chromium/chromium-pool';
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
  constructor(private readonly pool: ChromiumPool) {}

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
    });
    return { bytes, fileName, contentType: PDF_TYPE };
  }
}
