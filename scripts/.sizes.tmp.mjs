import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
const file = process.argv[2];
const code = readFileSync(file, 'utf8');
const map = new SourceMapConsumer(JSON.parse(readFileSync(file + '.map', 'utf8')));
const lines = code.split('\n');
const bytes = {};
let last = null;
map.eachMapping((m) => {
  if (last) {
    const src = last.source || '(none)';
    let n = 0;
    if (last.generatedLine === m.generatedLine) n = m.generatedColumn - last.generatedColumn;
    else n = lines[last.generatedLine - 1].length - last.generatedColumn;
    bytes[src] = (bytes[src] || 0) + n;
  }
  last = m;
});
const total = code.length;
const rows = Object.entries(bytes).sort((a, b) => b[1] - a[1]);
for (const [s, n] of rows) console.log(String(n).padStart(7), (100 * n / total).toFixed(1).padStart(5) + '%', s.replace(/^.*node_modules\//, 'nm/').replace(/^\.\.\//, ''));
console.log(total, 'total raw');
