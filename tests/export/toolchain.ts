/**
 * The tools an exported project is checked with (tests/export/toolchain/package.json, locked): icp-cli's `icp`
 * binary, which builds the project offline, and @dfinity/pic's type declarations, which its test is type-checked
 * against. Installed on first use with --ignore-scripts (@dfinity/pic's install script downloads the PocketIC
 * server, which is not needed to type-check and cannot be fetched here).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOLCHAIN = join(ROOT, 'tests/export/toolchain');
export const ICP = join(TOOLCHAIN, 'node_modules/@icp-sdk/icp-cli-linux-x64/bin/icp');

const ready = () => existsSync(ICP) && existsSync(join(TOOLCHAIN, 'node_modules/@dfinity/pic/dist/index.d.ts'));

/** A lock older than this was left by an install that died: it is taken over. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Installs the toolchain if it is not there. Test files of both projects (node, e2e) may ask at once on a fresh
 * clone: one installs, under a lock (a directory: made atomically), and the others wait for it.
 */
export function ensureToolchain(): void {
  const lock = join(TOOLCHAIN, '.installing');
  while (!ready()) {
    try {
      mkdirSync(lock);
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      continue;
    }
    try {
      if (!ready()) execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: TOOLCHAIN, stdio: 'inherit' });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/**
 * A node_modules for exported projects, made of links: what their package.json asks for (wabt, moc.js, vitest,
 * TypeScript, Node's types from the repository; @dfinity/pic and @icp-sdk/core from the toolchain).
 */
export function linkedNodeModules(dir: string): string {
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@dfinity'), { recursive: true });
  mkdirSync(join(modules, '.bin'), { recursive: true });
  symlinkSync(join(TOOLCHAIN, 'node_modules/@dfinity/pic'), join(modules, '@dfinity/pic'));
  symlinkSync(join(TOOLCHAIN, 'node_modules/@icp-sdk'), join(modules, '@icp-sdk'));
  for (const name of ['vitest', '@types', 'typescript', 'wabt', 'motoko']) symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  symlinkSync(join(ROOT, 'node_modules/.bin/wat2wasm'), join(modules, '.bin/wat2wasm'));
  return modules;
}

/** `icp build` in a project, offline as far as it goes (nothing it runs here fetches anything). */
export function icpBuild(project: string, icpHome: string): void {
  execFileSync(ICP, ['build'], {
    cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DO_NOT_TRACK: '1', ICP_HOME: icpHome, RUST_BACKTRACE: '0' },
  });
}
