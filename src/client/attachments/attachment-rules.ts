import type { AttachmentLimits } from '../../transport/wire-types.js';

/** Why a file is refused before any upload: each has its own sentence in every locale. */
export type AttachmentRefusal = 'attachment_too_large' | 'attachment_type' | 'attachment_count';

/** What the rules need of a file (a `File` has it). */
export interface FileFacts {
  name: string;
  type: string;
  size: number;
}

export interface FileCheck<F extends FileFacts> {
  accepted: F[];
  /** Each refused file with its reason, in the order given. */
  refused: Array<{ file: F; reason: AttachmentRefusal }>;
}

/** `capabilities.attachments` when all three rules are there and sane; else null: no attachments at all. */
export function limitsOf(v: unknown): AttachmentLimits | null {
  const o = (v ?? {}) as Partial<Record<keyof AttachmentLimits, unknown>>;
  const positive = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0;
  const types = Array.isArray(o.types) ? o.types.filter((t): t is string => typeof t === 'string' && t.length > 0) : [];
  return positive(o.max_bytes) && positive(o.max_per_message) && types.length
    ? { max_bytes: o.max_bytes, max_per_message: o.max_per_message, types: types.map((t) => t.toLowerCase()) }
    : null;
}

/**
 * Sorts files into those the backend will take, by its advertised rules, and those it would
 * refuse, so that nothing is uploaded only to be refused: over `max_bytes`, a type not listed
 * (a file the browser could not type is not listed), or past `max_per_message` counting the
 * `already` chosen. Used by the composer (to explain) and by the client (to guard).
 */
export function checkFiles<F extends FileFacts>(files: Iterable<F>, limits: AttachmentLimits | null, already = 0): FileCheck<F> {
  const result: FileCheck<F> = { accepted: [], refused: [] };
  for (const file of files) {
    // No limits, no attachments: a backend that takes none refuses every type.
    const reason: AttachmentRefusal | undefined = !limits?.types.includes(file.type.toLowerCase())
      ? 'attachment_type'
      : file.size > limits.max_bytes
        ? 'attachment_too_large'
        : already + result.accepted.length >= limits.max_per_message
          ? 'attachment_count'
          : undefined;
    if (reason) result.refused.push({ file, reason });
    else result.accepted.push(file);
  }
  return result;
}
