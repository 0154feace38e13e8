import { compose, str } from './compose';
import type { Template } from './template';

/** DOCUMENT_RENDERED — params: documentId, title, renderedAt, path (front-end path of the document). */
export const documentRendered: Template = (p, ctx) =>
  compose(ctx, {
    subject: `Văn bản đã được tạo: ${str(p.title, 'văn bản')}`,
    paragraphs: [`Văn bản "${str(p.title, 'văn bản')}" đã được tạo lúc ${ctx.dateTime(str(p.renderedAt))}.`],
    link: { href: ctx.link(str(p.path, `documents/${str(p.documentId)}`)), label: 'Mở văn bản' },
  });
