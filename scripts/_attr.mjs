import { SourceMapConsumer } from 'source-map-js';
import fs from 'node:fs';
const f = process.argv[2];
const code = fs.readFileSync(f, 'utf8');
const map = new SourceMapConsumer(JSON.parse(fs.readFileSync(f + '.map', 'utf8')));
const lines = code.split('\n');
const bytes = {};
map.eachMapping(() => {});
// attribute each char to the last mapping before it
const ms = [];
map.eachMapping((m) => ms.push(m));
ms.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
const pieces = {};
for (let i = 0; i < ms.length; i++) {
  const m = ms[i], n = ms[i + 1];
  const line = lines[m.generatedLine - 1];
  const end = n && n.generatedLine === m.generatedLine ? n.generatedColumn : line.length;
  const src = (m.source || '?').replace(/.*node_modules\//, 'nm/').replace(/.*\/src\//, 'src/');
  pieces[src] = (pieces[src] || '') + line.slice(m.generatedColumn, end);
}
const zlib = await import('node:zlib');
const rows = Object.entries(pieces).map(([s, t]) => [s, t.length, zlib.gzipSync(t, { level: 9 }).length]);
rows.sort((a, b) => b[1] - a[1]);
for (const r of rows) console.log(String(r[1]).padStart(7), String(r[2]).padStart(6), r[0]);
