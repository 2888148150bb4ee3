/**
 * `scripts/build-motoko.mjs` of an exported project (issue 15): compiles a Motoko canister with moc.js from the
 * `motoko` npm package, as the playground does (src/motoko/mocCompiler.ts) — the `core` library, 32-bit classic
 * persistence with the copying collector, `candid:service` and `candid:args` public, the `name` section dropped —
 * so that `icp build` gives the module the playground ran, byte for byte, and works offline. (icp-cli's Motoko
 * recipe fetches itself, mops and moc from GitHub.)
 */
export const MOTOKO_BUILD_SCRIPT = `#!/usr/bin/env node
// Compiles a Motoko canister as Canister Playground does: node scripts/build-motoko.mjs <dir/Main.mo> <out.wasm>.
// Every .mo file under the main file's folder is part of the canister, by its path relative to that folder.
// icp.yaml runs it for each Motoko canister; moc.js comes from the "motoko" package (npm install).
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const [main, out] = process.argv.slice(2);
if (!main || !out) {
  console.error('usage: node scripts/build-motoko.mjs <dir/Main.mo> <out.wasm>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { Motoko } = require('motoko/versions/latest/moc.min.js');
const core = require('motoko/packages/latest/core.json');
const packageDir = \`.packages/\${core.name}/\${core.version}\`;
for (const [path, file] of Object.entries(core.files)) Motoko.saveFile(\`\${packageDir}/\${path}\`, file.content);
Motoko.addPackage(core.name, packageDir);
Motoko.gcFlags('classicOP');
Motoko.gcFlags('copying');
Motoko.setPublicMetadata(['candid:service', 'candid:args']);

const root = dirname(main);
const sources = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
  entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.mo') ? [join(dir, entry.name)] : []);
for (const file of sources(root)) Motoko.saveFile(relative(root, file).split('\\\\').join('/'), readFileSync(file, 'utf8'));

const { code, diagnostics } = Motoko.compileWasm('ic', relative(root, main).split('\\\\').join('/'));
for (const d of diagnostics) {
  console.error(\`\${d.source}:\${d.range.start.line + 1}:\${d.range.start.character + 1}: \${d.severity === 1 ? 'error' : 'warning'}: \${d.message}\`);
}
if (!code) process.exit(1);
writeFileSync(out, withoutCustomSection(code.wasm, 'name'));

/** The module without its custom sections of that name (moc's \`name\` section differs from one run to the next). */
function withoutCustomSection(wasm, name) {
  const kept = [wasm.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < wasm.length) {
    const start = at;
    const id = wasm[at++];
    const size = leb();
    const end = at + size;
    let drop = false;
    if (id === 0) {
      const length = leb();
      drop = new TextDecoder().decode(wasm.subarray(at, at + length)) === name;
    }
    if (!drop) kept.push(wasm.subarray(start, end));
    at = end;
  }
  return Buffer.concat(kept);
}
`;
