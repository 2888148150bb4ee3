/**
 * [cli] The runner's output (issue 17, items 4 and 8): the report is written as the reader takes it (back-pressure:
 * 500,000 calls piped into `cat` used to queue 1.13 GB and die with `write ENOBUFS`, exit 1); a reader that stops
 * early (`| head`) ends the run quietly with exit 0 (it used to be exit 1 and an EPIPE stack trace); a report that
 * cannot be written (a full disk) is one message and exit 2 (it used to be an uncaught ENOSPC, exit 1).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writableSink } from '../../src/cli/writableSink.ts';
import { ROOT, counterScenarioText, runInMemory, scratchDir, spawnRunner, writeScratch } from './runnerFixtures.ts';

const CALLS = 3000;
const scratch = scratchDir();
let scenarioFile: string;
let expectedReport: string;

beforeAll(async () => {
  const text = counterScenarioText(CALLS);
  scenarioFile = writeScratch(scratch, 'calls.json', text);
  const run = await runInMemory(['run', '-'], text);
  expect(run.code).toBe(0);
  expectedReport = run.stdout;
}, 60_000);

describe('[cli] back-pressure', () => {
  it('the next piece of the report waits for drain: the stream never holds more than its high-water mark and one piece', async () => {
    const highWaterMark = 16 * 1024;
    const held: (() => void)[] = [];
    const taken: string[] = [];
    const stream = new Writable({
      highWaterMark,
      decodeStrings: false,
      write(chunk, _encoding, callback) { taken.push(String(chunk)); held.push(callback); },
    });
    // A reader that takes one piece per turn of the event loop: much slower than the writer could write.
    let reading = true;
    const read = (): void => {
      held.shift()?.();
      if (reading) setImmediate(read);
    };
    setImmediate(read);
    const sink = writableSink(stream);
    let mostBuffered = 0;
    let largestPiece = 0;
    const run = await runInMemory(['run', '-'], counterScenarioText(CALLS), {
      stdout: (text) => {
        const written = sink.write(text);
        mostBuffered = Math.max(mostBuffered, stream.writableLength);
        largestPiece = Math.max(largestPiece, text.length);
        return written;
      },
      flushStdout: sink.flush,
    });
    reading = false;
    // Meaningful only if the report is much larger than what may be buffered: written without waiting, the stream
    // would hold nearly all of it.
    expect(expectedReport.length).toBeGreaterThan(4 * (highWaterMark + largestPiece));
    expect(mostBuffered).toBeLessThanOrEqual(highWaterMark + largestPiece);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(taken.join('')).toBe(expectedReport);
  }, 60_000);

  it('through a pipe to a slow reader, the real runner writes the whole report and exits 0', async () => {
    const run = await spawnRunner(['run', scenarioFile], {
      onStdout: (_chunk, stream) => {
        stream.pause();
        setTimeout(() => stream.resume(), 2);
      },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8')).toBe(expectedReport);
  }, 60_000);
});

describe('[cli] a reader that stops early', () => {
  it('a reader that closes its end after the first chunk: exit 0, nothing on stderr', async () => {
    let closed = false;
    const run = await spawnRunner(['run', scenarioFile], {
      onStdout: (_chunk, stream) => {
        if (!closed) stream.destroy();
        closed = true;
      },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeLessThan(expectedReport.length);
  }, 60_000);

  it('`run calls.json | head -c 100`: the runner exits 0, without a stack trace', () => {
    const script = `"${process.execPath}" bin/canister-playground.mjs run "${scenarioFile}" 2>"${scenarioFile}.err" | head -c 100; status=\${PIPESTATUS[0]}; echo; echo "runner exit $status"; cat "${scenarioFile}.err"`;
    const run = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout.slice(0, 100)).toBe(expectedReport.slice(0, 100));
    expect(run.stdout.slice(101)).toBe('runner exit 0\n'); // and nothing from its stderr after it
  }, 60_000);

  it('the in-process runner stops making pieces once the io says the reader has gone', async () => {
    let pieces = 0;
    const run = await runInMemory(['run', '-'], counterScenarioText(CALLS), {
      stdout: () => (++pieces === 3 ? { stop: 'reader gone' } : undefined),
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(pieces).toBe(3);
  }, 60_000);
});

describe('[cli] a report that cannot be written', () => {
  it.skipIf(!existsSync('/dev/full'))('stdout on a full device (/dev/full): exit 2 and one message', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, ['bin/canister-playground.mjs', 'run', scenarioFile], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(run.stderr).toBe('cannot write the report to standard output: no space left on device\n');
      expect(run.status).toBe(2);
    } finally {
      closeSync(full);
    }
  }, 60_000);

  it('the in-process runner: a failed write is one message on stderr and exit 2', async () => {
    const run = await runInMemory(['run', '-'], counterScenarioText(2), {
      stdout: () => ({ stop: 'failed', reason: 'no space left on device' }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cannot write the report to standard output: no space left on device\n');
  });

  it('an io whose stdout returns something else (a count, a boolean) is not taken for a stop', async () => {
    let written = '';
    const run = await runInMemory(['run', '-'], counterScenarioText(2), {
      stdout: ((text: string) => { written += text; return written.length; }) as never,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(written).format).toBe('canister-playground/report@1');
  });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));
