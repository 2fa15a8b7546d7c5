import { attachmentPath } from '../attachments/signed-url.js';
import type { SseChannel } from '../lib/sse.js';

/**
 * The hub writes one frame for every caller of an event (and keeps it for replay), so the
 * attachment URLs in it are paths; each stream makes them absolute with the origin it was
 * opened on, as a poll's answer has them. The match is on the JSON key and value quotes,
 * which inside any string of the frame are escaped (`\"`): message text cannot fake one.
 */
const URL_VALUE = `"url":"${attachmentPath('')}`;

export function withAttachmentOrigin(channel: SseChannel, origin: string): SseChannel {
  const absolute = `"url":"${origin}${attachmentPath('')}`;
  return {
    send: (frame) => channel.send(frame.includes(URL_VALUE) ? frame.replaceAll(URL_VALUE, absolute) : frame),
    close: () => channel.close(),
  };
}
