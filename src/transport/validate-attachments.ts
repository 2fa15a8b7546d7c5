import { count, fail, id, object, string } from './guards.js';
import type { Attachment } from './wire-types.js';

/**
 * The checks of files on the wire, apart from validate.ts because they load with the panel
 * file (a page pays for them once it shows or sends files), made of the same guards.
 */

/** Only http(s) URLs reach an `href` or `src`: a `javascript:` or `data:` URL never does. */
function webUrl(v: unknown, p: string): string {
  const url = string(v, p);
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
  const o = object(v, p);
  return {
    id: id(o.id, `${p}.id`),
    name: string(o.name, `${p}.name`),
    content_type: string(o.content_type, `${p}.content_type`),
    size: count(o.size, `${p}.size`),
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
