import assert from 'node:assert/strict';
import { contractProblems } from './contract.js';
import { TOKEN } from './api.js';

export const WIDGET_UPLOAD = '/api/conversations/v1/widget/attachments';
export const teamUploadPath = (ticket: string) => `/api/projects/1/conversations/tickets/${ticket}/attachments`;

/** Files whose first bytes are what they claim (or, in tests of refusals, deliberately not). */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const TEXT = new TextEncoder().encode('order,qty\n1234,2\n');
export const GIF = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
export const WEBP = new Uint8Array([...new TextEncoder().encode('RIFF'), 4, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);

export interface UploadOptions {
  /** The part's declared type. */
  type?: string;
  /** The part's filename. */
  filename?: string;
  /** Text fields: credentials, `name`. */
  fields?: Record<string, string>;
  headers?: Record<string, string>;
  /** Checked against openapi.json, as every answer a Node test sees (off for deliberately odd requests). */
  check?: boolean;
}

/** A multipart upload to `path` on `baseUrl`; the answer is checked against openapi.json. */
export async function upload(baseUrl: string, path: string, bytes: Uint8Array<ArrayBuffer>, o: UploadOptions = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(o.fields ?? {})) form.append(k, v);
  form.append('file', new Blob([bytes], { type: o.type ?? 'image/png' }), o.filename ?? 'picture.png');
  const response = await fetch(new URL(path, baseUrl), { method: 'POST', headers: o.headers, body: form });
  const body = (await response.json()) as any;
  assert.ok(response.status < 500, `upload answered ${response.status}: ${JSON.stringify(body)}`);
  if (o.check !== false) {
    assert.deepEqual(contractProblems('POST', path, response.status, response.headers, body), [], 'matches openapi.json');
  }
  return { status: response.status, headers: response.headers, body };
}

/** The widget's upload, with the token header and the given credentials. */
export const widgetUpload = (
  baseUrl: string,
  credentials: Record<string, string>,
  bytes: Uint8Array<ArrayBuffer>,
  o: UploadOptions = {},
) =>
  upload(baseUrl, WIDGET_UPLOAD, bytes, {
    ...o,
    fields: { ...credentials, ...o.fields },
    headers: { 'X-Conversations-Token': TOKEN, ...o.headers },
  });

/** The team's upload for a ticket, with the full key. */
export const teamUpload = (baseUrl: string, ticket: string, bytes: Uint8Array<ArrayBuffer>, o: UploadOptions = {}) =>
  upload(baseUrl, teamUploadPath(ticket), bytes, { ...o, headers: { Authorization: 'Bearer demo-api-key', ...o.headers } });

/** A download of a signed URL: the status, headers and bytes, checked against openapi.json. */
export async function download(url: string) {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = response.headers.get('content-type')?.startsWith('application/json')
    ? JSON.parse(new TextDecoder().decode(bytes))
    : undefined;
  const { pathname } = new URL(url);
  assert.deepEqual(contractProblems('GET', pathname, response.status, response.headers, body), [], 'matches openapi.json');
  return { status: response.status, headers: response.headers, bytes, body };
}
