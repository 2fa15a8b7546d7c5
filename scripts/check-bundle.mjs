// Deterministic checks on the build: the script-tag bundle's size budget, that no bundle
// carries the reference server (MSW) into a customer's page, and that the committed
// custom-elements.json is the one the code produces.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 25_000; // bytes, gzip -9, dist/support-chat.iife.js
const bundles = ['dist/support-chat.iife.js', 'dist/support-chat.js'];
let passed = 0;
let failed = 0;
const report = (ok, text) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  if (ok) passed++;
  else failed++;
};

const iife = readFileSync(bundles[0]);
const gzipped = gzipSync(iife, { level: 9 }).length;
report(gzipped <= BUDGET, `${bundles[0]}: ${gzipped} bytes gzip (budget ${BUDGET})`);

for (const file of bundles) {
  const text = readFileSync(file, 'utf8');
  const found = ['mockServiceWorker', 'setupWorker', 'msw/'].filter((marker) => text.includes(marker));
  report(found.length === 0, `${file}: no MSW code${found.length ? ` (found ${found.join(', ')})` : ''}`);
}

// The build regenerates custom-elements.json; a difference means the committed one had gone stale.
let stale = '';
try {
  stale = execFileSync('git', ['status', '--porcelain', '--', 'custom-elements.json'], { encoding: 'utf8' }).trim();
} catch {
  // not a git checkout (an unpacked tarball): nothing to compare with
}
report(!stale, `custom-elements.json matches the code${stale ? ' (rebuilt file differs: commit it)' : ''}`);

console.log(`bundle: ${passed} passed, ${failed} failed`);
