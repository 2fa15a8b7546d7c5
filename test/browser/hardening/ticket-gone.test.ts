import { expect } from '@open-wc/testing';
import { MemoryStorage } from '../../../src/client/storage.js';
import { STORED } from '../../../src/client/stored-fields.js';
import type { SupportChat } from '../../../src/index.js';
import { en } from '../../../src/i18n/locales/en.js';
import { sleep } from '../helpers/faults.js';
import { findByRole, queryAllByRole, waitFor } from '../helpers/queries.js';

const queryByRole = (root: ParentNode, role: string, name?: string) => queryAllByRole(root, role, name)[0] ?? null;
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, refuseNextSendWhenReleased, send, ticketOf, ui, widget } from '../ui/widget.js';
import { restoreElsewhere, teamDelete } from './helpers.js';

/** The sentence in the panel's alert, if any. */
const alertText = (el: SupportChat) => queryByRole(ui(el), 'alert')?.textContent?.trim() ?? null;

async function composerText(el: SupportChat, text?: string) {
  const box = (await findByRole(ui(el), 'textbox', 'Message')) as HTMLTextAreaElement;
  if (text !== undefined) {
    box.value = text;
    box.dispatchEvent(new Event('input'));
  }
  return box;
}

/** The ticket the team has with a message of `content`, once it exists. */
const ticketWith = (content: string) =>
  waitFor(async () => {
    for (const t of await team.tickets()) if ((await team.messages(t.id)).some((m) => m.content === content)) return t.id;
    throw new Error(`no ticket with "${content}"`);
  }, 10_000);

/** The visitor can go on: no lock-out sentence, and a new message is sent. */
async function notLockedOut(el: SupportChat, text: string) {
  await send(el, text);
  await waitFor(() => expect(el.getState().messages.find((m) => m.content === text)?.delivery).to.equal('sent'));
  await sleep(400); // a few polls (150 ms apart in tests)
  expect(alertText(el)).to.not.equal(en.errorRejected);
  expect(el.getState().messages.filter((m) => m.delivery === 'failed')).to.deep.equal([]);
}

describe('hardening: a ticket that is gone or no longer ours does not lock the visitor out', () => {
  const originalUrl = location.href;
  beforeEach(() => startReferenceServer());
  afterEach(() => history.replaceState(history.state, '', originalUrl));

  it('deleted by the team: dropped, said plainly, unsent words carried into a new conversation, and still so after a reload', async () => {
    const worker = await startReferenceServer();
    const storage = new MemoryStorage();
    let el = await widget({}, storage);
    await openPanel(el);
    await send(el, 'My first question');
    const gone = await ticketOf(el);

    // A message that the server refuses stays in the outbox as "Not sent"; and words in the composer.
    const release = refuseNextSendWhenReleased(worker);
    await send(el, 'My card ends 4242');
    release();
    await waitFor(() => expect(el.getState().messages.at(-1)?.delivery).to.equal('failed'));
    await composerText(el, 'half a sentence');

    await teamDelete(gone);
    await waitFor(() => expect(alertText(el)).to.equal(en.errorTicketGone));
    expect(el.getCurrentTicketId()).to.not.equal(gone);
    expect(el.getState().tickets.map((t) => t.id)).to.not.include(gone);
    expect((await composerText(el)).value, 'the composer keeps its draft').to.equal('half a sentence');
    // The refused message went into a new conversation, and reached the team there.
    const fresh = await ticketWith('My card ends 4242');
    expect(fresh).to.not.equal(gone);
    await waitFor(() => expect(el.getCurrentTicketId()).to.equal(fresh));
    expect(await storage.get(STORED.currentTicketId)).to.equal(fresh);
    expect(alertText(el), 'the notice stays until the visitor acts').to.equal(en.errorTicketGone);

    el.remove(); // reload
    el = await widget({}, storage);
    await notLockedOut(el, 'Back after a reload');
    expect(el.getCurrentTicketId()).to.equal(fresh);
    expect(
      queryByRole(ui(el), 'button', 'Back') ?? queryByRole(ui(el), 'button', 'New conversation'),
      'a way to other conversations',
    ).to.exist;
  });

  it('moved to another browser by a restore, then a reload: dropped there, never lock-out, the other browser keeps it', async () => {
    const storage = new MemoryStorage();
    let el = await widget({}, storage);
    await el.sendMessage('Asked on my laptop', { email: 'kim@example.com' });
    const moved = await ticketOf(el);
    el.remove(); // the visitor leaves the page

    const other = await restoreElsewhere('kim@example.com');
    expect(other.getCurrentTicketId()).to.equal(moved);

    el = await widget({ open: true }, storage); // back on the laptop: a reload, with the old ticket stored
    await waitFor(() => expect(alertText(el)).to.equal(en.errorTicketGone));
    expect(el.getCurrentTicketId()).to.equal(null);
    expect(await storage.get(STORED.currentTicketId), 'gone from storage too').to.equal(undefined);
    await notLockedOut(el, 'Still there?');
    const fresh = el.getCurrentTicketId();
    expect(fresh).to.be.a('string').and.not.equal(moved);
    const theirs = await other.getTickets();
    expect(theirs!.results.map((t) => t.id)).to.deep.equal([moved]);
    other.stop();
  });
});
