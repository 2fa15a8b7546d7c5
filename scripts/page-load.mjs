// What a page pays for, in bytes gzip -9, as `npm test` checks it (check-bundle.mjs) and the
// history benchmark prints it (bench-history.mjs). Needs `npm run build`.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const FIRST = 'dist/support-chat.iife.js';
/** Loaded beside it on demand, whatever the page's language: the panel, the client's conversation parts, formatted messages. */
export const BESIDE = ['dist/panel.js', 'dist/conversation-chunk.js', 'dist/rich-content.js'];
/** One file per language beyond English; a page loads one of them at most, its own. */
export const LOCALES = readdirSync('dist/locales')
  .filter((f) => f.endsWith('.js'))
  .map((f) => `dist/locales/${f}`);

export const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * The first file, each language (heaviest first), and what one page can load in all: the
 * first file, the files beside it and its one language, so the heaviest one counts.
 */
export function pageLoad() {
  const first = gzipped(FIRST);
  const locales = LOCALES.map((file) => ({ file, size: gzipped(file) })).sort((a, b) => b.size - a.size);
  const heaviest = locales[0] ?? { file: 'no language', size: 0 };
  const total = first + BESIDE.reduce((sum, file) => sum + gzipped(file), 0) + heaviest.size;
  return { first, locales, heaviest, total };
}
