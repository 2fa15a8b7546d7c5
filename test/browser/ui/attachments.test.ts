import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { SupportChat } from '../../../src/index.js';
import { IndexedDbStorage, MemoryStorage } from '../../../src/client/storage.js';
import { chaos, deleteDatabase } from '../helpers/faults.js';
import { findByRole, getByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, ticketOf, ui, widget } from './widget.js';

/** Files whose first bytes are what they claim: the reference server checks pictures by their bytes. */
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
const png = (name = 'screenshot.png') => new File([new Uint8Array(PNG)], name, { type: 'image/png' });
const text = (name = 'order.txt', body = 'order 1234, 2 bags') => new File([body], name, { type: 'text/plain' });

const UPLOAD = '*/api/conversations/v1/widget/attachments';
const isUpload = (request: Request) => request.method === 'POST' && new URL(request.url).pathname.endsWith('/widget/attachments');

/**
 * Counts the uploads of a file, by its name, that the page asks for and that the server takes (as
 * the service worker sees them): widgets of earlier tests may still be delivering their own.
 */
function countUploads(worker: SetupWorker, name: string) {
  let count = 0;
  let stored = 0;
  const named = async (request: Request) => isUpload(request) && (await request.clone().formData()).get('name') === name;
  const onStart = ({ request }: { request: Request }) => void named(request).then((yes) => yes && count++);
  const onResponse = ({ request, response }: { request: Request; response: Response }) =>
    void named(request).then((yes) => yes && response.ok && stored++);
  worker.events.on('request:start', onStart);
  worker.events.on('response:mocked', onResponse);
  return {
    get count() {
      return count;
    },
    get stored() {
      return stored;
    },
    stop: () => {
      worker.events.removeListener('request:start', onStart);
      worker.events.removeListener('response:mocked', onResponse);
    },
  };
}

/** The panel's entrance animation has settled (axe reads colours mid-fade otherwise). */
async function settled(el: SupportChat) {
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
}

const queryByRole = (root: ParentNode, role: string, name: string) => queryAllByRole(root, role, name)[0] ?? null;
const composer = (el: SupportChat) => ui(el).querySelector('support-chat-composer')!.shadowRoot!;
const list = (el: SupportChat) => ui(el).querySelector('support-chat-message-list')!.shadowRoot!;
const filesOf = (files: File[]) => {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer;
};

/** Chooses files with the attach button's file picker, as the browser fills it in. */
async function pick(el: SupportChat, files: File[]) {
  await findByRole(ui(el), 'button', 'Attach a file');
  const input = composer(el).querySelector<HTMLInputElement>('input[type="file"]')!;
  input.files = filesOf(files).files;
  input.dispatchEvent(new Event('change'));
}

async function pressSend(el: SupportChat) {
  await waitFor(() => {
    const button = getByRole(ui(el), 'button', 'Send') as HTMLButtonElement;
    if (button.disabled) throw new Error('Send still disabled');
    button.click();
  });
}

/** The messages of a ticket as the team sees them, with their files. */
async function teamMessages(ticketId: string) {
  return (await team.messages(ticketId)) as Array<{ content: string; attachments?: Array<{ id: string; name: string }> }>;
}

