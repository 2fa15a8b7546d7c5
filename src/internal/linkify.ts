import { html } from 'lit';

// Only web and mail addresses become links: never javascript:, data: or anything else.
const ADDRESS = /\b(?:https?:\/\/|mailto:)[^\s<>"']+/gi;
// Punctuation that ends a sentence is not part of the address before it.
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * Server text as text, with its http(s) and mailto addresses as links. Every piece is a
 * Lit text or attribute binding, so no HTML in the text is ever interpreted.
 */
export function linkify(text: string): unknown[] {
  const pieces: unknown[] = [];
  let done = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = match[0].replace(TRAILING, '');
    pieces.push(text.slice(done, match.index), html`<a href=${address} target="_blank" rel="noopener noreferrer">${address}</a>`);
    done = match.index! + address.length;
  }
  pieces.push(text.slice(done));
  return pieces;
}
