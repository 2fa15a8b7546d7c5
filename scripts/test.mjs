// `npm test`: type-checking (the code and the README's examples), lint and format checks,
// Node tests, browser tests, then the build and its checks.
// Every step runs even when one fails; the last line adds them all up: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { HOW_TO_GET_A_BROWSER, findChromium } from './find-browser.mjs';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const total = { passed: 0, failed: 0, skipped: 0 };

/** Runs a command with its output shown live; resolves with exit code and output. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** A step that counts as one check: passes when the command exits 0. */
async function check(title, command, args) {
  console.log(`\n== ${title}`);
  const { code } = await run(command, args);
  if (code === 0) total.passed++;
  else total.failed++;
  return code === 0;
}

/** A step that runs a suite: adds the suite's own counts, plus one failure if it died without any. */
async function suite(title, command, args, parse, env) {
  console.log(`\n== ${title}`);
  const { code, output } = await run(command, args, env);
  const counts = parse(output);
  if (!counts) {
    total.failed++;
    return;
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped ?? 0;
  if (code !== 0 && counts.failed === 0) total.failed++;
}

const lastMatch = (output, pattern) => [...output.matchAll(pattern)].at(-1);

await check('Type-check', bin('tsc'), ['--noEmit']);
await check('README examples (type-checked against src/)', process.execPath, ['scripts/check-readme.mjs']);
await check('Lint (ESLint)', bin('eslint'), ['.']);
await check('Format (Prettier --check; `npm run format` fixes it)', bin('prettier'), ['--check', '.']);

await suite(
  'Node tests (reference server)',
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    ...readdirSync('test/node')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `test/node/${f}`),
  ],
  (output) => {
    const pass = lastMatch(output, /^ℹ pass (\d+)/gm);
    const fail = lastMatch(output, /^ℹ fail (\d+)/gm);
    const skip = lastMatch(output, /^ℹ skipped (\d+)/gm);
    return pass && fail ? { passed: +pass[1], failed: +fail[1], skipped: skip ? +skip[1] : 0 } : undefined;
  },
);

if (await findChromium()) {
  await suite(
    'Browser tests (web-test-runner, Chromium)',
    bin('web-test-runner'),
    [],
    (output) => {
      const m = lastMatch(output, /^wtr: (\d+) passed, (\d+) failed, (\d+) skipped$/gm);
      return m ? { passed: +m[1], failed: +m[2], skipped: +m[3] } : undefined;
    },
    { FORCE_COLOR: '0' },
  );
} else {
  console.log(`\n== Browser tests\n${HOW_TO_GET_A_BROWSER}`);
  total.failed++;
}

if (await check('Build', process.execPath, ['scripts/build.mjs'])) {
  await suite('Bundle checks (size, no MSW)', process.execPath, ['scripts/check-bundle.mjs'], (output) => {
    const m = lastMatch(output, /^bundle: (\d+) passed, (\d+) failed$/gm);
    return m ? { passed: +m[1], failed: +m[2] } : undefined;
  });
  await suite('Package contents (npm pack --dry-run)', process.execPath, ['scripts/check-pack.mjs'], (output) => {
    const m = lastMatch(output, /^pack: (\d+) passed, (\d+) failed$/gm);
    return m ? { passed: +m[1], failed: +m[2] } : undefined;
  });
  // The CDN tag with integrity, and React/Vue apps built from dist/ (needs Chromium).
  await suite(
    'Embeds (CDN tag with SRI, React 19 and Vue 3 apps)',
    process.execPath,
    ['--import', 'tsx', 'scripts/check-embeds.mjs'],
    (output) => {
      const m = lastMatch(output, /^embeds: (\d+) passed, (\d+) failed$/gm);
      return m ? { passed: +m[1], failed: +m[2] } : undefined;
    },
  );
}

const skipped = total.skipped ? `, ${total.skipped} skipped` : '';
console.log(`\n${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(total.failed ? 1 : 0);
