import { html, nothing } from 'lit';
import type { RichDoc } from '../../transport/wire-types.js';

/*
 * Why this file exists: a reply may carry `rich_content`, a TipTap/ProseMirror document that
 * arrives from the server untrusted and unchecked (validation only sees an object). It becomes
 * Lit templates, one known node or mark at a time, so nothing in it is ever parsed as HTML: an
 * unknown type shows its text, a string goes into a text or attribute binding, and only
 * http(s) and mailto addresses become links (http(s) only for images). Fields are read as own
 * properties of plain objects, so `__proto__` or a number where a string belongs just shows as
 * nothing, and depth and node budgets keep a hostile document from freezing the page: past
 * them, the rest is its plain text.
 */

const MAX_DEPTH = 20;
const MAX_NODES = 2000;
/** ProseMirror has a handful of marks; a text with more is not an editor's. */
const MAX_MARKS = 10;
/** Even as plain text, the rest of a huge document is read only this far. */
const MAX_TEXT_NODES = 100_000;
const LINK = /^(?:https?:\/\/|mailto:)/i;
const IMAGE = /^https?:\/\//i;

/** A field of a node, only when it is the node's own: nothing comes from a prototype. */
const get = (node: unknown, key: string): unknown =>
  node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * The text of nodes and all their descendants, a block to a line. A loop with its own stack,
 * never recursion, so a document nested thousands deep cannot overflow the call stack.
 */
function textOf(nodes: unknown[]): string {
  let text = '';
  // Whether `text` is empty or ends a line; asking the string itself would flatten it every time.
  let lineStart = true;
  const stack: unknown[] = nodes.slice(0, MAX_TEXT_NODES).reverse();
  for (let steps = 0; stack.length && steps < MAX_TEXT_NODES; steps++) {
    const node = stack.pop();
    const piece = get(node, 'type') === 'hardBreak' ? '\n' : str(get(node, 'text'));
    if (piece) [text, lineStart] = [text + piece, piece.endsWith('\n')];
    const content = get(node, 'content');
    if (!Array.isArray(content)) continue;
    // A block starts on a line of its own.
    if (!lineStart) [text, lineStart] = [`${text}\n`, true];
    for (let i = Math.min(content.length, MAX_TEXT_NODES - stack.length); i-- > 0; ) stack.push(content[i]);
  }
  return text;
}

class Renderer {
  #nodes = 0;

  children(node: unknown, depth: number): unknown[] {
    const content = list(get(node, 'content'));
    const out: unknown[] = [];
    for (let i = 0; i < content.length; i++) {
      if (depth >= MAX_DEPTH || this.#nodes >= MAX_NODES) {
        out.push(textOf(content.slice(i)));
        break;
      }
      out.push(this.node(content[i], depth + 1));
    }
    return out;
  }

  node(node: unknown, depth: number): unknown {
    this.#nodes++;
    const attrs = get(node, 'attrs');
    const kids = () => this.children(node, depth);
    switch (get(node, 'type')) {
      case 'text':
        return this.#marks(str(get(node, 'text')), list(get(node, 'marks')));
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
        return IMAGE.test(src)
          ? html`<img src=${src} alt=${alt} loading="lazy" referrerpolicy="no-referrer" />`
          : alt;
      }
      default:
        return kids();
    }
  }

  #marks(text: string, marks: unknown[]): unknown {
    let out: unknown = text;
    // The first mark is the outermost, as ProseMirror stores them.
    for (const mark of marks.slice(0, MAX_MARKS).reverse()) {
      const href = str(get(get(mark, 'attrs'), 'href'));
      switch (get(mark, 'type')) {
        case 'bold':
          out = html`<strong>${out}</strong>`;
          break;
        case 'italic':
          out = html`<em>${out}</em>`;
          break;
        case 'strike':
          out = html`<s>${out}</s>`;
          break;
        case 'code':
          out = html`<code>${out}</code>`;
          break;
        case 'link':
          if (LINK.test(href)) out = html`<a href=${href} target="_blank" rel="noopener noreferrer">${out}</a>`;
      }
    }
    return out;
  }
}

/**
 * `rich_content` as templates, or undefined when it is not a usable document (then the
 * message shows its plain `content`).
 */
export function renderRichContent(doc: RichDoc | undefined): unknown[] | undefined {
  if (get(doc, 'type') !== 'doc' || !list(get(doc, 'content')).length) return undefined;
  // The list renders again on every poll and every tick of the relative times: build once.
  if (cache.has(doc!)) return cache.get(doc!);
  let rendered: unknown[] | undefined;
  try {
    rendered = new Renderer().children(doc, 0);
  } catch {
    // Only a getter or proxy from a custom transport could throw here; the text still shows.
  }
  cache.set(doc!, rendered);
  return rendered;
}

const cache = new WeakMap<RichDoc, unknown[] | undefined>();
