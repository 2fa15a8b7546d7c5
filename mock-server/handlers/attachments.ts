import { HttpResponse, http } from 'msw';
import { RATE_LIMITS } from '../../contract/limits.js';
import { downloadHeaders } from '../attachments/download.js';
import { checkFileType } from '../attachments/file-type.js';
import { checkSignature } from '../attachments/signed-url.js';
import { readUpload, type Upload } from '../attachments/upload.js';
import { HttpError } from '../lib/errors.js';
import { tokenRefused } from '../lib/framework-errors.js';
import { widgetCaller } from '../live/deliveries.js';
import type { Store, StoredAttachment } from '../store.js';
import { checkPageOrigin, ownerFrom } from './credentials.js';
import { originOf, queryOf, route, tooManyRequests, type HandlerContext } from './context.js';
import { authoriseTeamWrite, findTeamTicket } from './team-access.js';
import { teamUploader } from './team-attachments.js';
import { WIDGET_BASE } from './widget.js';

/** The upload's answer: `{id, name, content_type, size, url}`. */
const uploaded = (store: Store, attachment: StoredAttachment, request: Request) =>
  HttpResponse.json(
    {
      id: attachment.id,
      name: attachment.name,
      content_type: attachment.content_type,
      size: attachment.size,
      url: store.attachmentUrl(attachment, originOf(request)),
    },
    { status: 201 },
  );

/** Checks the bytes against the type, then keeps them (durably) and then their record. */
async function keep(store: Store, upload: Upload, uploader: string, ticketId: string | null) {
  const checked = checkFileType(upload.declaredType, upload.name, upload.bytes);
  if ('problem' in checked)
    throw new HttpError(415, `This file cannot be attached: ${checked.problem}`, { file: checked.problem });
  const id = crypto.randomUUID();
  // The bytes first: a record is only ever written for a file that is already kept.
  await store.blobs.put(id, upload.bytes);
  return store.addAttachment({
    id,
    name: upload.name,
    content_type: checked.type,
    size: upload.bytes.length,
    uploader,
    ticket_id: ticketId,
  });
}

/**
 * Attachments (reference flavour): the visitor's and the team's uploads, and the download
 * of a signed URL. Uploads are writes (the write rate limit, the page's origin); a
 * download needs nothing but its URL, so that `<img src>` works, and a forged or expired
 * one is a 403 before anything about the file is looked up.
 */
export function attachmentHandlers({ store, config }: HandlerContext) {
  return [
    http.post(
      `${WIDGET_BASE}/attachments`,
      route(store, async ({ request }) => {
        // The token comes as a header as on every request (a form field `token` is taken too,
        // for clients that cannot set headers), before the body is read.
        const header = request.headers.get('X-Conversations-Token');
        if (header !== null && header !== config.widgetToken) throw tokenRefused(config.flavor);
        checkPageOrigin(request, config, { pageRequired: false });
        const upload = await readUpload(request);
        const token = header ?? upload.fields.token;
        if (!token) throw new HttpError(403, 'Authentication required');
        if (token !== config.widgetToken) throw tokenRefused(config.flavor);
        const owner = await ownerFrom(upload.fields, config);
        const wait = store.rateLimit(`write:${owner.kind}:${owner.id}`, RATE_LIMITS.widgetWrite);
        if (wait) throw tooManyRequests(wait, config.flavor);
        return uploaded(store, await keep(store, upload, widgetCaller(owner), null), request);
      }),
    ),

    http.post(
      '*/api/projects/:projectId/conversations/tickets/:ticketId/attachments',
      route(store, async ({ request, params }) => {
        // A read-only key is refused before the body is read.
        authoriseTeamWrite(request, params.projectId, config);
        const ticket = findTeamTicket(store, params.ticketId);
        const upload = await readUpload(request);
        return uploaded(store, await keep(store, upload, teamUploader(ticket.id), ticket.id), request);
      }),
    ),

    http.get(
      `${WIDGET_BASE}/attachments/:attachmentId`,
      route(store, async ({ request, params }) => {
        const id = String(params.attachmentId).toLowerCase();
        const verdict = checkSignature(store.data.attachmentSecret, id, queryOf(request), store.nowMs());
        if (verdict === 'forged') throw new HttpError(403, 'This attachment link is not valid');
        if (verdict === 'expired')
          throw new HttpError(403, 'This attachment link has expired; read the message again for a fresh one');
        const attachment = store.attachment(id);
        const bytes = attachment && (await store.blobs.get(attachment.id));
        if (!attachment || !bytes) throw new HttpError(404, 'Attachment not found');
        return new HttpResponse(bytes, { status: 200, headers: downloadHeaders(attachment) });
      }),
    ),
  ];
}
