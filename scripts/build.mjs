// Builds dist/: the ES module, the IIFE for a script tag, the files both load beside them on
// demand (panel.js, conversation-chunk.js, rich-content.js, locales/), the React wrapper, type declarations,
// custom-elements.json and the editor data made from it; then prints each script's SRI hash.
import { execFileSync } from 'node:child_process';
import { build } from 'vite';

const node = (script) => execFileSync(process.execPath, [script], { stdio: 'inherit' });
node('scripts/sync-version.mjs');
await build({ mode: 'es', logLevel: 'warn' });
await build({ mode: 'iife', logLevel: 'warn' });
await build({ mode: 'locales', logLevel: 'warn' });
await build({ mode: 'react', logLevel: 'warn' });
await build({ mode: 'panel', logLevel: 'warn' });
await build({ mode: 'conversation', logLevel: 'warn' });
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// What goes into custom-elements.json (the public elements only) is in custom-elements-manifest.config.mjs.
execFileSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { stdio: 'inherit' });
node('scripts/editor-data.mjs');

console.log(
  'built dist/support-chat.js, dist/support-chat.iife.js, dist/panel.js, dist/react.js, dist/types/, custom-elements.json',
);
// Last, once every file is there: the hashes of what a page loads (and dist/integrity.json).
node('scripts/integrity.mjs');
