// package.json's "version" is the one place the version is written. src/version.ts (the
// version the widget names in its console messages) is made from it: by the build, and by
// `npm version` (package.json's "version" script), which then commits the two together.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const file = new URL('../src/version.ts', import.meta.url);
const text = `/** This build's version, as in package.json (a Node test keeps the two equal). */\nexport const VERSION = '${version}';\n`;
if (readFileSync(file, 'utf8') !== text) {
  writeFileSync(file, text);
  console.log(`src/version.ts: ${version} (from package.json)`);
}
