import { DocumentType } from '@tdkt/domain';
import type {
  ConferencePlanData,
  GroupReportData,
  InvitationData,
  MinutesData,
  ProposalData,
  ReceiptData,
  ResultsTableData,
} from './model';

export * from './model';
export { esc } from './format';
export { FONT_STACK, MARGINS_MM } from './frame';

import { conferencePlanTemplate } from './conference-plan';
import { groupReportTemplate } from './group-report';
import { invitationTemplate } from './invitation';
import { minutesTemplate } from './minutes';
import { proposalTemplate } from './proposal';
import { receiptTemplate } from './receipt';
import { resultsTableTemplate } from './results-table';

/**
 * The template contract between the templates and the documents service's renderer.
 *
 * - `version`: part of the rendered file's key (type + version + hash of the data). Bump it
 *   whenever the output of `html` or `docx` changes for the same data.
 * - `orientation`: of the first page. Pages and margins come from the HTML's CSS (`@page`), and a
 *   document may mix orientations (the report's appendix is a landscape named page), so the
 *   renderer must print with `page.pdf({ preferCSSPageSize: true, printBackground: true,
 *   tagged: false })` and no `landscape` or `margin` options. `tagged: false` because puppeteer 24
 *   tags PDFs by default, and the structure tree costs one element per table cell: a 3,000-row
 *   results table came out at 15 MB tagged vs 0.75 MB untagged, and took twice as long to print
 *   (text extraction, fonts and layout are the same either way).
 * - Page numbers: printed by the HTML itself (CSS `@page { @top-center { content: counter(page) } }`,
 *   none on page 1 via `@page :first`), in the document's serif font — so the renderer must NOT
 *   set `displayHeaderFooter`. `headerTemplate` is left undefined by every template; if one ever
 *   sets it, the renderer passes it with `displayHeaderFooter: true` and an empty footerTemplate.
 * - Before `page.pdf`, the renderer awaits `document.fonts.ready` (the HTML uses only local fonts).
 * - `html(data)`: a complete, self-contained HTML document (no external resources, no script).
 * - `docx(data)`: the same content as a Word file (A4, Times New Roman, same header/signature).
 * - `fileName(data)`: the base name WITHOUT extension (ASCII, no spaces), e.g.
 *   "KH-214-CTDTN-DHMT-2023"; the renderer appends ".pdf" or ".docx".
 */
export interface DocumentTemplate<D> {
  version: string;
  orientation: 'portrait' | 'landscape';
  html(data: D): string;
  docx(data: D): Promise<Buffer>;
  fileName(data: D): string;
  headerTemplate?: string;
}

/** The data each document type prints. */
export interface DocumentData {
  [DocumentType.CONFERENCE_PLAN]: ConferencePlanData;
  [DocumentType.GROUP_REPORT]: GroupReportData;
  [DocumentType.MINUTES]: MinutesData;
  [DocumentType.INVITATION]: InvitationData;
  [DocumentType.PROPOSAL]: ProposalData;
  [DocumentType.RECEIPT]: ReceiptData;
  [DocumentType.RESULTS_TABLE]: ResultsTableData;
}

export const TEMPLATES: { [T in DocumentType]: DocumentTemplate<DocumentData[T]> } = {
  [DocumentType.CONFERENCE_PLAN]: conferencePlanTemplate,
  [DocumentType.GROUP_REPORT]: groupReportTemplate,
  [DocumentType.MINUTES]: minutesTemplate,
  [DocumentType.INVITATION]: invitationTemplate,
  [DocumentType.PROPOSAL]: proposalTemplate,
  [DocumentType.RECEIPT]: receiptTemplate,
  [DocumentType.RESULTS_TABLE]: resultsTableTemplate,
};

/** The template of a type, for callers holding a `DocumentType` value. */
export function templateOf<T extends DocumentType>(type: T): DocumentTemplate<DocumentData[T]> {
  return TEMPLATES[type];
}
