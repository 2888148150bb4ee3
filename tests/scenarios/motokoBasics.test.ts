/**
 * [motoko/basics] A Motoko actor compiled by moc.js and run by the engine as on the replica: its state across
 * messages, `Debug.print` in the log, `shared ({ caller })`, `Principal.isController`, `assert` trapping and
 * rolling back, `throw Error.reject` rejecting without rolling back, and `system func inspect`.
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import type { Report } from '../../src/scenario/reportTypes.ts';
import { candidArg, candidValue, logsOf, motokoSource, runMotoko } from '../helpers/runMotoko.ts';

const NONE = candidArg();
const call = (method: string, arg = NONE, from?: string) => ({ call: { to: 'basics', method, arg, wait: true, ...(from && { from }) } });
const query = (method: string) => ({ query: { to: 'basics', method, arg: NONE } });

let report: Report;

describe('[motoko/basics]', () => {
  it('runs the scenario', async () => {
    report = await runMotoko({
      users: ['alice', 'bob'],
      canisters: [{ name: 'basics', source: motokoSource('Basics.mo') }],
      steps: [
        call('inc'), call('inc'), query('get'), // 0–2
        call('whoami', NONE, 'bob'), call('callerIsController'), call('callerIsController', NONE, 'bob'), // 3–5
        call('incUpTo', candidArg([IDL.Nat], [2n])), query('get'), // 6–7
        call('refuse'), query('get'), // 8–9
        call('guarded', candidArg()), call('guarded', candidArg([IDL.Text], ['a long argument'])), // 10–11
      ],
    });
  }, 120_000);

  it('keeps state between messages and prints to the log', () => {
    expect(candidValue(report.steps[1], IDL.Nat)).toBe(2n);
    expect(candidValue(report.steps[2], IDL.Nat)).toBe(2n);
    expect(logsOf(report, 'basics')).toEqual(expect.arrayContaining([
      { round: 1, text: 'count is 1', trap: false },
      { round: 2, text: 'count is 2', trap: false },
    ]));
  });

  it('knows its caller and whether the caller controls it', () => {
    expect((candidValue(report.steps[3], IDL.Principal) as Principal).toText()).toBe(report.principals.bob);
    expect(candidValue(report.steps[4], IDL.Bool)).toBe(true);
    expect(candidValue(report.steps[5], IDL.Bool)).toBe(false);
  });

  it('rolls a message back when assert traps', () => {
    expect(report.steps[6]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    expect(report.steps[6].rejectMessage).toMatch(/assertion failed at Main\.mo:\d+\.\d+-\d+\.\d+/);
    expect(candidValue(report.steps[7], IDL.Nat)).toBe(2n);
  });

  it('rejects on throw Error.reject and keeps what the message did', () => {
    expect(report.steps[8]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406', rejectMessage: 'no, thank you' });
    expect(candidValue(report.steps[9], IDL.Nat)).toBe(1002n);
  });

  it('lets system func inspect refuse an ingress message before it is inducted', () => {
    expect(candidValue(report.steps[10], IDL.Text)).toBe('inspect let this through');
    // moc's canister_inspect_message traps to refuse (it cannot just not accept): IC0503, as the replica answers.
    expect(report.steps[11]).toMatchObject({ status: 'rejected', errorCode: 'IC0503' });
    expect(report.steps[11].completedRound).toBe(report.steps[11].submittedRound);
    expect(report.steps[11].rejectMessage).toContain('canister_inspect_message explicitly refused message');
    expect(report.events.filter((e) => e.kind === 'ingress_refused')).toHaveLength(1);
  });
});
