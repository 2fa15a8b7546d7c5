// Type-checks the README's code examples against the package's source, so an example that
// no longer matches the API fails `npm test` with its README line.
//
// The rule: every ```ts / ```typescript block is checked as a TypeScript module, every
// ```js / ```javascript block as a JavaScript module (`checkJs`, as an editor checks a
// JavaScript user's code). `import … from 'support-chat'` resolves to src/index.ts
// (tsconfig.readme.json). HTML comments on the lines just above a block's fence change that:
//
//   <!-- not checked: reason -->          the block is skipped (a fragment, pseudo-code…)
//   <!-- check with: declarations -->     TypeScript declarations of the names the example
//                                         leaves to the reader, e.g.
//                                         `declare function render(state: unknown): void;`
//   <!-- known failure: reason -->        the block is checked and must fail; once it
//                                         passes, the check fails until the comment goes
//
// Each block is written to .readme-examples/ (ignored by git), then one `tsc --noEmit` run
// checks them all. The last line is `readme: N passed, N failed`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = resolve(root, '.readme-examples');
const tsc = resolve(root, 'node_modules/.bin/tsc');
const LANGUAGES = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' };

/** The README's ts/js blocks: the line of the fence, the code, and the comments just above it. */
function extractBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    const extension = LANGUAGES[language.toLowerCase()];
    if (extension) {
      const notes = {};
      for (let j = i - 1; j >= 0; j--) {
        if (!lines[j].trim()) continue;
        const note = /^\s*<!--\s*(not checked|check with|known failure):\s*([\s\S]*?)\s*-->\s*$/.exec(lines[j]);
        if (!note) break;
        notes[note[1]] = note[2];
      }
      const code = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      blocks.push({ fenceLine: i + 1, extension, code, notes });
    }
    i = end;
  }
  return blocks;
}

const readme = resolve(root, process.argv[2] ?? 'README.md'); // another file: for trying the rule out
const shown = relative(root, readme);
const blocks = extractBlocks(readFileSync(readme, 'utf8'));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const checked = [];
for (const block of blocks) {
  if (block.notes['not checked'] !== undefined) {
    console.log(`skip ${shown}:${block.fenceLine} (not checked: ${block.notes['not checked']})`);
    continue;
  }
  const name = `readme-line-${block.fenceLine}`;
  block.file = resolve(outDir, `${name}.${block.extension}`);
  // A block without import or export would be a script, where top-level await is an error.
  const isModule = block.code.some((line) => /^\s*(import|export)\b/.test(line));
  writeFileSync(block.file, `${block.code.join('\n')}\n${isModule ? '' : 'export {};\n'}`);
  if (block.notes['check with']) {
    writeFileSync(resolve(outDir, `${name}.placeholders.d.ts`), `${block.notes['check with']}\n`);
  }
  checked.push(block);
}

let output = '';
if (checked.length) {
  try {
    execFileSync(tsc, ['-p', resolve(root, 'tsconfig.readme.json'), '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    if (!output.trim()) throw error;
  }
}
rmSync(outDir, { recursive: true, force: true });

// tsc prints `file(line,col): error TSnnnn: text`, continuation lines indented.
const diagnostics = [];
for (const line of output.split('\n')) {
  const m = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
  if (m) diagnostics.push({ file: resolve(root, m[1]), line: +m[2], column: +m[3], text: m[4] });
  else if (line.trim() && diagnostics.length) diagnostics.at(-1).text += `\n      ${line.trim()}`;
  else if (line.trim()) diagnostics.push({ text: line.trim() });
}

let passed = 0;
let failed = 0;
for (const block of checked) {
  const own = diagnostics.filter((d) => d.file === block.file);
  const where = `${shown}:${block.fenceLine}`;
  const known = block.notes['known failure'];
  if (known !== undefined && own.length) {
    passed++;
    console.log(`ok   ${where} fails as known (${known}):`);
  } else if (known !== undefined) {
    failed++;
    console.log(`FAIL ${where} type-checks now: remove its <!-- known failure: … --> comment`);
  } else if (own.length) {
    failed++;
    console.log(`FAIL ${where}`);
  } else {
    passed++;
    console.log(`ok   ${where}`);
  }
  for (const d of own) console.log(`  ${shown}:${block.fenceLine + d.line}:${d.column} ${d.text}`);
}
// Errors outside the examples (a placeholder declaration, the source itself) fail the check too.
const elsewhere = diagnostics.filter((d) => !checked.some((block) => block.file === d.file));
if (elsewhere.length) {
  failed++;
  console.log('FAIL errors outside the examples:');
  for (const d of elsewhere) console.log(`  ${d.file ? `${relative(root, d.file)}:${d.line}:${d.column} ` : ''}${d.text}`);
}

console.log(`readme: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
