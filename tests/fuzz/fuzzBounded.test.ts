/**
 * [fuzz/bounded] The fuzzing campaign (scripts/fuzz.ts) at CI size: a fixed seed, 300 inputs of each category —
 * scenario documents, mutated WAT, mutated Wasm (wabt and moc output), damaged share links — each through the
 * runner's in-process entry in a child process under the campaign's bounds. None may give exit 1, hang (30 s) or run
 * out of memory (2 GiB), and every output keeps the contract. No timing is asserted (the bounds are the contract).
 * The full campaign is `npm run fuzz -- --inputs 100000 --seed 1` (RELIABILITY.md).
 */
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../scripts/fuzz/campaign.ts';

const SEED = 20261206;
const PER_CATEGORY = 300;

describe('[fuzz/bounded] a fixed-seed campaign', () => {
  it(`${PER_CATEGORY} inputs of each category: exit 0 or 2, no hang, no out-of-memory`, async () => {
    const summary = await runCampaign({ seed: SEED, count: 4 * PER_CATEGORY, timeoutMs: 30_000, memoryBytes: 2 * 2 ** 30 });
    const failures = summary.failures.map((f) => `#${f.index} (${f.category}, ${f.note}): ${f.signature}\n  ${f.message.slice(0, 400)}`);
    expect(failures, `reproduce one: npm run fuzz -- --seed ${SEED} --only <index>`).toEqual([]);
    expect(Object.values(summary.byCategory).map((c) => c.inputs)).toEqual([PER_CATEGORY, PER_CATEGORY, PER_CATEGORY, PER_CATEGORY]);
    // The inputs reach the engine, not just the parser: some of each category run to a report.
    for (const [category, figures] of Object.entries(summary.byCategory)) expect(figures.verdicts['0'], category).toBeGreaterThan(0);
  }, 900_000);
});
