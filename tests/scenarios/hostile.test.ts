/**
 * [engine/hostile] Hostile canister code is contained and the canister keeps serving afterwards
 * (issue #2 "Bad input and hostile code"; ic-reference.md §3.6, §6.1, §4.1).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { oneCanister, replyInt, runInline } from '../helpers/runInline.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioSession } from '../../src/scenario/scenarioSession.ts';
import type { Step } from '../../src/scenario/scenarioTypes.ts';

const HOSTILE = canister(`
  (global $calls (mut i64) (i64.const 0))
  (func $recurse (param i32) (result i32) (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func (export "canister_update loop") (loop $l (br $l)))
  (func (export "canister_update recurse") (drop (call $recurse (i32.const 0))))
  (func (export "canister_update grow") (call $reply_i32 (memory.grow (i32.const 64))))
  (func (export "canister_update ok")
    (global.set $calls (i64.add (global.get $calls) (i64.const 1)))
    (call $reply_i64 (global.get $calls)))`);

describe('[engine/hostile] containment', () => {
  const cases = [
    { method: 'loop', errorCode: 'IC0522', message: 'Canister exceeded the limit of 40000000 instructions for single message execution.' },
    { method: 'recurse', errorCode: 'IC0502', message: 'Canister trapped: stack overflow' },
    { method: 'grow', errorCode: 'IC0539', message: 'Canister exceeded its current Wasm memory limit of 1048576 bytes' },
  ];
  it.each(cases)('$method ends with $errorCode and the canister keeps serving', async ({ method, errorCode, message }) => {
    const report = await runInline({
      subnet: { preset: 'classroom' },
      canisters: [{ name: 'c', source: { wat: HOSTILE }, settings: { wasmMemoryLimit: '1048576' } }],
      steps: [
        { call: { to: 'c', method: 'ok', wait: true } },
        { call: { to: 'c', method, wait: true } },
        { call: { to: 'c', method: 'ok', wait: true } },
      ],
    });
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode });
    expect(report.steps[1].rejectMessage).toContain(message);
    expect(replyInt(report.steps[2])).toBe(2n);
  });

  it('an infinite loop is charged the whole message limit', async () => {
    const report = await runInline(oneCanister(HOSTILE, [{ call: { to: 'c', method: 'loop', wait: true } }]));
    const exec = report.events.find((e) => e.kind === 'execution' && e.entryPoint === 'canister_update loop')!;
    expect(exec.instructions).toBe('40000000');
  });

  it('memory.grow within the limit succeeds and returns the old page count', async () => {
    const report = await runInline(oneCanister(HOSTILE, [{ call: { to: 'c', method: 'grow', wait: true } }]));
    expect(replyInt(report.steps[0])).toBe(1n);
  });

  /** Instructions of a `recurse` call made with `depth` JavaScript frames below the engine. */
  async function recursionCost(depth: number): Promise<unknown> {
    const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', ...oneCanister(HOSTILE, []) }));
    if (!parsed.ok) throw new Error(parsed.error);
    const started = await ScenarioSession.start(parsed.scenario);
    if (!started.ok) throw new Error(started.error);
    const recurse = { call: { to: 'c', method: 'recurse', wait: true } } as Step;
    const below = (n: number): void => (n > 0 ? below(n - 1) : void started.session.apply(recurse));
    below(depth);
    return started.session.report().events.find((e) => e.kind === 'execution' && e.entryPoint === 'canister_update recurse')?.instructions;
  }

  // V8 overflows its own stack at a depth that depends on the JavaScript frames below the canister (the CLI, the
  // worker and tests call from different depths); the call-depth budget (`maxCallDepth`) traps first, at the same
  // instruction whatever is below.
  it('a stack overflow costs the same whatever the JavaScript stack below the engine', async () => {
    expect(await recursionCost(2000)).toBe(await recursionCost(0));
  });
});
