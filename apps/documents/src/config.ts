import { StorageServiceConfig } from '@tdkt/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Documents: storage is required (every rendered file is kept), plus the Chromium pool's bounds. */
export class DocumentsConfig extends StorageServiceConfig {
  /** The Chromium binary (Debian's `chromium`); default: `chromium` on PATH, else /usr/bin/chromium. */
  @IsOptional()
  @IsString()
  CHROMIUM_PATH?: string;

  /** Pages printing at once in this instance. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  RENDER_CONCURRENCY: number = 2;

  /** Render jobs taken at once by this instance (each prints through the pool). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  RENDER_JOBS_AT_ONCE: number = 2;

  /**
   * `page` (the default): warm pages of one context reused, JavaScript off, no network, the whole
   * document replaced by each render — nothing of one document reaches the next.
   * `context`: every document in a fresh browser context of its own, at a renderer process per
   * document: measured 0.2–0.65 s of CPU each (as much as a cold launch), which caps 2 cores at
   * 2.5–3 documents/s against ~20 with `page`. See ChromiumPool and bench/README.md (Documents).
   */
  @IsIn(['context', 'page'])
  CHROMIUM_ISOLATION: 'context' | 'page' = 'page';

  /** The browser is replaced after this many renders. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  CHROMIUM_RESTART_AFTER: number = 100;

  /** … or when its processes hold more than this (MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(64)
  @Max(65536)
  CHROMIUM_MAX_RSS_MB: number = 768;

  /** The bound of each step of a render (launch, context, content, fonts, print). */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(300000)
  RENDER_STEP_TIMEOUT_MS: number = 30000;

  /** How long a download link stays valid (seconds). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3600)
  DOWNLOAD_TTL_SECONDS: number = 300;

  /** Where the public receipt check is reached (printed on receipts): `<url>/api/v1/receipts/verify/<code>`. */
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_BASE_URL must be http(s)://…' })
  PUBLIC_BASE_URL: string = 'http://localhost:3000';

  /** Timeout of the data reads of one large document (a paginated read of a big group). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  GATHER_TIMEOUT_MS: number = 60000;

  /**
   * Large groups: the render steps (content, fonts, print) of a document of N table rows are
   * bounded by RENDER_STEP_TIMEOUT_MS + N × RENDER_TIMEOUT_PER_ROW_MS, at most
   * RENDER_STEP_TIMEOUT_MAX_MS (a 10,000-row results table printed in 17 s of Chromium CPU, 228 s
   * on a loaded 2-core machine).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  RENDER_TIMEOUT_PER_ROW_MS: number = 30;

  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(3600000)
  RENDER_STEP_TIMEOUT_MAX_MS: number = 900000;

  /** A group-year with more members than this is refused (413 DOCUMENT_TOO_LARGE), not rendered. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000)
  DOCUMENT_MAX_MEMBERS: number = 20000;

  /** Rows per reply when the ranking is read page by page (halved when a page is over NATS max_payload). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  GATHER_PAGE_ROWS: number = 500;
}
