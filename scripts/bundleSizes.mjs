/**
 * What the app's initial JavaScript is made of: bytes per package or source file of the built entry chunk, raw and
 * gzipped on its own (the sum of the gzips is larger than the chunk's gzip). `npm run bundle:sizes [rows]` builds
 * with source maps into .scratch/dist-sourcemap and prints the largest rows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
import { gzipSync } from 'node:zlib';
const assets = `${process.argv[2] ?? 'dist'}/assets`;
const f = readdirSync(assets).find((n) => new RegExp(process.argv[4] ?? "^index-.*\\.js$").test(n));
const code = readFileSync(`${assets}/${f}`, 'utf8');
const map = new SourceMapConsumer(JSON.parse(readFileSync(`${assets}/${f}.map`, 'utf8')));
const lines = code.split('\n');
let prev = null;
const chunks = new Map();
map.eachMapping((m) => {
  if (prev) {
    const line = lines[prev.generatedLine - 1];
    const end = m.generatedLine === prev.generatedLine ? m.generatedColumn : line.length;
    const text = line.slice(prev.generatedColumn, end);
    const src = prev.source ?? '?';
    chunks.set(src, (chunks.get(src) ?? '') + text);
  }
  prev = m;
});
const group = (s) => { const i = s.indexOf('node_modules/'); if (i >= 0) { const r = s.slice(i + 13).split('/'); return r[0].startsWith('@') ? r[0] + '/' + r[1] : r[0]; } return s.replace(/^.*\/src\//, 'src/'); };
const g = new Map();
for (const [s, t] of chunks) g.set(group(s), (g.get(group(s)) ?? '') + t);
const rows = [...g].map(([k, t]) => [k, t.length, gzipSync(t).length]).sort((a, b) => b[2] - a[2]);
for (const r of rows.slice(0, Number(process.argv[3] ?? 40))) console.log(String(r[2]).padStart(8), String(r[1]).padStart(8), r[0]);
