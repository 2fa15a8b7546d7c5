// Builds dist/: the ES module, the IIFE for a script tag, the files both load beside them on
// demand (panel.js, rich-content.js, locales/), type declarations and custom-elements.json.
import { execFileSync } from 'node:child_process';
import { build } from 'vite';

await build({ mode: 'es', logLevel: 'warn' });
await build({ mode: 'iife', logLevel: 'warn' });
await build({ mode: 'locales', logLevel: 'warn' });
await build({ mode: 'panel', logLevel: 'warn' });
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// What goes into custom-elements.json (the public elements only) is in custom-elements-manifest.config.mjs.
execFileSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { stdio: 'inherit' });

console.log('built dist/support-chat.js, dist/support-chat.iife.js, dist/panel.js, dist/types/, custom-elements.json');
