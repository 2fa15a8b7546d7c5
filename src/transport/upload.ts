import type { UploadOptions } from './transport.js';
import { TransportError } from './transport-error.js';

/** What an upload's answer gives the transport's error and body readers: fetch's `Response`, in short. */
export interface UploadAnswer {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text: string;
}

/**
 * POSTs `file` and `fields` as `multipart/form-data` with XMLHttpRequest, as fetch cannot tell
 * how much of a request body has gone: only XHR's `upload` events give a progress bar. Rejects
 * with a `network` TransportError when no answer comes, or nothing moves for `stallMs` (a large
 * file on a slow line may take minutes: only silence counts), and with an `AbortError` when
 * `signal` aborts; any answer resolves. Loaded with the panel file (HttpTransport asks for it).
 */
export function postForm(
  url: string,
  token: string,
  fields: Record<string, string | undefined>,
  file: File,
  options: UploadOptions = {},
  stallMs = 15_000,
) {
  const { signal, onProgress } = options;
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value) form.append(key, value);
  // The name as a field too: a multipart filename carries `"` as `%22` (and no line breaks), a field verbatim.
  form.append('name', file.name);
  form.append('file', file, file.name);
  return new Promise<UploadAnswer>((resolve, reject) => {
    const aborted = () => new DOMException('The upload was cancelled.', 'AbortError');
    if (signal?.aborted) return reject(aborted());
    const xhr = new XMLHttpRequest();
    let stalled: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(stalled);
      stalled = setTimeout(() => {
        xhr.onabort = null;
        xhr.abort();
        reject(new TransportError('network', 'The upload timed out.'));
      }, stallMs);
    };
    xhr.open('POST', new URL(url, globalThis.location?.href).href);
    xhr.setRequestHeader('X-Conversations-Token', token);
    xhr.upload.onprogress = (event) => {
      watch();
      onProgress?.(event.loaded, event.total);
    };
    xhr.onloadend = () => clearTimeout(stalled);
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        ok: xhr.status >= 200 && xhr.status < 300,
        headers: { get: (name) => xhr.getResponseHeader(name) },
        text: xhr.responseText,
      });
    xhr.onerror = xhr.ontimeout = () => reject(new TransportError('network', 'The network is unreachable.'));
    xhr.onabort = () => reject(aborted());
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
    watch();
  });
}
