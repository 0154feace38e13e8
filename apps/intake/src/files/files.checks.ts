import { ErrorParams, ErrorReason, errorMessage } from '@tdkt/contracts';
import { SNIFF_BYTES, typeMismatch } from '@tdkt/domain';
import { ObjectInfo, ObjectStorage } from '@tdkt/platform';
import type { FileRow } from './files.repository';

/** Clock skew tolerated between the storage server and us when judging "uploaded in time". */
const SKEW_MS = 5_000;

/** Why a stored file does not count: a catalogue reason (422), its parameters and its message. */
export interface Rejection {
  code: ErrorReason;
  params: ErrorParams;
  message: string;
}

const rejection = (code: ErrorReason, params: ErrorParams = {}): Rejection => ({
  code,
  params,
  message: errorMessage(code, params),
});

/**
 * Intake's own checks of an uploaded object, whatever the storage server enforced: stored before
 * the window closed, the declared size, first bytes matching the declared type, and the declared
 * SHA-256 (read back in full: the expensive part, reported through `progress` in bytes). Cheap
 * checks first, so a wrong file is never hashed. Answers why it fails, or null when it counts.
 *
 * `info`: the object's metadata when the caller already has it (null: it is not in storage).
 */
export async function checkStored(
  storage: ObjectStorage,
  f: FileRow,
  info: ObjectInfo | null,
  progress: (done: number, total: number) => Promise<void> = async () => undefined,
): Promise<Rejection | null> {
  if (!info) return rejection('FILE_MISSING_FROM_STORAGE');
  const declared = Number(f.size);
  const expiresAt = new Date(f.upload_expires_at);
  if (info.lastModified.getTime() > expiresAt.getTime() + SKEW_MS)
    return rejection('FILE_UPLOADED_LATE', { expiresAt: expiresAt.toISOString() });
  if (info.size !== declared) return rejection('FILE_SIZE_MISMATCH', { stored: info.size, declared });
  const mismatch = typeMismatch(f.content_type, await storage.head(f.object_key, SNIFF_BYTES));
  if (mismatch) return rejection('FILE_TYPE_MISMATCH', { detail: mismatch, contentType: f.content_type });
  await progress(0, declared);
  const stored = await storage.sha256(f.object_key, (hashed) => progress(hashed, declared));
  await progress(stored.size, declared);
  if (stored.sha256 !== f.sha256.trim())
    return rejection('FILE_CHECKSUM_MISMATCH', { stored: stored.sha256, declared: f.sha256.trim() });
  if (stored.size !== declared) return rejection('FILE_SIZE_MISMATCH', { stored: stored.size, declared });
  return null;
}
