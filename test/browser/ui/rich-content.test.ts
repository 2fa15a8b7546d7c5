import { expect } from '@open-wc/testing';
import { html, nothing, render } from 'lit';
import type { SetupWorker } from 'msw/browser';
import { renderRichContent } from '../../../src/components/message-list/rich-content.js';
import type { Lit } from '../../../src/components/message-list/rich-loader.js';
import type { RichDoc, SupportChat } from '../../../src/index.js';
import { queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { reply, teamContents, widgetShowing } from './served-messages.js';
import { ui } from './widget.js';

declare global {
  interface Window {
    __xss?: unknown[];
  }
}

type Node = Record<string, unknown>;
const doc = (...content: unknown[]): Node => ({ type: 'doc', content });
const text = (value: unknown, ...marks: unknown[]): Node => ({ type: 'text', text: value, ...(marks.length && { marks }) });
const p = (...content: unknown[]): Node => ({ type: 'paragraph', content });
const link = (href: unknown) => ({ type: 'link', attrs: { href } });
const image = (src: unknown, alt: unknown = 'a chart') => ({ type: 'image', attrs: { src, alt } });

/** The elements inside a bubble, as `tag` or `tag>child` shapes, to compare whole trees at once. */
const shape = (el: Element): string =>
  [...el.children].map((c) => (c.children.length ? `${c.localName}(${shape(c)})` : c.localName)).join(' ');

/** The bubbles of replies carrying `docs`, each with the plain text `content` it would fall back to. */
async function show(worker: SetupWorker, docs: unknown[]) {
  const el = await widgetShowing(
    worker,
    docs.map((rich_content) => reply({ rich_content })),
  );
  await formatted(el, docs.length - 1);
  return { el, contents: teamContents(el) };
}

/** Waits for the renderer (a file of its own, loaded on the first formatted message) to have drawn reply `index`. */
const formatted = (el: SupportChat, index: number) =>
  waitFor(() => expect(teamContents(el)[index].classList.contains('rich'), 'formatted').to.be.true);

/**
 * axe once the panel has settled. `scrollable` ignores one rule for conversations that
 * overflow with nothing focusable in them: the message list itself is not focusable (today's
 * widget, plain text too), which is the list's business, not the rendering's.
 */
async function accessible(el: SupportChat, { scrollable = false } = {}) {
  await new Promise(requestAnimationFrame);
  await Promise.all(
    ui(el)
      .getAnimations()
      .map((animation) => animation.finished),
  );
  await expect(el).to.be.accessible(scrollable ? { ignoredRules: ['scrollable-region-focusable'] } : {});
}

const UNSAFE_LINKS = [
  'javascript:window.__xss.push("link")',
  'JaVaScRiPt:window.__xss.push("case")',
  ' javascript:window.__xss.push("space")',
  '\tjavascript:window.__xss.push("tab")',
  'java\tscript:window.__xss.push("inner tab")',
  '\u0001javascript:window.__xss.push("control")',
  'javascript\n:window.__xss.push("newline")',
  'data:text/html,<script>window.__xss.push("data")</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://files.example.com/',
  '//evil.example.com/',
  '/relative/path',
  '',
];

describe('rich content (TipTap documents) renders as elements, never as HTML', () => {
  let worker: SetupWorker;
  beforeEach(async () => {
    worker = await startReferenceServer();
    window.__xss = [];
  });

  it('renders each node and mark as its element', async () => {
    const { el, contents } = await show(worker, [
      doc(
        p(
          text('Hello '),
          text('bold', { type: 'bold' }),
          text(' '),
          text('it', { type: 'italic' }),
          text('gone', { type: 'strike' }),
          text('x()', { type: 'code' }),
        ),
      ),
      doc(p(text('one'), { type: 'hardBreak' }, text('two'))),
      doc(
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [p(text('a'))] },
            { type: 'listItem', content: [p(text('b'))] },
          ],
        },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(text('c'))] }] },
      ),
      doc(
        { type: 'blockquote', content: [p(text('quoted'))] },
        { type: 'codeBlock', attrs: { language: 'js' }, content: [text('const a = 1;\nconst b = "<b>";')] },
      ),
      doc({ type: 'heading', attrs: { level: 1 }, content: [text('Title')] }, p(text('body'))),
      doc(
        p(
          text('see '),
          text('the docs', link('https://example.com/docs'), { type: 'bold' }),
          text(' or '),
          text('mail us', link('mailto:help@example.com')),
        ),
      ),
      doc({ type: 'image', attrs: { src: 'https://example.com/chart.png', alt: 'Sales chart' } }),
      doc(
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('cell'))] }] }] },
        { type: 'mention', attrs: { id: 'u1' } },
      ),
    ]);
    const [marks, breaks, lists, blocks, heading, links, img, unknown] = contents;
    for (const c of contents) expect(c.classList.contains('rich')).to.be.true;

    expect(shape(marks)).to.equal('p(strong em s code)');
    expect(marks.textContent).to.equal('Hello bold itgonex()');
    expect([...marks.querySelectorAll('strong, em, s, code')].map((e) => e.textContent)).to.deep.equal([
      'bold',
      'it',
      'gone',
      'x()',
    ]);

    expect(shape(breaks)).to.equal('p(br)');
    expect(breaks.innerText).to.equal('one\ntwo');

    expect(shape(lists)).to.equal('ul(li(p) li(p)) ol(li(p))');
    expect(lists.querySelector('ol')!.start).to.equal(3);
    expect(lists.textContent).to.equal('abc');

    expect(shape(blocks)).to.equal('blockquote(p) pre(code)');
    expect(blocks.querySelector('code')!.textContent).to.equal('const a = 1;\nconst b = "<b>";');

    // A message is not a page section: no h1–h6, no heading role, just a bold paragraph.
    expect(shape(heading)).to.equal('p(strong) p');
    expect(queryAllByRole(heading, 'heading')).to.have.length(0);
    expect(getComputedStyle(heading.querySelector('strong')!).fontWeight).to.equal('700');

    expect(shape(links)).to.equal('p(a(strong) a)');
    const anchors = [...links.querySelectorAll('a')];
    expect(anchors.map((a) => [a.getAttribute('href'), a.textContent, a.target, a.rel])).to.deep.equal([
      ['https://example.com/docs', 'the docs', '_blank', 'noopener noreferrer'],
      ['mailto:help@example.com', 'mail us', '_blank', 'noopener noreferrer'],
    ]);

    const picture = img.querySelector('img')!;
    expect([picture.getAttribute('src'), picture.alt]).to.deep.equal(['https://example.com/chart.png', 'Sales chart']);
    // A box of its own before it loads, never wider than the bubble.
    expect(picture.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(picture.getBoundingClientRect().width).to.be.at.most(img.getBoundingClientRect().width);

    // Unknown nodes show their text, inside no element of their own.
    expect(shape(unknown)).to.equal('p');
    expect(unknown.textContent).to.equal('cell');
    await accessible(el);
  });

  it('shows the plain text, with its links, when there is no usable document', async () => {
    const el = await widgetShowing(worker, [
      reply({ content: 'plain https://example.com/a' }),
      reply({ content: 'not an object', rich_content: '<b>bold</b>' }),
      reply({ content: 'an array', rich_content: [p(text('x'))] }),
      reply({ content: 'not a doc', rich_content: p(text('x')) }),
      reply({ content: 'no content', rich_content: { type: 'doc' } }),
      reply({ content: 'empty', rich_content: doc() }),
      reply({ content: 'content not an array', rich_content: { type: 'doc', content: { 0: p(text('x')) } } }),
      reply({ content: 'formatted', rich_content: doc(p(text('formatted'))) }),
    ]);
    await formatted(el, 7);
    const contents = teamContents(el).slice(0, 7);
    expect(contents.map((c) => c.textContent)).to.deep.equal([
      'plain https://example.com/a',
      'not an object',
      'an array',
      'not a doc',
      'no content',
      'empty',
      'content not an array',
    ]);
    expect(contents.some((c) => c.classList.contains('rich'))).to.be.false;
    expect(contents[0].querySelector('a')!.getAttribute('href')).to.equal('https://example.com/a');
  });

  it('makes links only of http(s) and mailto: javascript:, data:, vbscript: and the rest stay text', async () => {
    const safe = ['https://example.com/', 'HTTP://EXAMPLE.COM/UPPER', 'mailto:help@example.com', 'MAILTO:help@example.com'];
    const { contents } = await show(worker, [
      doc(...[...UNSAFE_LINKS, ...safe].map((href, i) => p(text(`link ${i}`, link(href))))),
    ]);
    const [c] = contents;
    const anchors = [...c.querySelectorAll('a')];
    expect(anchors.map((a) => a.getAttribute('href'))).to.deep.equal(safe);
    expect(anchors.map((a) => a.textContent)).to.deep.equal(safe.map((_, i) => `link ${UNSAFE_LINKS.length + i}`));
    expect([...c.querySelectorAll('p')].map((e) => e.textContent)).to.deep.equal(
      [...UNSAFE_LINKS, ...safe].map((_, i) => `link ${i}`),
    );
    expect(window.__xss).to.deep.equal([]);
  });

  it('shows images only from http(s) addresses, else their alt text', async () => {
    const unsafe = [...UNSAFE_LINKS, 'mailto:x@example.com', 'blob:https://example.com/1', 'data:image/png;base64,iVBORw0KGgo='];
    const safe = [`${location.origin}/missing.png`, 'HTTPS://example.com/x.png'];
    const { el, contents } = await show(worker, [
      doc(...[...unsafe, ...safe].map((src, i) => image(src, `alt ${i}`)), image(5, 7), image(null, null)),
    ]);
    const [c] = contents;
    const images = [...c.querySelectorAll('img')];
    expect(images.map((i) => i.getAttribute('src'))).to.deep.equal(safe);
    expect(images.map((i) => i.alt)).to.deep.equal(safe.map((_, i) => `alt ${unsafe.length + i}`));
    expect(c.textContent).to.equal(unsafe.map((_, i) => `alt ${i}`).join(''));
    expect(window.__xss).to.deep.equal([]);
    await accessible(el, { scrollable: true });
  });

  it('never throws on malformed nodes, and reads no prototype keys', async () => {
    const malformed = doc(
      p(
        text(42),
        text('ok', 'bold'),
        null,
        'a string',
        7,
        [],
        { type: 123, content: [text('deep')] },
        {
          type: 'text',
          text: 'x',
          marks: [
            null,
            5,
            'bold',
            { type: 'link' },
            { type: 'link', attrs: { href: 5 } },
            { type: 'link', attrs: 'https://e.com' },
            { type: 'bold', attrs: null },
          ],
        },
        { type: ['text'], text: 'array type' },
      ),
      { type: 'image', attrs: { src: 5, alt: 6 } },
      { type: 'image' },
      { type: 'orderedList', attrs: { start: 'x' }, content: 'nope' },
      { type: 'bulletList', content: [{ type: 'listItem', content: {} }] },
      { type: 'hardBreak', content: [text('y')] },
      { type: 'codeBlock', content: [{ type: 'text', text: { length: 3 } }] },
    );
    // Keys only raw JSON can hold: a literal's __proto__ would set the prototype instead.
    const proto = JSON.stringify([
      reply({
        rich_content: doc(
          p({
            type: 'text',
            text: 'a',
            PROTO: { marks: [{ type: 'bold' }] },
            marks: [{ type: 'link', attrs: { PROTO: { href: 'https://evil.example.com' } } }],
          }),
          { PROTO: { type: 'image', attrs: { src: 'https://evil.example.com/x.png' } } },
          { type: '__proto__', content: [text('b')] },
          { type: 'constructor', content: [text('c')] },
          { type: 'hasOwnProperty', content: [text('d', { type: '__proto__' }, { type: 'constructor' })] },
          { type: 'paragraph', PROTO: { content: [text('inherited')] } },
          { type: 'paragraph', content: { PROTO: [text('inherited')], length: 1 } },
        ),
      }),
      reply({ rich_content: { PROTO: { type: 'doc', content: [p(text('inherited'))] }, content: 'proto doc' } }),
      reply({ rich_content: malformed }),
    ]).replaceAll('"PROTO"', '"__proto__"');
    const el = await widgetShowing(worker, proto);
    await formatted(el, 0);
    const [prototypes, protoDoc, broken] = teamContents(el);
    expect(prototypes.classList.contains('rich')).to.be.true;
    expect(prototypes.textContent).to.equal('abcd');
    expect(prototypes.querySelectorAll('a, img, strong')).to.have.length(0);
    expect(protoDoc.classList.contains('rich')).to.be.false;
    // A hard break has no content of its own: its "y" is not shown.
    expect(broken.textContent).to.equal('okdeepx');
    expect(shape(broken)).to.equal('p(strong) ol ul(li) br pre(code)');
    expect(({} as Record<string, unknown>).type).to.equal(undefined);
    await accessible(el, { scrollable: true });
  });

  it('shows documents past the depth or node budget as their plain text, fast', async () => {
    // Built as text: JSON.stringify itself recurses, and the wire is where such a document comes from.
    const depth = 5000;
    const deepJson = `${'{"type":"blockquote","content":['.repeat(depth)}{"type":"text","text":"bottom"}${']}'.repeat(depth)}`;
    const huge = doc(...Array.from({ length: 10_000 }, (_, i) => p(text(`${i} `, { type: 'bold' }))));
    const manyMarks = doc(p(text('marked', ...Array.from({ length: 10_000 }, () => ({ type: 'bold' })))));
    const messages =
      `[${JSON.stringify(reply({ content: 'deep, as text' }))},${JSON.stringify(reply({ content: 'huge, as text https://example.com/', rich_content: huge }))},${JSON.stringify(reply({ rich_content: manyMarks }))}]`.replace(
        '"content":"deep',
        `"rich_content":{"type":"doc","content":[${deepJson}]},"content":"deep`,
      );
    const started = performance.now();
    const el = await widgetShowing(worker, messages, 15_000);
    await formatted(el, 2);
    const elapsed = performance.now() - started;
    const [deepOne, hugeOne, marked] = teamContents(el);

    expect([deepOne.className, deepOne.textContent]).to.deep.equal(['content ', 'deep, as text']);
    expect([hugeOne.className, hugeOne.textContent]).to.deep.equal(['content ', 'huge, as text https://example.com/']);
    expect(hugeOne.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/');
    // Marks past the tenth are not an editor's: ignored.
    expect(marked.querySelectorAll('strong')).to.have.length(10);
    expect(marked.textContent).to.equal('marked');
    // The whole way: a 600 kB answer polled every 150 ms through the service worker, and the list.
    expect(elapsed).to.be.below(8000);

    // Re-renders (every poll, every tick of the times) reuse what was built.
    const again = performance.now();
    el.requestUpdate();
    await el.updateComplete;
    expect(performance.now() - again).to.be.below(500);
  });

  it('gives up on a document of a million nodes at once, and renders one of 1,999', async () => {
    // The renderer alone, without the network: its budgets, not the size of the document, set the cost.
    const lit: Lit = { html, nothing };
    const million = {
      type: 'doc',
      content: Array.from({ length: 250_000 }, (_, i) =>
        p(text(`${i}`, { type: 'bold' }, { type: 'italic' }), { type: 'hardBreak' }),
      ),
    };
    let started = performance.now();
    expect(renderRichContent(million as RichDoc, lit)).to.equal(undefined);
    expect(performance.now() - started).to.be.below(200);

    const most = {
      type: 'doc',
      content: Array.from({ length: 666 }, (_, i) => p(text(`${i}`, { type: 'bold' }), { type: 'hardBreak' })),
    };
    started = performance.now();
    const container = document.createElement('div');
    render(renderRichContent(most as RichDoc, lit), container);
    expect(performance.now() - started).to.be.below(500);
    expect(container.querySelectorAll('p')).to.have.length(666);
  });
});
