/**
 * [engine/calls] The `trap` step, the callee-traps what-if (docs/SCENARIO-EXTENSIONS.md "`trap` step"): the
 * canister's next call to a method traps as it begins, as if its first instruction were `ic0.trap`; from there it is
 * what any trap is (ic-reference.md §3.4) — the callee's state kept, the trap in its log, the caller answered
 * CANISTER_ERROR (reject code 5, IC0503). Taken by one call; a call refused before it runs does not take it.
 */
import { describe, expect, it } from 'vitest';
import { CALLEE_WAT, callerCalleePair } from '../helpers/callerCanister.ts';
import { events, replyInt, runInline, tryRunInline } from '../helpers/runInline.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioPlayer } from '../../src/scenario/scenarioPlayer.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';

/** caller.wat's reply: "R" + the callee's reply, or "J" + the reject code + the reject message. */
function callerSaw(report: Report, step: number): { reply: string } | { rejectCode: number; message: string } {
  const bytes = Buffer.from(report.steps[step].reply!, 'hex');
  if (bytes[0] === 0x52) return { reply: bytes.subarray(1).toString('hex') };
  return { rejectCode: bytes[1], message: bytes.subarray(2).toString('utf8') };
}

const ONE = '0100000000000000';
const TWO = '0200000000000000';
const calleeExecutions = (report: Report) => events(report, 'execution').filter((e) => e.canister === report.principals.callee);

