/**
 * [cli] The runner's input (issue 17, item 8): the scenario document and the source files it names are read up to
 * the playground's limits (`src/cli/runnerInputLimits.ts`), so `run /dev/zero` ends at 64 MiB with exit 2 instead
 * of reading until memory runs out; a directory, a missing file, an empty or closed stdin and a file that is not
 * UTF-8 are exit 2 with one message naming the file; no form of the arguments is exit 1.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES, MAX_SOURCE_FILE_BYTES } from '../../src/cli/runnerInputLimits.ts';
import { ROOT, counterScenarioText, runInMemory, scratchDir, spawnRunner, writeScratch } from './runnerFixtures.ts';

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The real runner, as a user runs it; `stdin` a file descriptor to give it as standard input. */
function runBin(args: readonly string[], stdin: number | 'ignore' | 'pipe' = 'pipe', input = '') {
  const run = spawnSync(process.execPath, ['bin/canister-playground.mjs', ...args], { cwd: ROOT, stdio: [stdin, 'pipe', 'pipe'], input, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function withFd<T>(path: string, use: (fd: number) => T): T {
  const fd = openSync(path, 'r');
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

/** Exit 2, nothing on stdout, and one line on stderr matching `message`. */
function expectRefused(run: { code: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(run.stderr.trimEnd()).toMatch(message);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
}

const SCENARIO = JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [], steps: [] });
const LIMIT = /is larger than the playground's limit for a scenario document, 64 MiB$/m;

describe('[cli] input without end or too large', () => {
  it.skipIf(!existsSync('/dev/zero'))('run /dev/zero', () => {
    expectRefused(runBin(['run', '/dev/zero']), /^"\/dev\/zero" is larger than the playground's limit for a scenario document, 64 MiB$/m);
  }, 60_000);

  it.skipIf(!existsSync('/dev/zero'))('run - < /dev/zero', () => {
    expectRefused(withFd('/dev/zero', (fd) => runBin(['run', '-'], fd)), /^standard input is larger than the playground's limit/);
  }, 60_000);

  it('a file one byte over the limit (sparse: nothing past the limit is read)', () => {
    const huge = join(scratch, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_SCENARIO_BYTES + 1);
    expectRefused(runBin(['run', huge]), LIMIT);
  }, 60_000);

  it.skipIf(!existsSync('/dev/zero'))('a source file that never ends (`{"path": "/dev/zero"}`)', () => {
    const file = writeScratch(scratch, 'zero-source.json', JSON.stringify({
      format: 'canister-playground/scenario@1', canisters: [{ name: 'z', source: { path: '/dev/zero' } }], steps: [],
    }));
    expectRefused(runBin(['run', file]), /^canister "z": cannot read source file "\/dev\/zero": larger than the playground's limit for a source file, 100 MiB$/m);
  }, 60_000);

  it('in memory: a scenario text of exactly the limit is read, one byte more is refused', async () => {
    const atLimit = SCENARIO + ' '.repeat(MAX_SCENARIO_BYTES - SCENARIO.length);
    const read = await runInMemory(['run', '-'], atLimit);
    expect(read).toMatchObject({ code: 0, stderr: '' });
    expectRefused(await runInMemory(['run', '-'], `${atLimit} `), LIMIT);
    // Counted in UTF-8 bytes, not UTF-16 units: 'é' is two bytes.
    expectRefused(await runInMemory(['run', '-'], `${SCENARIO}${'é'.repeat((MAX_SCENARIO_BYTES - SCENARIO.length) / 2 + 1)}`), LIMIT);
  }, 60_000);

  it('in memory: a source file the io returns over the limit', async () => {
    const scenario = JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [{ name: 'big', source: { path: 'big.wasm' } }], steps: [] });
    const run = await runInMemory(['run', '-'], scenario, { readFile: (_path, limit) => new Uint8Array(Math.min(limit + 1, MAX_SOURCE_FILE_BYTES + 1)) });
    expectRefused(run, /^canister "big": cannot read source file "big.wasm": larger than the playground's limit for a source file, 100 MiB$/);
  });
});

describe('[cli] input that is not a scenario file', () => {
  it('a directory', () => {
    expectRefused(runBin(['run', 'examples']), /^cannot read "examples": it is a directory$/);
  }, 60_000);

  it('a directory as stdin', () => {
    expectRefused(withFd(ROOT, (fd) => runBin(['run', '-'], fd)), /^cannot read standard input: it is a directory$/);
  }, 60_000);

  it('a source file that is a directory', () => {
    const file = writeScratch(scratch, 'dir-source.json', JSON.stringify({
      format: 'canister-playground/scenario@1', canisters: [{ name: 'd', source: { path: '.' } }], steps: [],
    }));
    expectRefused(runBin(['run', file]), /^canister "d": cannot read source file ".": it is a directory$/);
  }, 60_000);

  it('a file that does not exist', () => {
    expectRefused(runBin(['run', 'no/such/scenario.json']), /^cannot read "no\/such\/scenario.json": no such file or directory$/);
  }, 60_000);

  it('a file that is not UTF-8 names the first bad byte', () => {
    const latin1 = writeScratch(scratch, 'latin1.json', Buffer.concat([Buffer.from('{\n  "description": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
    expectRefused(runBin(['run', latin1]), /^".*latin1\.json" is not UTF-8 text: byte 0xe9 at line 2 \(byte offset 23\)$/);
  }, 60_000);

  it('a closed stdin (`run - <&-`: Node opens /dev/null in its place) and an empty one', () => {
    const closed = spawnSync('bash', ['-c', `"${process.execPath}" bin/canister-playground.mjs run - <&-`], { cwd: ROOT, encoding: 'utf8' });
    expectRefused({ code: closed.status, stdout: closed.stdout, stderr: closed.stderr }, /^standard input is empty: expected a scenario \(JSON\)$/);
    expectRefused(runBin(['run', '-'], 'pipe', ' \n'), /^standard input is empty: expected a scenario \(JSON\)$/);
  }, 60_000);

  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('a FIFO (as `run <(generate)` gives) is read to its end', async () => {
    const fifo = join(scratch, 'scenario.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const [run] = await Promise.all([spawnRunner(['run', fifo]), writeFile(fifo, counterScenarioText(3))]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8')).steps).toHaveLength(3);
  }, 60_000);
});

describe('[cli] arguments', () => {
  it.each([
    [[], ''], [['walk'], ''], [['walk', 'a.json'], ''], [['--version'], ''],
    [['run'], 'no scenario given; '], [['run', 'a.json', 'b.json'], 'one scenario at a time: "a.json" and "b.json"; '],
    [['run', '--max-instructions', 'lots', 'a.json'], '--max-instructions: "lots" is not a whole number from 1 to 1,000,000,000,000,000,000; '],
  ])('%j → the usage line, exit 2', async (args, why) => {
    expectRefused(await runInMemory(args), new RegExp(`^usage: canister-playground run \\[options\\] <scenario.json \\| -> \\(${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}--help for more\\)$`));
  });

  it('a run stopped by a limit of the runner: the report says so, a note on stderr names the option that raises it, exit 0', async () => {
    // Counter calls, a round each (each waits), then ticks: the limit is met between two rounds, at a later step.
    const calls = JSON.parse(counterScenarioText(20)).steps.map((step: { call: object }) => ({ call: { ...step.call, wait: true } }));
    const scenario = JSON.stringify({ ...JSON.parse(counterScenarioText(0)), steps: [...calls, { tick: 100 }] });
    const run = await runInMemory(['run', '--max-instructions', '5000', '-'], scenario);
    expect(run.code).toBe(0);
    const { limitReached } = JSON.parse(run.stdout);
    expect(limitReached).toMatchObject({ limit: 'instructions' });
    expect(limitReached.step).toBeGreaterThan(0);
    expect(limitReached.step).toBeLessThan(20);
    expect(run.stderr).toMatch(new RegExp(`^note: the run stopped after its executions used 5,000 instructions, .* \\(round \\d+, step ${limitReached.step}\\); --max-instructions N raises the limit\\n$`));
  });

  it.each([[['--help']], [['-h']], [['help']], [['run', '--help']], [['export', '--help']], [['export', '-h']]])('%j → the help on stdout, exit 0', async (args) => {
    const run = await runInMemory(args);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^usage: canister-playground run/);
    expect(run.stdout).toContain('a scenario document of at most 64 MiB');
    expect(run.stdout).toContain('at most 100 MiB');
    expect(run.stdout).toContain('--max-instructions N  instructions the run\'s executions may use in all (default 50,000,000,000)');
    expect(run.stdout).toContain('3 the scenario ran and an expectation of its steps ("expect") or one of its "checks" did not hold');
    expect(run.stdout).toContain('--check  print one line per expectation');
    expect(run.stdout).toContain('--solution  play an exercise ("exercise" in the scenario) with its solution in place of the starter code');
    expect(run.stdout).toContain('\n       canister-playground export --icp-cli <dir> <scenario.json | ->\n');
    expect(run.stdout).toContain('--summary  print a short summary for a person');
    expect(run.stdout).toContain('--quiet  say nothing on standard error but errors');
  });

  it('a file name with a line break or a NUL byte still gives one line', async () => {
    const readFile = (path: string) => { throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' }); };
    expectRefused(await runInMemory(['run', 'a\nb.json'], '', { readFile }), /^cannot read "a\\nb.json": no such file or directory$/);
    const real = await import('../../src/cli/readUpTo.ts');
    expectRefused(await runInMemory(['run', 'a\0b.json'], '', { readFile: real.readFileUpTo }), /^cannot read "a\\u0000b.json": /);
  });

  it('a stdin that fails to read', async () => {
    const run = await runInMemory(['run', '-'], '', { readStdin: () => Promise.reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })) });
    expectRefused(run, /^cannot read standard input: i\/o error$/);
  });

  it('a working directory that has been deleted (the compiler the bin loads would throw): exit 2, one line', () => {
    const gone = join(scratch, 'gone');
    const script = `mkdir "${gone}" && cd "${gone}" && rmdir "${gone}" && "${process.execPath}" "${join(ROOT, 'bin/canister-playground.mjs')}" run x.json`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expectRefused({ code: run.status, stdout: run.stdout, stderr: run.stderr }, /^canister-playground: the working directory cannot be read \(ENOENT\); run it from an existing directory$/);
  }, 60_000);

  it('the real entry: --help exits 0', () => {
    const run = runBin(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('64 MiB');
  }, 60_000);
});

describe('[cli] the bin without its built runner', () => {
  it('says how to build it, exit 2 (a clone installed with --ignore-scripts has no dist-runner/)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unbuilt-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin/canister-playground.mjs'), join(dir, 'bin/canister-playground.mjs'));
    const run = spawnSync(process.execPath, [join(dir, 'bin/canister-playground.mjs'), 'run', 'x.json'], { cwd: dir, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('canister-playground: the runner is not built (dist-runner/ is missing); run `npm run build:runner` (npm install runs it)\n');
  });
});
