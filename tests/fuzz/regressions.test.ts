/**
 * [fuzz/regressions] Every input the fuzzing campaign (`npm run fuzz`, scripts/fuzz.ts) saved because it gave exit 1,
 * a hang or an out-of-memory is replayed through the runner's in-process entry, under the campaign's bounds (30 s,
 * 2 GiB, in a child process so a hang or an out-of-memory fails this test instead of ending it), and must now keep
 * the contract: exit 0 or 2, and the output that goes with it. A case fails until its bug is fixed (RELIABILITY.md).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Harness } from '../../scripts/fuzz/harness.ts';
import { loadCases, openCaseFiles, payloadOf } from '../../scripts/fuzz/regressionCases.ts';

/**
 * `FUZZ_DUPLICATES=1` replays the other saved inputs of the same causes too (tests/fuzz/regressions/duplicates/);
 * `FUZZ_OPEN=1` the cases whose cause is still open (tests/fuzz/regressions/open/, RELIABILITY.md "Open"), which
 * are otherwise listed as to-dos below.
 */
const openToo = process.env.FUZZ_OPEN === '1';
const cases = loadCases({ duplicates: process.env.FUZZ_DUPLICATES === '1', open: openToo });
const harness = new Harness({ timeoutMs: 30_000, memoryBytes: 2 * 2 ** 30 });
afterAll(() => harness.close());

describe('[fuzz/regressions] saved cases keep the runner\'s contract', () => {
  it('every case file names its input and how it failed', () => {
    for (const { file, stored } of cases) {
      expect(stored.payload, file).toBeDefined();
      expect(['1', 'hang', 'oom', '0', '2'], file).toContain(stored.verdict);
    }
  });

  it.each(cases.map(({ file, stored }) => ({ file, stored })))('$file', async ({ stored }) => {
    const result = await harness.run(payloadOf(stored.payload));
    expect(['0', '2'], `${stored.signature}\nnow: exit ${result.verdict}: ${result.message.slice(0, 800)}`).toContain(result.verdict);
    expect(result.violation, result.message).toBeNull();
  }, 120_000);

  if (!openToo) for (const file of openCaseFiles()) it.todo(`${file}: open (RELIABILITY.md "Open"), replayed with FUZZ_OPEN=1`);
});
