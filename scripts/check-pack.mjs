// What `npm install support-chat` gets: `npm pack --dry-run --json` lists the tarball, and this
// checks it holds exactly what a user needs (the builds, their types, the manifest, the editor
// data, README, LICENSE, CHANGELOG) and nothing of the repository's own (tests, demo, reference
// server, scripts, sources). Prints every file's size. Needs the build first.
// Last line: `pack: N passed, N failed`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { checkReport } from './check-report.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const [tarball] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }));
const files = tarball.files.map((f) => f.path).sort();

const checks = checkReport('pack');
const { report } = checks;

for (const f of [...tarball.files].sort((a, b) => a.path.localeCompare(b.path))) {
  console.log(`  ${String(f.size).padStart(8)}  ${f.path}`);
}
console.log(
  `  ${String(tarball.size).padStart(8)}  (tarball, gzip; ${tarball.unpackedSize} bytes unpacked, ${files.length} files)`,
);

// Every path package.json points a user at, plus the files a user reads.
const exportTargets = Object.values(pkg.exports).flatMap((target) =>
  typeof target === 'string' ? [target] : Object.values(target),
);
const pointed = [
  pkg.main,
  pkg.module,
  pkg.types,
  pkg.customElements,
  pkg['web-types'],
  pkg.unpkg,
  pkg.jsdelivr,
  ...exportTargets,
];
const needed = new Set([
  ...pointed.map((p) => p.replace(/^\.\//, '')),
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'package.json',
  'dist/locales/de.js',
  'dist/locales/ar.js',
  'dist/rich-content.js',
  'dist/panel.js',
  'dist/conversation-chunk.js',
]);
for (const file of needed) report(files.includes(file), `ships ${file}`);

// Every file a page may load from dist/ (globbed by the build into integrity.json) ships too.
const lazy = Object.keys(JSON.parse(readFileSync('dist/integrity.json', 'utf8')).integrity);
const missing = lazy.filter((file) => !files.includes(`dist/${file}`));
report(
  missing.length === 0,
  `ships every script in dist/integrity.json (${lazy.length})${missing.length ? `: missing ${missing.join(', ')}` : ''}`,
);

// Anything outside these is the repository's own, not the user's.
const allowed = [/^dist\//, /^(README\.md|LICENSE|CHANGELOG\.md|package\.json|custom-elements\.json)$/];
const stray = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
report(stray.length === 0, `nothing else (tests, demo, server, scripts, sources)${stray.length ? `: ${stray.join(', ')}` : ''}`);
const leaked = files.filter(
  (file) =>
    /(^|\/)(test|demo|mock-server|scripts)\/|\.test\.|mockServiceWorker/.test(file) ||
    (file.endsWith('.ts') && !file.endsWith('.d.ts')),
);
report(leaked.length === 0, `no test, demo or server code under dist/${leaked.length ? `: ${leaked.join(', ')}` : ''}`);

console.log(checks.summary());
process.exit(checks.failed ? 1 : 0);
