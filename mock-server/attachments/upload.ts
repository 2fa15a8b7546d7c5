import { cleanAttachmentName, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from '../../contract/attachments.js';
import { HttpError, invalid } from '../lib/errors.js';
import { UUID } from '../lib/fields.js';

/**
 * Reading an upload (`multipart/form-data` with a `file` and text fields) in every runtime:
 * the body is read through a counter and abandoned as soon as it outgrows the limit, so no
 * runtime ever holds more than one file's worth of a huge upload (the standalone server
 * refuses it even earlier, http/server.ts).
 */

/** The largest upload body: the largest file plus room for the boundary, part headers and the credential fields. */
export const MAX_UPLOAD_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

export interface Upload {
  /** The form's text fields (credentials, an optional `name`); the last value of a repeated one. */
  fields: Record<string, string>;
  bytes: Uint8Array;
  /** The type the client declared for the file part (checked later, against the bytes). */
  declaredType: string;
  /** Cleaned: no path separators or control characters, ≤ 255 code points. */
  name: string;
}

const MULTIPART = /^multipart\/form-data\s*;/i;

export const tooLarge = () =>
  new HttpError(413, `The file is larger than ${MAX_ATTACHMENT_BYTES} bytes`, {
    file: `must be at most ${MAX_ATTACHMENT_BYTES} bytes`,
  });

/** The body, or a 413 the moment it passes `limit` bytes (declared or counted). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get('Content-Length') ?? 0) > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

/** The upload of a request: 415 unless multipart, 413 over the limit, 400 without a usable `file`. */
export async function readUpload(request: Request): Promise<Upload> {
  const contentType = request.headers.get('Content-Type') ?? '';
  if (!MULTIPART.test(contentType)) {
    throw new HttpError(415, 'An upload must be sent as multipart/form-data', {
      'content-type': 'must be multipart/form-data',
    });
  }
  const body = await readLimited(request, MAX_UPLOAD_BODY_BYTES);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData();
  } catch {
    throw invalid('file', 'must come in a well-formed multipart/form-data body');
  }
  const fields: Record<string, string> = {};
  let file: File | undefined;
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') fields[key] = value;
    else if (key === 'file') file ??= value;
  }
  if (!file) throw invalid('file', 'is required (a file part named "file")');
  if (file.size > MAX_ATTACHMENT_BYTES) throw tooLarge();
  if (file.size === 0) throw invalid('file', 'must not be empty');
  // A `name` field, when given, says the name exactly: a part's filename cannot always
  // (browsers write `"` as %22 in it, and a name holding "%22" then reads back as `"`).
  return {
    fields,
    bytes: new Uint8Array(await file.arrayBuffer()),
    declaredType: file.type,
    name: cleanAttachmentName(fields.name ?? file.name ?? ''),
  };
}

/** `attachment_ids` of a send or reply: absent is none; else up to 5 UUIDs (lower-cased). */
export function attachmentIds(value: unknown, field = 'attachment_ids'): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(field, 'must be an array of attachment ids');
  if (value.length > MAX_ATTACHMENTS_PER_MESSAGE) throw invalid(field, `must hold at most ${MAX_ATTACHMENTS_PER_MESSAGE} ids`);
  return value.map((id) => {
    if (typeof id !== 'string' || !UUID.test(id)) throw invalid(field, 'must hold attachment ids (UUIDs)');
    return id.toLowerCase();
  });
}
