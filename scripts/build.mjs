// Builds dist/: the ES module, the one-file IIFE, type declarations and custom-elements.json.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'vite';

await build({ mode: 'es', logLevel: 'warn' });
await build({ mode: 'iife', logLevel: 'warn' });
await build({ mode: 'locales', logLevel: 'warn' });
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(bin('cem'), ['analyze', '--litelement', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.styles.ts'], {
  stdio: 'inherit',
});
// The analyzer lists modules in file-system glob order, which varies between runs and
// machines; sorting makes the committed manifest reproducible (npm test compares it).
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
writeFileSync('custom-elements.json', `${JSON.stringify(manifest, null, 2)}\n`);

console.log('built dist/support-chat.js, dist/support-chat.iife.js, dist/types/, custom-elements.json');
