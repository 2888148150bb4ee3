/**
 * The Motoko compiler of the headless runner and the tests: moc.js and its bundled `core` library loaded into
 * this Node process on first use, one instance (and one cache of compiled projects) per process.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { mocCompiler, type MocCompiler, type MotokoPackage, type RawMoc } from './mocCompiler.ts';
import type { MotokoCompiler } from './motokoCompiler.ts';
import { onDemandMotokoCompiler } from './onDemandMotokoCompiler.ts';

let shared: MotokoCompiler | null = null;

export function nodeMotokoCompiler(): MotokoCompiler {
  shared ??= onDemandMotokoCompiler(
    async () => {
      const moc = loadMocInNode();
      return { compile: async (project) => moc.compile(project), check: async (project) => moc.check(project) };
    },
    async (project) => loadMocInNode({ fresh: true }).compile(project),
  );
  return shared;
}

/**
 * moc.js with `core`, loaded into this process (about a second the first time), compiling without a cache
 * (`bench/motokoCompile.ts`). `fresh`: a new instance of moc.js (its script evaluated again, about 0.4 s), which
 * has compiled nothing, instead of the process's own.
 */
export function loadMocInNode(options: { fresh?: boolean } = {}): MocCompiler {
  const require = createRequire(import.meta.url);
  const files = mocFiles(require);
  const path = files.moc;
  const cached = require.cache[path];
  if (options.fresh) delete require.cache[path];
  const { Motoko } = require(path) as { Motoko: RawMoc };
  if (options.fresh && cached) require.cache[path] = cached;
  const core = require(files.core) as MotokoPackage;
  return mocCompiler(Motoko, [core]);
}

/**
 * Where moc.js and `core` are: beside the built runner (scripts/buildRunner.mjs copies them there, so the packed
 * package needs no `motoko` dependency), else the `motoko` package this module resolves (the sources, the tests).
 */
function mocFiles(require: NodeJS.Require): { moc: string; core: string } {
  const beside = fileURLToPath(new URL('./motoko/moc.min.cjs', import.meta.url));
  if (existsSync(beside)) return { moc: beside, core: fileURLToPath(new URL('./motoko/core.json', import.meta.url)) };
  return { moc: require.resolve('motoko/versions/latest/moc.min.js'), core: require.resolve('motoko/packages/latest/core.json') };
}
