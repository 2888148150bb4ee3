/**
 * `--summary`, `--quiet` and the progress line (issue 15): what goes to stdout, what to stderr, and when.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { counterScenarioText, ROOT, runInMemory } from './runnerFixtures.ts';
import { PROGRESS_INTERVAL_MS } from '../../src/cli/runProgress.ts';

const readFile = (path: string) => readFileSync(path);
const example = (name: string) => join(ROOT, 'examples', name);

/** Five counter calls, then 30 rounds: a progress line a round when the clock moves an interval at each reading. */
const LONG_RUN = JSON.stringify({ ...JSON.parse(counterScenarioText(5)), steps: [...JSON.parse(counterScenarioText(5)).steps, { tick: 30 }] });

/** A clock that moves `step` ms each time it is read. */
function steppingClock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

describe('[cli] --summary', () => {
  it('prints a few lines instead of the report: calls, rejects by code, traps by entry point, cycles burned', async () => {
    const run = await runInMemory(['run', '--summary', example('inter-canister.json')], '', { readFile });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('5 steps, 4 rounds; the subnet is idle at the end');
    expect(lines).toContain('calls from users: 4 — 3 replied, 1 rejected (IC0502 ×1)');
    expect(lines).toContain('calls between canisters: 4 — 3 replied, 1 rejected (IC0502 ×1)');
    expect(lines.find((line) => line.startsWith('executions: '))).toMatch(/^executions: 15, 2 traps \(callee canister_update trap ×1, caller reply callback ×1\); [\d,]+ instructions$/);
    const report = JSON.parse((await runInMemory(['run', example('inter-canister.json')], '', { readFile })).stdout);
    expect(lines).toContain(`cycles burned: ${BigInt(report.totals.cyclesBurned).toLocaleString('en-US')}`);
    expect(lines.slice(-3)).toEqual(['canisters at the end:', `  caller: running; ${BigInt(report.canisters.caller.cycles).toLocaleString('en-US')} cycles`, `  callee: running; ${BigInt(report.canisters.callee.cycles).toLocaleString('en-US')} cycles`]);
  });

  it('keeps the exit status: 3 when an expectation fails, and says how many', async () => {
    const run = await runInMemory(['run', '--summary', example('reentrancy-checks.json')], '', { readFile });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('expectations: 3 of 4 hold — 1 does not (--check lists them)\n');
  });
});

describe('[cli] progress on standard error', () => {
  it('on a terminal: a line rewritten in place (rounds, executions per second), cleared at the end; stdout is the report alone', async () => {
    const run = await runInMemory(['run', '-'], LONG_RUN, { stderrIsTerminal: true, now: steppingClock(PROGRESS_INTERVAL_MS) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).steps).toHaveLength(6);
    const shown = run.stderr.split('\r\x1b[K').filter(Boolean);
    expect(shown.length).toBe(JSON.parse(run.stdout).rounds);
    expect(shown.at(-1)).toMatch(new RegExp(`^round ${JSON.parse(run.stdout).rounds} · `));
    for (const line of shown) expect(line).toMatch(/^round [\d,]+ · [\d,]+ executions · [\d,]+ executions\/s$/);
    expect(run.stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  it.each([
    ['not a terminal', ['run', '-'], { stderrIsTerminal: false }],
    ['--quiet', ['run', '--quiet', '-'], { stderrIsTerminal: true }],
  ])('%s: nothing', async (_, args, io) => {
    const run = await runInMemory(args, LONG_RUN, { ...io, now: steppingClock(PROGRESS_INTERVAL_MS) });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('paced: no line before an interval has passed', async () => {
    const run = await runInMemory(['run', '-'], LONG_RUN, { stderrIsTerminal: true, now: steppingClock(1) });
    expect(run.stderr).toBe('');
  });

  it('--quiet also keeps the note of a limit reached to itself (the report still says it)', async () => {
    const run = await runInMemory(['run', '--quiet', '--max-system-api-calls', '1', '-'], LONG_RUN);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).limitReached).toMatchObject({ limit: 'systemApiCalls' });
    // Without --quiet, the same run says so on stderr.
    expect((await runInMemory(['run', '--max-system-api-calls', '1', '-'], LONG_RUN)).stderr).toMatch(/^note: .*--max-system-api-calls N raises the limit\n$/);
  });
});
