/**
 * [fuzz/harness] The campaign's bounds record, rather than suffer, what they bound: an input that runs past the time
 * bound is a hang and one whose process grows past the memory bound an out-of-memory; the process is replaced and
 * the next input runs as if nothing happened. (The bounds here are small so the test is quick; the campaign's are
 * 30 s and 2 GiB.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Harness } from '../../scripts/fuzz/harness.ts';

const FORMAT = 'canister-playground/scenario@1';
const scenario = (wat: string, method: string) => JSON.stringify({
  format: FORMAT,
  subnet: { preset: 'ic' },
  canisters: [{ name: 'c', source: { wat } }],
  steps: [{ call: { to: 'c', method, wait: true } }],
});
/** Under the ic preset an endless loop runs 40 B instructions before it traps: tens of seconds. */
const LOOP = scenario('(module (func (export "canister_update spin") (loop $l (br $l))))', 'spin');
/** 16,384 pages (1 GiB) of heap, every page written: allowed, and far past a 256 MiB bound. */
const GROW = scenario(`(module (memory 1)
  (func (export "canister_update fill") (local $p i32)
    (drop (memory.grow (i32.const 16383)))
    (loop $l (i32.store8 (local.get $p) (i32.const 1))
      (local.set $p (i32.add (local.get $p) (i32.const 4096)))
      (br_if $l (i32.lt_u (local.get $p) (i32.const 1073741824))))))`, 'fill');
const OK = JSON.stringify({ format: FORMAT, canisters: [], steps: [{ tick: 1 }] });

const harness = new Harness({ timeoutMs: 3_000, memoryBytes: 256 * 2 ** 20 });
afterAll(() => harness.close());

describe('[fuzz/harness] bounds', () => {
  it('an input past the time bound is recorded as a hang, and the next input runs', async () => {
    expect((await harness.run({ stdin: LOOP })).verdict).toBe('hang');
    expect((await harness.run({ stdin: OK })).verdict).toBe('0');
  }, 120_000);

  it('an input past the memory bound is recorded as an out-of-memory, and the next input runs', async () => {
    const result = await harness.run({ stdin: GROW });
    expect(result.verdict, result.message).toBe('oom');
    expect((await harness.run({ stdin: OK })).verdict).toBe('0');
  }, 120_000);

  it('unusable input is exit 2 with its message', async () => {
    const result = await harness.run({ stdin: '{' });
    expect(result).toMatchObject({ verdict: '2', violation: null });
    expect(result.message).toContain('not valid JSON');
  }, 120_000);
});
