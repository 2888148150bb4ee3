/**
 * [engine/rounds] Ingress is inducted and executed round by round, one round = 1 s of simulated time;
 * the report says in which round each call was submitted and completed (SCENARIO.md).
 */
import { describe, expect, it } from 'vitest';
import { canister, HELPERS, IMPORTS } from '../helpers/prelude.ts';
import { events, oneCanister, replyInt, runInline } from '../helpers/runInline.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioPlayer } from '../../src/scenario/scenarioPlayer.ts';
import { CALLEE_WAT } from '../helpers/callerCanister.ts';

const CLOCK = canister(`(func (export "canister_update now") (call $reply_i64 (call $time)))`);
const GENESIS = 1_620_604_800_000_000_000n;

describe('[engine/rounds] rounds and time', () => {
  it('calls complete in the round after submission and see that round\'s time', async () => {
    const report = await runInline(oneCanister(CLOCK, [
      { call: { to: 'c', method: 'now' } },
      { tick: 2 },
      { call: { to: 'c', method: 'now', wait: true } },
      { advanceTime: { seconds: '3600' } },
      { call: { to: 'c', method: 'now', wait: true } },
    ]));
    expect(report.steps[0]).toMatchObject({ submittedRound: 0, completedRound: 1 });
    expect(replyInt(report.steps[0])).toBe(GENESIS);
    expect(report.steps[2]).toMatchObject({ submittedRound: 2, completedRound: 3 });
    expect(replyInt(report.steps[2])).toBe(GENESIS + 2_000_000_000n);
    expect(replyInt(report.steps[4])).toBe(GENESIS + 3_000_000_000n + 3600_000_000_000n);
    expect(report.rounds).toBe(4);
    expect(report.timeNs).toBe(String(GENESIS + 4_000_000_000n + 3600_000_000_000n));
    expect(report.idle).toBe(true);
  });

  it('an unawaited call is left for the final drain', async () => {
    const report = await runInline(oneCanister(CLOCK, [{ call: { to: 'c', method: 'now' } }]));
    expect(report.steps[0]).toMatchObject({ status: 'replied', submittedRound: 0, completedRound: 1 });
    expect(events(report, 'round_started')).toHaveLength(1);
  });

  it('maxRounds stops the drain and leaves calls pending', async () => {
    const report = await runInline(oneCanister(CLOCK, [{ call: { to: 'c', method: 'now' } }], { maxRounds: 0 }));
    expect(report).toMatchObject({ idle: false, rounds: 0 });
    expect(report.steps[0]).toMatchObject({ status: 'pending', completedRound: null });
  });

  it('the ingress fee is charged to the receiver on induction', async () => {
    const report = await runInline(oneCanister(CLOCK, [{ call: { to: 'c', method: 'now', arg: { hex: '0000' } } }]));
    const fee = events(report, 'cycles_charged').find((e) => e.charge === 'ingress_induction')!;
    // scale(1,200,000 + 2,000 · (2 arg bytes + 3 method bytes)) on 13 nodes (ic-reference.md §5.2).
    expect(fee.amount).toBe(String(1_200_000 + 2_000 * 5));
  });
});

describe('[engine/rounds] the final drain and periodic tasks (SCENARIO.md "The headless runner")', () => {
  // A heartbeat, or a timer that re-arms itself every second, calls the callee's \`slow\` (about 30 M instructions:
  // 15 slices) each time it runs, so calls are always out and the subnet is never idle. The drain stops once only
  // that work is left, and the report says why it is not idle (\`periodicTasks\`); before, it ran to \`maxRounds\`.
  const periodic = (task: string, init = '') => `(module ${IMPORTS}
    (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
    (import "ic0" "call_perform" (func $call_perform (result i32)))
    (memory 1) ${HELPERS}
    (table 1 funcref) (elem (i32.const 0) $done)
    (data (i32.const 100) "\\00\\00\\00\\00\\00\\00\\00\\01\\01\\01")
    (data (i32.const 200) "slow")
    (func $done (param i32))
    (func (export "canister_update hello") (call $reply_i64 (i64.const 7)))
    ${init}
    (func (export "${task}")
      ${task === 'canister_global_timer' ? '(drop (call $global_timer_set (i64.add (call $time) (i64.const 1000000000))))' : ''}
      (call $call_new (i32.const 100) (i32.const 10) (i32.const 200) (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
      (drop (call $call_perform))))`;
  const HEARTBEAT = periodic('canister_heartbeat');
  const TIMER = periodic('canister_global_timer', '(func (export "canister_init") (drop (call $global_timer_set (i64.const 1))))');
  const withCallee = (wat: string, steps: unknown[]) => ({
    subnet: { preset: 'classroom' },
    canisters: [{ name: 'c', source: { wat } }, { name: 'callee', source: { wat: CALLEE_WAT } }],
    steps,
    maxRounds: 200,
  });

  const cases = [
    { name: 'a heartbeat', wat: HEARTBEAT, heartbeat: true, timer: false },
    { name: 'a recurring global timer', wat: TIMER, heartbeat: false, timer: true },
  ];
  it.each(cases)('$name: the drain stops when nothing else is left, and the report says so', async ({ wat, heartbeat, timer }) => {
    const scenario = withCallee(wat, [{ call: { to: 'c', method: 'hello' } }]);
    const report = await runInline(scenario);
    expect(replyInt(report.steps[0])).toBe(7n);
    expect(report.rounds).toBeLessThan(10);
    expect(report.idle).toBe(false);
    expect(report.periodicTasks).toEqual([{ canister: 'c', heartbeat, globalTimerNs: timer ? expect.stringMatching(/^\d+$/) : null }]);
    expect(Object.keys(report).slice(0, 5)).toEqual(['format', 'rounds', 'idle', 'periodicTasks', 'timeNs']);
    // The app's player records the same script end as the runner's drain.
    const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', ...scenario }));
    if (!parsed.ok) throw new Error(parsed.error);
    const loaded = await ScenarioPlayer.load(parsed.scenario);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.player.end).toBe(report.rounds);
  });

  it('work a user set off is still drained: a user\'s call to the same slow method', async () => {
    const report = await runInline(withCallee(HEARTBEAT, [{ call: { to: 'callee', method: 'slow' } }]));
    expect(report.steps[0].status).toBe('replied');
    expect(report.rounds).toBe(report.steps[0].completedRound);
    expect(report.periodicTasks).toHaveLength(1);
  });

  it('without periodic tasks, or once idle, the report has no periodicTasks (reports stay as they were)', async () => {
    const quietHeartbeat = canister(`(func (export "canister_heartbeat")) (func (export "canister_update now") (call $reply_i64 (call $time)))`);
    for (const wat of [CLOCK, quietHeartbeat]) {
      const report = await runInline(oneCanister(wat, [{ call: { to: 'c', method: 'now' } }]));
      expect(report.idle).toBe(true);
      expect('periodicTasks' in report).toBe(false);
    }
  });
});
