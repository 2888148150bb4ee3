/**
 * [engine/liveInstances] Canisters put to sleep (their instance dropped, heap and globals kept) and woken when they
 * next run change nothing a report shows (issue 16, target 3): scenarios run with at most a few live instances
 * give the same bytes as with every canister live, and a module that can drop a segment keeps its instance.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_LIVE_INSTANCES, liveInstanceCount, setLiveInstanceLimit,
} from '../../src/engine/canister/liveInstances.ts';
import { reportToJson } from '../../src/scenario/reportToJson.ts';
import { canister } from '../helpers/prelude.ts';
import { replyInt, runInline, type InlineScenario } from '../helpers/runInline.ts';

// `inc` adds 1 to a global and 10 to a heap word at the end of the first page: after k calls it replies 11k.
const COUNTER = canister(`
  (global $calls (mut i64) (i64.const 0))
  (func $bump
    (global.set $calls (i64.add (global.get $calls) (i64.const 1)))
    (i64.store (i32.const 65528) (i64.add (i64.load (i32.const 65528)) (i64.const 10))))
  (func (export "canister_update inc") (call $bump) (call $reply_i64 (i64.add (global.get $calls) (i64.load (i32.const 65528)))))
  (func (export "canister_update inc_then_trap") (call $bump) (unreachable))`);

// `init` copies a passive segment's byte to address 0 and replies it; after `drop` (data.drop) `init` traps.
const SEGMENT_DROPPER = canister(`
  (data $answer "\\2a")
  (func (export "canister_update drop") (data.drop $answer) (call $reply_i64 (i64.const 0)))
  (func (export "canister_update init") (memory.init $answer (i32.const 0) (i32.const 0) (i32.const 1))
    (call $reply_i64 (i64.load8_u (i32.const 0))))`);

const CANISTERS = 12;
const names = Array.from({ length: CANISTERS }, (_, i) => `c${i}`);

/** Three turns over every canister (interleaved, so each runs after the others), a trap in the second. */
const manyCounters: InlineScenario = {
  subnet: { preset: 'classroom' },
  canisters: names.map((name) => ({ name, source: { wat: COUNTER } })),
  steps: [1, 2, 3].flatMap((turn) => names.flatMap((to) => [
    { call: { to, method: 'inc' } },
    ...(turn === 2 ? [{ call: { to, method: 'inc_then_trap' } }] : []),
  ])),
};

async function reportAtLimit(scenario: InlineScenario, limit: number): Promise<{ json: string; live: number; report: Awaited<ReturnType<typeof runInline>> }> {
  setLiveInstanceLimit(limit);
  const report = await runInline(scenario);
  return { json: reportToJson(report), live: liveInstanceCount(), report };
}

describe('[engine/liveInstances] sleeping canisters', () => {
  afterEach(() => setLiveInstanceLimit(DEFAULT_LIVE_INSTANCES));

  it.each([1, 3])('at most %i live: the same report as with all live, and no more live instances', async (limit) => {
    const allLive = await reportAtLimit(manyCounters, DEFAULT_LIVE_INSTANCES);
    const few = await reportAtLimit(manyCounters, limit);
    expect(few.json).toBe(allLive.json);
    expect(few.live).toBeLessThanOrEqual(limit);
    // The heap word and the global carried across every sleep; the trapped call's changes were rolled back.
    const lastTurn = few.report.steps.slice(-CANISTERS);
    expect(lastTurn.map(replyInt)).toEqual(names.map(() => 33n));
  });

  it('a module that can drop a segment keeps its instance, so the segment stays dropped', async () => {
    setLiveInstanceLimit(1);
    const report = await runInline({
      subnet: { preset: 'classroom' },
      canisters: [{ name: 'a', source: { wat: SEGMENT_DROPPER } }, { name: 'b', source: { wat: COUNTER } }],
      steps: ['init', 'drop', 'inc', 'init'].map((method) => ({ call: { to: method === 'inc' ? 'b' : 'a', method, wait: true } })),
    });
    expect(replyInt(report.steps[0])).toBe(42n);
    expect(report.steps[3].status).toBe('rejected'); // as a fresh instance would not: its segment is back
  });
});
