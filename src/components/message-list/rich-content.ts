import type { RichDoc } from '../../transport/wire-types.js';
import type { Lit } from './rich-loader.js';

/*
 * Why this file exists: a reply may carry `rich_content`, a TipTap/ProseMirror document that
 * arrives from the server untrusted and unchecked (validation only sees an object). It becomes
 * Lit templates, one known node or mark at a time, so nothing in it is ever parsed as HTML: an
 * unknown type shows its text, a string goes into a text or attribute binding, and only
 * http(s) and mailto addresses become links (http(s) only for images). Fields are read as own
 * properties of plain objects, so `__proto__` or a number where a string belongs just shows as
 * nothing, and depth and node budgets keep a hostile document from freezing the page: past
 * them, the message shows its plain text instead. It is a file of its own beside the script
 * (dist/rich-content.js), loaded by rich-loader.ts on the first formatted message, and it takes
 * Lit's `html` from the caller, so that pages without formatting pay nothing for it.
 */

const MAX_DEPTH = 20;
const MAX_NODES = 2000;
/** ProseMirror has a handful of marks; a text with more is not an editor's. */
const MAX_MARKS = 10;
const LINK = /^(?:https?:\/\/|mailto:)/i;
const IMAGE = /^https?:\/\//i;

/** A field of a node, only when it is the node's own: nothing comes from a prototype. */
const get = (node: unknown, key: string): unknown =>
  node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function marked({ html }: Lit, text: string, marks: unknown[]): unknown {
  // The first mark is the outermost, as ProseMirror stores them.
  return marks.slice(0, MAX_MARKS).reduceRight((out: unknown, mark) => {
    const href = str(get(get(mark, 'attrs'), 'href'));
    switch (get(mark, 'type')) {
      case 'bold':
        return html`<strong>${out}</strong>`;
      case 'italic':
        return html`<em>${out}</em>`;
      case 'strike':
        return html`<s>${out}</s>`;
      case 'code':
        return html`<code>${out}</code>`;
      case 'link':
        if (LINK.test(href)) return html`<a href=${href} target="_blank" rel="noopener noreferrer">${out}</a>`;
    }
    return out;
  }, text);
}

/** Templates for a document's nodes; throws past the budgets (the caller then shows the plain text). */
function renderer(lit: Lit) {
  const { html, nothing } = lit;
  let nodes = 0;
  const children = (node: unknown, depth: number): unknown[] => {
    if (depth > MAX_DEPTH) throw new RangeError('rich_content too deep');
    return list(get(node, 'content')).map((child) => one(child, depth + 1));
  };
  const one = (node: unknown, depth: number): unknown => {
    if (++nodes > MAX_NODES) throw new RangeError('rich_content too large');
    const attrs = get(node, 'attrs');
    const kids = () => children(node, depth);
    switch (get(node, 'type')) {
      case 'text':
        return marked(lit, str(get(node, 'text')), list(get(node, 'marks')));
      case 'paragraph':
        return html`<p>${kids()}</p>`;
      case 'heading':
        // A message is not a page: a heading there must not join the page's outline.
        return html`<p><strong>${kids()}</strong></p>`;
      case 'hardBreak':
        return html`<br />`;
      case 'bulletList':
        return html`<ul>${kids()}</ul>`;
      case 'orderedList': {
        const start = get(attrs, 'start');
        return html`<ol start=${Number.isSafeInteger(start) ? (start as number) : nothing}>${kids()}</ol>`;
      }
      case 'listItem':
        return html`<li>${kids()}</li>`;
      case 'blockquote':
        return html`<blockquote>${kids()}</blockquote>`;
      case 'codeBlock':
        return html`<pre><code>${kids()}</code></pre>`;
      case 'image': {
        const src = str(get(attrs, 'src'));
        const alt = str(get(attrs, 'alt'));
        return IMAGE.test(src) ? html`<img src=${src} alt=${alt} loading="lazy" referrerpolicy="no-referrer" />` : alt;
      }
      default:
        return kids();
    }
  };
  return children;
}

const cache = new WeakMap<RichDoc, unknown[] | undefined>();

/**
 * `rich_content` as templates, or undefined when it is not a usable document, or one past
 * the budgets: the message then shows its plain `content`, the same text, with its links.
 */
export function renderRichContent(doc: RichDoc | undefined, lit: Lit): unknown[] | undefined {
  if (get(doc, 'type') !== 'doc' || !list(get(doc, 'content')).length) return undefined;
  // The list renders again on every poll and every tick of the relative times: build once.
  if (!cache.has(doc!)) {
    let rendered: unknown[] | undefined;
    try {
      rendered = renderer(lit)(doc, 0);
    } catch {
      // Past a budget, or a getter or proxy from a custom transport that threw.
    }
    cache.set(doc!, rendered);
  }
  return cache.get(doc!);
}