describe('[engine/calls] a planned trap (the trap step)', () => {
  it('the callee\'s next call to the method traps: the caller gets CANISTER_ERROR, the callee\'s count is kept, the next call runs', async () => {
    const report = await runInline(callerCalleePair([
      { trap: { canister: 'callee', method: 'inc', message: 'What if: callee traps' } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
      { call: { to: 'caller', method: 'call_trap', wait: true } },
    ]));
    expect(report.steps[0]).toEqual({ step: 0, kind: 'trap' });
    expect(events(report, 'trap_planned')).toEqual([{ kind: 'trap_planned', round: 0, canister: report.principals.callee, method: 'inc', message: 'What if: callee traps' }]);
    // The same answer as the callee's own trap (callee.trap: `unreachable`), but for the message.
    expect(callerSaw(report, 1)).toEqual({ rejectCode: 5, message: `Error from Canister ${report.principals.callee}: Canister called \`ic0.trap\` with message: 'What if: callee traps'` });
    expect(callerSaw(report, 3)).toMatchObject({ rejectCode: 5 });
    // The trapped call counted nothing: the next one counts 1.
    expect(callerSaw(report, 2)).toEqual({ reply: ONE });
    const [trapped, counted] = calleeExecutions(report);
    expect(trapped).toMatchObject({ entryPoint: 'canister_update inc', outcome: 'trap', errorCode: 'IC0503', instructions: '0' });
    expect(counted).toMatchObject({ entryPoint: 'canister_update inc', outcome: 'ok' });
    expect(events(report, 'log').filter((e) => e.canister === report.principals.callee).map((e) => e.text)).toEqual([
      '[TRAP]: What if: callee traps',
    ]);
    // Prepaid and refunded as any execution: it paid the base fee.
    const charged = events(report, 'cycles_charged').filter((e) => e.canister === report.principals.callee && e.charge === 'execution' && e.round === trapped.round);
    const refunded = events(report, 'cycles_refunded').filter((e) => e.canister === report.principals.callee && e.charge === 'execution' && e.round === trapped.round);
    expect(BigInt(charged[0].amount as string) - BigInt(refunded[0].amount as string)).toBeGreaterThan(0n);
  });

  it('is planned on the canister, not its code: an uninstall and an install leave it planned, and the next call after them takes it', async () => {
    const report = await runInline(callerCalleePair([
      { trap: { canister: 'callee', method: 'inc' } },
      { manage: { method: 'uninstall_code', canister: 'callee', wait: true } },
      { call: { to: 'callee', method: 'inc', wait: true } },
      { manage: { method: 'install_code', mode: 'install', canister: 'callee', source: { wat: CALLEE_WAT }, wait: true } },
      { call: { to: 'callee', method: 'inc', wait: true } },
      { call: { to: 'callee', method: 'inc', wait: true } },
    ]));
    // No code: the call is refused before it runs (IC0537), and does not take the trap.
    expect(report.steps[2]).toMatchObject({ status: 'rejected', errorCode: 'IC0537' });
    expect(report.steps[4]).toMatchObject({ status: 'rejected', errorCode: 'IC0503' });
    expect(report.steps[5]).toMatchObject({ status: 'replied', reply: ONE });
  });

  it('a trap for one method leaves the others alone until that method is called; without a method, any update call takes it', async () => {
    const report = await runInline(callerCalleePair([
      { trap: { canister: 'callee', method: 'accept_half' } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
      { call: { to: 'callee', method: 'accept_half', arg: { hex: '0000000000000000' }, wait: true } },
      { trap: { canister: 'callee' } },
      { call: { to: 'callee', method: 'inc', wait: true } },
      { call: { to: 'callee', method: 'inc', wait: true } },
    ]));
    expect(callerSaw(report, 1)).toEqual({ reply: ONE });
    expect(report.steps[2]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    expect(report.steps[2].rejectMessage).toContain("Canister called `ic0.trap` with message: 'What if: this call traps'");
    expect(report.steps[4]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    expect(replyInt(report.steps[5])).toBe(2n);
  });

  it('a call refused before it runs (no such method) does not take it; a second trap step replaces the first', async () => {
    const report = await runInline(callerCalleePair([
      { trap: { canister: 'callee', message: 'first' } },
      { trap: { canister: 'callee', message: 'second' } },
      { call: { to: 'caller', method: 'call_nope', wait: true } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
    ]));
    expect(callerSaw(report, 2)).toMatchObject({ rejectCode: 5, message: expect.stringContaining("has no update method 'nope'") });
    expect(callerSaw(report, 3)).toMatchObject({ rejectCode: 5, message: expect.stringContaining("with message: 'second'") });
    expect(callerSaw(report, 4)).toEqual({ reply: ONE });
    expect(calleeExecutions(report).map((e) => e.outcome)).toEqual(['trap', 'ok']);
  });

  it('a trap planned and not yet taken is in the checkpoints: a seek back before it and forward again plays the same', async () => {
    const scenario = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', ...callerCalleePair([
      { call: { to: 'caller', method: 'call_inc', wait: true } },
      { trap: { canister: 'callee', method: 'inc' } },
      { tick: 3 },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
    ]) }));
    if (!scenario.ok) throw new Error(scenario.error);
    const loaded = await ScenarioPlayer.load(scenario.scenario, 0, {}, { rounds: 1, events: 1e9, instructions: 1n << 60n });
    if (!loaded.ok) throw new Error(loaded.error);
    const player = loaded.player;
    const json = () => JSON.stringify(player.recordedTrace, (_, v) => (typeof v === 'bigint' ? String(v) : v));
    player.seek(player.end);
    const trace = json();
    expect(trace).toContain("with message: 'What if: this call traps'");
    const planned = player.recordedTrace.findIndex((e) => e.kind === 'trap_planned');
    const round = player.recordedTrace[planned].round;
    // Between the step and the call that takes it: the trap is planned, in the state a checkpoint restores.
    player.seek(round + 2);
    expect([...player.session.subnet.state.canisters.values()].map((c) => c.plannedTrap).filter(Boolean)).toEqual([{ method: 'inc', message: 'What if: this call traps' }]);
    player.seek(0);
    player.seek(player.end);
    expect(json()).toBe(trace);
    const after = await runInline({ ...callerCalleePair([]), steps: scenario.scenario.steps });
    expect([callerSaw(after, 0), callerSaw(after, 3), callerSaw(after, 4)]).toEqual([{ reply: ONE }, expect.objectContaining({ rejectCode: 5 }), { reply: TWO }]);
  });

  it.each([
    [{ trap: { canister: 'nobody' } }, 'step 0 (trap): unknown canister "nobody" (canisters: caller, callee)'],
    [{ trap: { method: 'inc' } }, 'step 0 (trap): "canister" must be a non-empty string'],
    [{ trap: { canister: 'callee', method: '' } }, 'step 0 (trap): "method" must be a non-empty string'],
  ])('is refused when the scenario is read: %j', async (step, error) => {
    const ran = await tryRunInline(callerCalleePair([step]));
    expect(ran.ok).toBe(false);
    if (!ran.ok) expect(ran.error).toContain(error);
  });

  it('of a deleted canister, the run stops at the step, naming it', async () => {
    const ran = await tryRunInline(callerCalleePair([
      { manage: { method: 'stop_canister', canister: 'callee', wait: true } },
      { manage: { method: 'delete_canister', canister: 'callee', wait: true } },
      { trap: { canister: 'callee' } },
    ]));
    expect(ran).toEqual({ ok: false, error: 'step 2 (trap): canister "callee" no longer exists (it was deleted)' });
  });
});
