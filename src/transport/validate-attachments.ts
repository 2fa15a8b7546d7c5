import type { Attachment } from './wire-types.js';

/**
 * The checks of files on the wire, apart from validate.ts because they load with the panel
 * file (a page pays for them once it shows or sends files). Same rules as there: a shape the
 * contract does not promise throws a plain Error naming what is wrong.
 */

const fail = (path: string, expected: string): never => {
  throw new Error(`${path} should be ${expected}`);
};

const text = (v: unknown, p: string) => (typeof v === 'string' ? v : fail(p, 'a string'));

/** Only http(s) URLs reach an `href` or `src`: a `javascript:` or `data:` URL never does. */
function webUrl(v: unknown, p: string): string {
  const url = text(v, p);
  let protocol = '';
  try {
    protocol = new URL(url, globalThis.location?.href).protocol;
  } catch {
    // not a URL at all
  }
  return protocol === 'http:' || protocol === 'https:' ? url : fail(p, 'an http(s) URL');
}

/** A file on the server: the answer to an upload, and each entry of a message's `attachments`. */
export function attachment(v: unknown, p: string): Attachment {
  const o = (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : fail(p, 'an object')) as Record<string, unknown>;
  const id = text(o.id, `${p}.id`);
  if (!id || id.length > 200) fail(`${p}.id`, 'an id');
  const size = Number.isInteger(o.size) && (o.size as number) >= 0 ? (o.size as number) : fail(`${p}.size`, 'a whole number ≥ 0');
  return {
    id,
    name: text(o.name, `${p}.name`),
    content_type: text(o.content_type, `${p}.content_type`),
    size,
    url: webUrl(o.url, `${p}.url`),
  };
}

const checked = new WeakMap<readonly unknown[], Attachment[]>();

/**
 * A message's `attachments` as they may be shown: each checked, a broken one left out (the
 * message's text still shows) rather than failing the whole answer. Checked once per list.
 */
export function attachmentsOf(list: readonly unknown[] | undefined): Attachment[] {
  if (!Array.isArray(list)) return [];
  let files = checked.get(list);
  if (!files) {
    files = list.flatMap((v) => {
      try {
        return [attachment(v, 'attachment')];
      } catch {
        return [];
      }
    });
    checked.set(list, files);
  }
  return files;
}