describe('attachments', () => {
  let worker: SetupWorker;
  beforeEach(async () => {
    worker = await startReferenceServer({ live: true });
  });
  afterEach(() => chaos({}));

  it('sends a file chosen with "Attach a file", shown as a download link with its name and size', async () => {
    const el = await widget();
    await openPanel(el);
    await pick(el, [text('order.txt')]);
    expect(await findByRole(ui(el), 'button', 'Remove order.txt'), 'a removable preview').to.exist;
    await pressSend(el);
    const ticketId = await ticketOf(el);
    const link = await waitFor(() => {
      const a = list(el).querySelector<HTMLAnchorElement>('a[part~="attachment-file"]');
      if (!a) throw new Error('no file link yet');
      return a;
    });
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal('order.txt 18 byte');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(new URL(link.href).protocol).to.match(/^https?:$/);
    const [message] = await teamMessages(ticketId);
    expect(message.content, 'a message may be files only').to.equal('');
    expect(message.attachments?.map((a) => a.name)).to.deep.equal(['order.txt']);
    expect(queryByRole(composer(el), 'button', 'Remove order.txt'), 'the preview goes once sent').to.be.null;
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('takes a pasted screenshot and files dropped onto the panel, with text, in one message', async () => {
    const el = await widget();
    await openPanel(el);
    await findByRole(ui(el), 'button', 'Attach a file'); // the backend's limits are known
    const box = (await findByRole(ui(el), 'textbox', 'Message')) as HTMLTextAreaElement;
    const paste = new ClipboardEvent('paste', { clipboardData: filesOf([png('pasted.png')]), bubbles: true, cancelable: true });
    box.dispatchEvent(paste);
    expect(paste.defaultPrevented, 'the picture is not pasted into the text').to.be.true;
    const dragOver = new DragEvent('dragover', {
      dataTransfer: filesOf([text()]),
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    list(el).querySelector('[role="log"]')!.dispatchEvent(dragOver);
    expect(dragOver.defaultPrevented, 'the panel takes drops').to.be.true;
    const drop = new DragEvent('drop', {
      dataTransfer: filesOf([text('dropped.txt')]),
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    list(el).querySelector('[role="log"]')!.dispatchEvent(drop);
    expect(drop.defaultPrevented, 'the browser does not open the file').to.be.true;
    await findByRole(ui(el), 'button', 'Remove dropped.txt');
    const thumbnail = composer(el).querySelector<HTMLImageElement>('[part="attachment-preview"] img')!;
    expect(thumbnail.alt).to.equal('pasted.png');
    expect(thumbnail.src, 'an object URL of the file').to.match(/^blob:/);
    await settled(el);
    await expect(el).to.be.accessible();
    box.value = 'Here you go';
    box.dispatchEvent(new Event('input'));
    await pressSend(el);
    const ticketId = await ticketOf(el);
    await waitFor(async () => {
      const [message] = await teamMessages(ticketId);
      expect(message.content).to.equal('Here you go');
      expect(message.attachments?.map((a) => a.name)).to.deep.equal(['pasted.png', 'dropped.txt']);
    });
  });

  it('removes a chosen file and revokes its thumbnail', async () => {
    const el = await widget();
    await openPanel(el);
    await pick(el, [png('a.png')]);
    const url = await waitFor(() => composer(el).querySelector<HTMLImageElement>('[part="attachment-preview"] img')!.src);
    (await findByRole(ui(el), 'button', 'Remove a.png')).click();
    await waitFor(() => expect(composer(el).querySelector('[part="attachment-preview"]')).to.be.null);
    expect((getByRole(ui(el), 'button', 'Send') as HTMLButtonElement).disabled, 'nothing to send').to.be.true;
    const revoked = await fetch(url).then(
      () => false,
      () => true,
    );
    expect(revoked, 'the object URL no longer resolves').to.be.true;
  });

  it('refuses a file too large, a type not allowed and one too many before any upload, each saying why', async () => {
    const uploads = countUploads(worker, 'video.png');
    try {
      const el = await widget();
      await openPanel(el);
      const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'video.png', { type: 'image/png' });
      await pick(el, [big]);
      const alert = () => composer(el).querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim();
      await waitFor(() => expect(alert()).to.equal('“video.png” is too large to send. Files can be up to 10 MB.'));
      await pick(el, [new File(['<svg onload="alert(1)"/>'], 'logo.svg', { type: 'image/svg+xml' })]);
      await waitFor(() => expect(alert()).to.equal('“logo.svg” cannot be sent: this type of file is not accepted.'));
      await pick(el, [new File(['x'], 'page.html', { type: 'text/html' }), new File(['x'], 'run', { type: '' })]);
      await waitFor(() => expect(composer(el).querySelectorAll('[role="alert"] p').length).to.equal(2));
      await pick(
        el,
        [1, 2, 3, 4, 5, 6].map((n) => text(`${n}.txt`)),
      );
      await waitFor(() => expect(alert()).to.equal('You can send up to 5 files with one message.'));
      expect(composer(el).querySelectorAll('[part="attachment-preview"]').length, 'the first five are kept').to.equal(5);
      await settled(el);
      await expect(el).to.be.accessible();
      // The headless client refuses as well, before storing or uploading anything.
      let refused: unknown;
      await el.client!.sendMessage('', undefined, false, [big]).catch((error: unknown) => (refused = error));
      expect(refused).to.be.instanceOf(RangeError);
      expect(uploads.count, 'no upload request was made').to.equal(0);
    } finally {
      uploads.stop();
    }
  });

  it('says the refusals in German and Arabic too', async () => {
    const de = await widget({ locale: 'de' });
    await openPanel(de, /^Chat öffnen/);
    await findByRole(ui(de), 'button', 'Datei anhängen');
    const input = composer(de).querySelector<HTMLInputElement>('input[type="file"]')!;
    input.files = filesOf([new File(['x'], 'a.svg', { type: 'image/svg+xml' })]).files;
    input.dispatchEvent(new Event('change'));
    await waitFor(() =>
      expect(composer(de).querySelector('[role="alert"]')?.textContent?.trim()).to.equal(
        '„a.svg“ kann nicht gesendet werden: Dieser Dateityp wird nicht angenommen.',
      ),
    );
    const ar = await widget({ locale: 'ar' });
    await openPanel(ar, /.+/);
    expect(await findByRole(ui(ar), 'button', 'إرفاق ملف')).to.exist;
  });

  it('shows the progress of each upload, cancels one, and retries after a failure', async () => {
    // The first upload waits (so that its bar and cancel can be seen); the next is refused once
    // (as a server's 415 would), the one after goes through (the latest use() is asked first).
    worker.use(http.post(UPLOAD, () => HttpResponse.json({ error: 'Unsupported' }, { status: 415 }), { once: true }));
    let release = () => {};
    worker.use(
      http.post(
        UPLOAD,
        async () => {
          await new Promise<void>((resolve) => (release = resolve));
          return HttpResponse.json({ error: 'not reached' }, { status: 500 });
        },
        { once: true },
      ),
    );
    const el = await widget();
    await openPanel(el);
    await pick(el, [text('keep.txt'), text('drop.txt')]);
    await pressSend(el);
    const bar = await waitFor(() => {
      const found = list(el).querySelector<HTMLProgressElement>('progress[aria-label="Uploading keep.txt"]');
      if (!found) throw new Error('no progress bar yet');
      return found;
    });
    expect(bar.max).to.equal(18);
    expect(bar.value).to.be.within(0, 18);
    (await findByRole(ui(el), 'button', 'Cancel upload of keep.txt')).click();
    await waitFor(() => expect(list(el).querySelector('progress[aria-label="Uploading keep.txt"]')).to.be.null);
    release();
    // drop.txt is refused: the message fails and offers a retry.
    await waitFor(() => expect(el.getState().messages[0]?.delivery).to.equal('failed'));
    await settled(el);
    await expect(el).to.be.accessible();
    (await findByRole(ui(el), 'button', 'Retry')).click();
    const ticketId = await ticketOf(el);
    await waitFor(async () => {
      const messages = await teamMessages(ticketId);
      expect(messages.map((m) => m.attachments?.map((a) => a.name))).to.deep.equal([['drop.txt']]);
    });
  });

  it('a reload mid-upload delivers the files and the message exactly once', async () => {
    const name = `attachments-reload-${Math.random()}`;
    await deleteDatabase(`support-chat-${name}`);
    let started = () => {};
    const uploading = new Promise<void>((resolve) => (started = resolve));
    worker.use(
      http.post(
        UPLOAD,
        async () => {
          started();
          await delay('infinite');
        },
        { once: true },
      ),
    );
    const first = await widget({}, new IndexedDbStorage(name));
    await openPanel(first);
    await pick(first, [png('before-reload.png')]);
    await pressSend(first);
    await waitFor(() => expect(list(first).querySelector('progress')).to.exist);
    await uploading;
    const sessionId = first.getWidgetSessionId();
    first.client!.stop(); // the page goes, its upload with it
    first.remove();
    const uploads = countUploads(worker, 'before-reload.png');
    try {
      const second = await widget({}, new IndexedDbStorage(name));
      expect(second.getWidgetSessionId(), 'the same visitor').to.equal(sessionId);
      await waitFor(() => expect(second.getState().messages.map((m) => m.delivery)).to.deep.equal(['sent']), 8000);
      const ticketId = second.getCurrentTicketId()!;
      const messages = await teamMessages(ticketId);
      expect(messages.length, 'one message').to.equal(1);
      expect(messages[0].attachments?.map((a) => a.name)).to.deep.equal(['before-reload.png']);
      expect(uploads.count, 'uploaded once after the reload').to.equal(1);
      expect(uploads.stored).to.equal(1);
    } finally {
      uploads.stop();
      await deleteDatabase(`support-chat-${name}`);
    }
  });

  it('offline, waits; back online, delivers exactly once, never uploading a file twice', async () => {
    const el = await widget();
    await openPanel(el);
    // No network for uploads (the request fails as offline ones do) nor for sends (the server's chaos).
    let offline = true;
    worker.use(http.post(UPLOAD, () => (offline ? HttpResponse.error() : undefined)));
    await chaos({ offline: true });
    const uploads = countUploads(worker, 'offline.txt');
    try {
      await pick(el, [text('offline.txt')]);
      await pressSend(el);
      await waitFor(() => {
        expect(el.getState().error?.code).to.equal('offline');
        expect(
          el.getState().messages.map((m) => m.delivery),
          'still on its way',
        ).to.deep.equal(['sending']);
        expect(uploads.count, 'tried').to.be.greaterThan(0);
      });
      offline = false;
      await chaos({});
      dispatchEvent(new Event('online'));
      await waitFor(() => expect(el.getState().messages.map((m) => m.delivery)).to.deep.equal(['sent']), 8000);
      const messages = await teamMessages(el.getCurrentTicketId()!);
      expect(messages.length).to.equal(1);
      expect(messages[0].attachments?.map((a) => a.name)).to.deep.equal(['offline.txt']);
      expect(uploads.count, 'tried while offline, then again').to.be.greaterThan(1);
      expect(uploads.stored, 'stored once').to.equal(1);
    } finally {
      uploads.stop();
    }
  });

  it('a send that fails after its file uploaded is retried without uploading the file again', async () => {
    const el = await widget();
    await openPanel(el);
    worker.use(
      http.post('*/api/conversations/v1/widget/message', () => HttpResponse.json({ error: 'Busy' }, { status: 503 }), {
        once: true,
      }),
    );
    const uploads = countUploads(worker, 'once.txt');
    try {
      await pick(el, [text('once.txt')]);
      await pressSend(el);
      await waitFor(() => expect(el.getState().messages.map((m) => m.delivery)).to.deep.equal(['sent']), 8000);
      expect(uploads.count, 'one upload, though the send went twice').to.equal(1);
      const messages = await teamMessages(el.getCurrentTicketId()!);
      expect(messages.map((m) => m.attachments?.length)).to.deep.equal([1]);
    } finally {
      uploads.stop();
    }
  });

  it('shows pictures as thumbnails named by their file, in boxes sized before they load, opening full size in a new tab', async () => {
    const el = await widget();
    await openPanel(el);
    await el.sendMessage('Hello');
    const ticketId = await ticketOf(el);
    // The team answers with a picture of its own.
    const form = new FormData();
    form.append('file', png('team-diagram.png'));
    const uploaded = await fetch(`/api/projects/1/conversations/tickets/${ticketId}/attachments`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-api-key' },
      body: form,
    }).then((r) => r.json());
    // Held until the test looks: its box must be there, sized, before the picture arrives.
    let show = () => {};
    worker.use(
      http.get('*/api/conversations/v1/widget/attachments/*', async ({ request }) => {
        await new Promise<void>((resolve) => (show = resolve));
        return fetch(request.url, { headers: { 'x-msw-intention': 'bypass' } });
      }),
    );
    await team.reply(ticketId, '', { attachment_ids: [uploaded.id] });
    const img = await waitFor(() => {
      const found = list(el).querySelector<HTMLImageElement>('img[alt="team-diagram.png"]');
      if (!found) throw new Error('no thumbnail yet');
      return found;
    });
    const box = img.getBoundingClientRect();
    expect(img.complete && img.naturalWidth > 0, 'not loaded yet').to.be.false;
    expect(Math.round(box.width), 'width reserved').to.be.greaterThan(100);
    expect(Math.round(box.height), 'height reserved').to.equal(Math.round((box.width * 3) / 4));
    const link = img.closest('a')!;
    expect(link.getAttribute('part')).to.include('attachment-image');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.href).to.equal(img.src);
    show();
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('shows naughty file names verbatim, as text', async () => {
    const names = [
      '<img src=x onerror="window.__pwned=1">.txt',
      '"; DROP TABLE tickets;--.txt',
      '{name} {size} %s %n.txt',
      '\u202Egnp.txt',
      'Ω≈ç√∫˜µ≤≥÷ 田中さん 👩‍👩‍👧.txt',
    ];
    const el = await widget();
    await openPanel(el);
    await pick(
      el,
      names.map((n) => text(n)),
    );
    await pressSend(el);
    await waitFor(
      () =>
        expect(list(el).querySelectorAll('a[part~="attachment-file"]').length, JSON.stringify(el.getState().messages)).to.equal(
          names.length,
        ),
      8000,
    );
    const shown = [...list(el).querySelectorAll('a[part~="attachment-file"] .file-name')].map((n) => n.textContent);
    expect(shown).to.deep.equal(names);
    expect(list(el).querySelector('a img'), 'no element made of a name').to.be.null;
    expect((window as { __pwned?: number }).__pwned).to.be.undefined;
  });
});

describe('attachments on a backend without them', () => {
  beforeEach(() => startReferenceServer()); // capabilities answer 404, as a production backend

  it('offers no attach button, and takes no paste or drop', async () => {
    const el = await widget({}, new MemoryStorage());
    await openPanel(el);
    const box = (await findByRole(ui(el), 'textbox', 'Message')) as HTMLTextAreaElement;
    await el.updateComplete;
    expect(queryByRole(ui(el), 'button', 'Attach a file')).to.be.null;
    expect(composer(el).querySelector('input[type="file"]')).to.be.null;
    const paste = new ClipboardEvent('paste', { clipboardData: filesOf([png()]), bubbles: true, cancelable: true });
    box.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.be.false;
    const drop = new DragEvent('drop', { dataTransfer: filesOf([png()]), bubbles: true, composed: true, cancelable: true });
    list(el).querySelector('[role="log"]')!.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.be.false;
    expect(composer(el).querySelector('[part="attachment-preview"]')).to.be.null;
    expect(await el.client!.getAttachmentLimits()).to.be.null;
  });
});
