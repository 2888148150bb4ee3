/**
 * [motoko/calls] `await` as two messages: a call to another canister and to the actor itself, try/catch of
 * rejects (thrown or from a trap), and a trap after an await rolling back only the part after it (ic-reference.md
 * §3.4, §3.5).
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import type { Report } from '../../src/scenario/reportTypes.ts';
import { events } from '../helpers/runInline.ts';
import { candidArg, candidValue, logsOf, motokoSource, runMotoko } from '../helpers/runMotoko.ts';

const NONE = candidArg();
const call = (method: string) => ({ call: { to: 'caller', method, arg: NONE, wait: true } });
const get = { query: { to: 'caller', method: 'get', arg: NONE } };

let report: Report;

describe('[motoko/calls]', () => {
  it('runs the scenario', async () => {
    report = await runMotoko({
      canisters: [
        { name: 'caller', source: motokoSource('Caller.mo') },
        { name: 'callee', source: motokoSource('Callee.mo') },
      ],
      steps: [
        call('callPing'), call('whoCallsCallee'), // 0–1
        call('callSelf'), get, // 2–3
        call('awaitAsync'), // 4
        call('catchReject'), call('catchTrap'), // 5–6
        call('trapAfterAwait'), get, // 7–8
      ],
    });
  }, 120_000);

  it('awaits another canister: the rest of the function runs when the reply comes back', () => {
    expect(candidValue(report.steps[0], IDL.Nat)).toBe(1n);
    const [before, after] = logsOf(report, 'caller').slice(0, 2);
    expect(before.text).toBe('before the await');
    expect(after.text).toBe('after the await: 1');
    // Another message, the callback, in the same round: a later iteration (ic-reference.md §7.1).
    expect(after.round).toBe(before.round);
    const inRound = report.events.filter((e) => e.round === before.round).map((e) => (e.kind === 'log' ? e.text : e.kind));
    expect(inRound.indexOf('after the await: 1')).toBeGreaterThan(inRound.lastIndexOf('iteration_started'));
    expect(inRound.indexOf('before the await')).toBeLessThan(inRound.lastIndexOf('iteration_started'));
    const sent = events(report, 'request_sent').find((e) => e.method === 'ping');
    expect(sent).toMatchObject({ from: report.principals.caller, to: report.principals.callee });
  });

  it('calls as itself: the callee sees the caller canister\'s principal', () => {
    expect((candidValue(report.steps[1], IDL.Principal) as Principal).toText()).toBe(report.principals.caller);
  });

  it('awaits itself: its own shared function and an async block are messages to itself', () => {
    expect(candidValue(report.steps[2], IDL.Nat)).toBe(12n);
    expect(candidValue(report.steps[3], IDL.Nat)).toBe(11n);
    const selfCalls = events(report, 'request_sent').filter((e) => e.from === report.principals.caller && e.to === report.principals.caller);
    expect(selfCalls.map((e) => e.method)).toEqual(['bump', '__motoko_async_helper']);
    expect(candidValue(report.steps[4], IDL.Nat)).toBe(16n);
  });

  it('catches a thrown reject and a trap of the callee', () => {
    expect(candidValue(report.steps[5], IDL.Text)).toBe('caught #canister_reject: the callee refuses');
    expect(candidValue(report.steps[6], IDL.Text)).toBe('caught #canister_error');
  });

  it('rolls back only what ran after the last await when a callback traps', () => {
    expect(report.steps[7]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    expect(candidValue(report.steps[8], IDL.Nat)).toBe(17n);
  });
});
