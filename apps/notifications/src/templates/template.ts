/** A rendered message: one per (notice, recipient). */
export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** The main link (absolute), shown by the inbox; optional. */
  link?: string;
}

/** What every template is given besides its params. */
export interface TemplateContext {
  /** The recipient's display name. */
  recipientName: string;
  /** An absolute link into the front-end: FRONTEND_BASE_URL + path. */
  link(path: string): string;
  /** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh. */
  dateTime(iso: string): string;
  /** dd/MM/yyyy in Asia/Ho_Chi_Minh. */
  date(iso: string): string;
  /** HTML-escapes a value (for the html part). */
  esc(value: unknown): string;
}

export type Template = (params: Record<string, unknown>, ctx: TemplateContext) => Rendered;
