import {
  CovenantCommentView,
  CovenantSignatureView,
  CovenantSignaturesView,
  CovenantSignerRole,
  SchemeState,
} from '@tdkt/contracts';
import { unsignedMembers } from '@tdkt/domain';
import type { GroupYear } from '../registry/group-directory';
import type { SchemeRow } from '../schemes/schemes.repository';
import type { CommentRow, PublicationRow, SignatureRow } from './covenant.repository';

const iso = (d: Date | string) => new Date(d).toISOString();

export function commentView(r: CommentRow): CovenantCommentView {
  return {
    id: r.id,
    groupId: r.group_id,
    year: r.year,
    version: r.version,
    criterionCode: r.criterion_code,
    text: r.text,
    authorId: r.author_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    at: iso(r.at),
  };
}

export function signatureView(r: SignatureRow): CovenantSignatureView {
  return {
    unitId: r.unit_id,
    unitName: r.unit_name,
    by: r.signed_by,
    onBehalf: r.on_behalf,
    role: r.role as CovenantSignerRole,
    at: iso(r.at),
  };
}

/** The members of the year (in the registry's order) that have no signature among `signed`. */
export function missingOf(
  gy: GroupYear,
  signed: readonly SignatureRow[],
): { unitId: string; unitName: string }[] {
  return unsignedMembers(
    gy.members,
    signed.map((s) => s.unit_id),
  ).map((m) => ({ unitId: m.unitId, unitName: m.unitName }));
}

/**
 * Who signed a version and who has not. A published version shows what was recorded when it was
 * published (`publication.missing`), a draft the members of the year today.
 */
export function signaturesView(
  scheme: SchemeRow,
  gy: GroupYear,
  signed: readonly SignatureRow[],
  publication: PublicationRow | undefined,
): CovenantSignaturesView {
  return {
    groupId: scheme.group_id,
    year: scheme.year,
    version: scheme.version,
    state: scheme.state as SchemeState,
    signed: signed.map(signatureView),
    missing: publication ? publication.missing : missingOf(gy, signed),
    publication: publication
      ? {
          publishedAt: iso(publication.at),
          publishedBy: publication.published_by,
          withoutSignatures: publication.without_signatures,
          reason: publication.reason,
        }
      : null,
  };
}
