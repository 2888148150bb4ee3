#!/usr/bin/env node
// Builds the headless runner to JavaScript: `src/cli/bin.ts` and everything it imports (the engine, the scenario
// player, wabt, the Candid library) bundled by esbuild into `dist-runner/`, with moc.js and Motoko's `core` library
// copied beside it. The package's bin (`bin/canister-playground.mjs`) runs this bundle: no TypeScript compiler at
// start-up, and nothing to install beside it (the packed package has no dependencies).
//
// Run by npm's `prepare` lifecycle, so a fresh clone's `npm install` (or `npm ci`) builds it and `npm pack` packs
// it; the tests build it again first (tests/cli/buildRunnerOnce.ts), so they never run a stale bundle.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-runner');

export async function buildRunner() {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: { 'canister-playground': join(root, 'src/cli/bin.ts') },
    outdir: out,
    bundle: true,
    splitting: true, // wabt (0.9 MB) is a chunk of its own, loaded only when a scenario has WAT to compile
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // jsonc-parser's UMD entry requires its files by relative paths a bundle does not have; its ESM entry imports them.
    mainFields: ['module', 'main'],
    // CommonJS dependencies bundled into an ES module still call `require` for Node's built-ins, and wabt reads
    // `__dirname`, which an ES module does not have.
    banner: {
      js: [
        "import { createRequire as __bundleRequire } from 'node:module';",
        "import { fileURLToPath as __bundleFileUrlToPath } from 'node:url';",
        'const require = __bundleRequire(import.meta.url);',
        'const __filename = __bundleFileUrlToPath(import.meta.url);',
        "const __dirname = __bundleFileUrlToPath(new URL('.', import.meta.url));",
      ].join(' '),
    },
    outExtension: { '.js': '.mjs' },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  // moc.js is loaded with `require` on first use (.cjs: the package's "type": "module" would make a .js an ES module) (src/motoko/nodeMotokoCompiler.ts looks beside the bundle first).
  const require = createRequire(import.meta.url);
  mkdirSync(join(out, 'motoko'), { recursive: true });
  copyFileSync(require.resolve('motoko/versions/latest/moc.min.js'), join(out, 'motoko/moc.min.cjs'));
  copyFileSync(require.resolve('motoko/packages/latest/core.json'), join(out, 'motoko/core.json'));
  copyFileSync(require.resolve('motoko/LICENSE'), join(out, 'motoko/LICENSE'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildRunner();
