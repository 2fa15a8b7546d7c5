// Builds dist/: the ES module, the one-file IIFE, type declarations and custom-elements.json.
import { execFileSync } from 'node:child_process';
import { build } from 'vite';

await build({ mode: 'es', logLevel: 'warn' });
await build({ mode: 'iife', logLevel: 'warn' });
await build({ mode: 'locales', logLevel: 'warn' });
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(bin('cem'), ['analyze', '--litelement', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.styles.ts'], {
  stdio: 'inherit',
});
console.log('built dist/support-chat.js, dist/support-chat.iife.js, dist/types/, custom-elements.json');
