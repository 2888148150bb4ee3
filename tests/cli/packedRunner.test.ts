/**
 * The packed package (issue 15): `npm pack` makes a tarball whose `canister-playground` bin works installed
 * elsewhere — no repository, no node_modules of ours, no tsx, nothing fetched (the package has no dependencies:
 * the runner is one bundle with moc.js beside it). It gives the same reports as the bin in the repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './runnerFixtures.ts';

let dir = '';
let bin = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'packed-runner-'));
  // --ignore-scripts: `prepare` would build dist-runner/ again while other test files run the bin from it; the
  // tests' global set-up has just built it from these sources.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
  const tarball = join(dir, packed[0].filename);
  const prefix = join(dir, 'global');
  // --offline: nothing may be fetched (a dependency would be).
  execFileSync('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { cwd: dir, encoding: 'utf8' });
  bin = join(prefix, 'bin', 'canister-playground');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bin run from a folder outside the repository, on a copy of an example made there. */
function runPacked(example: string, ...flags: string[]) {
  const work = mkdtempSync(join(dir, 'work-'));
  for (const file of readdirSync(join(ROOT, 'examples'))) copyFileSync(join(ROOT, 'examples', file), join(work, file));
  return spawnSync(bin, ['run', ...flags, example], { cwd: work, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
}

function runInRepo(example: string, ...flags: string[]) {
  return spawnSync(process.execPath, ['bin/canister-playground.mjs', 'run', ...flags, join('examples', example)], { cwd: ROOT, encoding: 'utf8' });
}

describe('[cli] the packed package, installed elsewhere', () => {
  it('has no dependencies, no TypeScript and no tsx: the bin, the built runner with moc.js, the examples', () => {
    const installed = join(dir, 'global', 'lib', 'node_modules', 'canister-playground');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(installed, 'dist-runner', 'motoko', 'moc.min.cjs'))).toBe(true);
    expect(readFileSync(join(installed, 'bin', 'canister-playground.mjs'), 'utf8')).not.toContain('tsx');
  });

  it.each([
    ['counter.json', [], 0],
    ['inter-canister.json', ['--summary'], 0],
    ['reentrancy-checks.json', ['--check'], 3],
    ['motoko-counter.json', [], 0],
  ] as const)('%s %j: the same output and exit status as in the repository', (example, flags, status) => {
    const packed = runPacked(example, ...flags);
    expect(packed.stderr).toBe('');
    expect(packed.status).toBe(status);
    const repo = runInRepo(example, ...flags);
    expect(packed.stdout).toBe(repo.stdout);
    expect(packed.stdout.length).toBeGreaterThan(100);
  }, 120_000);
});
