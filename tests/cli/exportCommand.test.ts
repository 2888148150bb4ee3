/** `canister-playground export --icp-cli <dir> scenario.json` (issue 15): arguments, the folder, what is written. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExportArgs } from '../../src/cli/parseExportArgs.ts';
import { ROOT, runInMemory } from './runnerFixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bin = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/canister-playground.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('[cli] export', () => {
  it.each([
    [['--icp-cli', 'out', 's.json'], { ok: true, dir: 'out', target: 's.json' }],
    [['s.json', '--icp-cli=out'], { ok: true, dir: 'out', target: 's.json' }],
    [['--icp-cli', 'out', '-'], { ok: true, dir: 'out', target: '-' }],
    [['s.json'], { ok: false, error: 'say what to export to: --icp-cli <dir>' }],
    [['--icp-cli', 'out'], { ok: false, error: 'no scenario given' }],
    [['--icp-cli'], { ok: false, error: '--icp-cli needs the folder to write the project to' }],
    [['--icp-cli', 'a', '--icp-cli', 'b', 's.json'], { ok: false, error: '--icp-cli given twice' }],
    [['--dfx', 'a', 's.json'], { ok: false, error: 'unknown option "--dfx"' }],
    [['--icp-cli', 'a', 's.json', 't.json'], { ok: false, error: 'one scenario at a time: "s.json" and "t.json"' }],
  ])('%j', (args, expected) => {
    expect(parseExportArgs(args)).toEqual(expected);
  });

  it('refused arguments: the usage line, exit 2', async () => {
    const run = await runInMemory(['export', 's.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('usage: canister-playground export --icp-cli <dir> <scenario.json | -> (say what to export to: --icp-cli <dir>; --help for more)\n');
  });

  it('writes the project into a new folder and says what next; stdout only', () => {
    const out = join(dir, 'counter');
    const run = bin('export', '--icp-cli', out, 'examples/counter.json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`wrote an icp-cli project (1 canister, 9 files) to ${out}\nnext: cd ${out} && npm install && icp build   (README.md says how to deploy it and run its PocketIC test)\n`);
    for (const path of ['icp.yaml', 'README.md', 'package.json', 'src/counter.wat', 'wasm/counter.wasm', 'tests/scenario.test.ts', 'scenario.json']) expect(existsSync(join(out, path)), path).toBe(true);
    // The exported scenario carries its sources: it runs from the exported folder, where counter.wat is not beside it.
    const rerun = spawnSync(process.execPath, [join(ROOT, 'bin/canister-playground.mjs'), 'run', 'scenario.json'], { cwd: out, encoding: 'utf8' });
    expect(rerun.status).toBe(0);
    const original = bin('run', 'examples/counter.json');
    expect(JSON.parse(rerun.stdout).steps).toEqual(JSON.parse(original.stdout).steps);
  });

  it('never writes over a folder that has something in it', () => {
    const out = join(dir, 'taken');
    rmSync(out, { recursive: true, force: true });
    spawnSync('mkdir', [out]);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const run = bin('export', '--icp-cli', out, 'examples/counter.json');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`cannot write the project to ${JSON.stringify(out)}: the folder is not empty (nothing is overwritten: choose a new one)\n`);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'icp.yaml'))).toBe(false);
  });

  it('a scenario that cannot be played: its error, exit 2, nothing written', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [{ name: 'c', source: { wat: '(module' } }], steps: [] }));
    const run = bin('export', '--icp-cli', join(dir, 'never'), bad);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^canister "c": .*\n$/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
