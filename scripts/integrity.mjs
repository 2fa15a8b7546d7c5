// Subresource Integrity (sha384) of every script a page may load from dist/: the script-tag
// build, the ES build and each file either loads lazily beside it (locales, rich content, any
// chunk a later split adds). Globbed, not listed, so a new lazy file gets its hash too.
// `node scripts/integrity.mjs` prints them; the build also writes dist/integrity.json, shaped
// as an import map's "integrity" section keyed by path relative to dist/ (prefix your CDN URL).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;

/** Every .js under dist/ except the type declarations, as paths relative to dist/ with `/`. */
export function scriptsIn(dir = dist) {
  return readdirSync(dir, { recursive: true })
    .map((file) => String(file).split('\\').join('/'))
    .filter((file) => file.endsWith('.js') && !file.startsWith('types/'))
    .sort();
}

export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** `{ 'support-chat.iife.js': 'sha384-…', 'locales/de.js': 'sha384-…', … }` */
export function integrityOf(dir = dist) {
  return Object.fromEntries(scriptsIn(dir).map((file) => [file, sri(readFileSync(join(dir, file)))]));
}

if (process.argv[1] && relative(process.argv[1], new URL(import.meta.url).pathname) === '') {
  const hashes = integrityOf();
  writeFileSync(join(dist, 'integrity.json'), `${JSON.stringify({ integrity: hashes }, null, 2)}\n`);
  console.log('Subresource Integrity (sha384) of each file a page may load from dist/ (also in dist/integrity.json):');
  for (const [file, hash] of Object.entries(hashes)) console.log(`  ${file}  ${hash}`);
}
