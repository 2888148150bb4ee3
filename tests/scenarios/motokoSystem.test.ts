/**
 * [motoko/system] What the system runs on a Motoko canister's behalf: timers (`Timer.setTimer`,
 * `recurringTimer`, `cancelTimer` over the global timer), `system func heartbeat`, and `Random.blob` (raw_rand).
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { events } from '../helpers/runInline.ts';
import { candidArg, candidValue, logsOf, motokoSource, runMotoko } from '../helpers/runMotoko.ts';

const NONE = candidArg();

describe('[motoko/system]', () => {
  it('fires a one-off timer once and a recurring one until it is cancelled', async () => {
    const report = await runMotoko({
      canisters: [{ name: 'timers', source: motokoSource('Timers.mo') }],
      steps: [
        { call: { to: 'timers', method: 'start', arg: NONE, wait: true } },
        { tick: 7 },
        { call: { to: 'timers', method: 'stop', arg: NONE, wait: true } },
        { tick: 6 },
        { query: { to: 'timers', method: 'ticked', arg: NONE } },
      ],
    });
    const logs = logsOf(report, 'timers');
    const ticks = logs.filter((l) => l.text.startsWith('tick'));
    expect(logs.filter((l) => l.text === 'once')).toHaveLength(1);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    // Every two seconds, that is every other round, and none after the cancellation.
    ticks.slice(1).forEach((tick, i) => expect(tick.round - ticks[i].round).toBe(2));
    expect(ticks.at(-1)!.round).toBeLessThanOrEqual(report.steps[2].completedRound!);
    expect(candidValue(report.steps[4], IDL.Nat)).toBe(BigInt(ticks.length));
    expect(events(report, 'execution').some((e) => e.entryPoint === 'canister_global_timer')).toBe(true);
  }, 120_000);

  it('beats once a round and draws random bytes from raw_rand', async () => {
    const report = await runMotoko({
      canisters: [{ name: 'beating', source: motokoSource('Heartbeat.mo') }],
      maxRounds: 20, // a heartbeat keeps the subnet busy for ever: the final drain stops at this
      steps: [
        { tick: 5 },
        { query: { to: 'beating', method: 'count', arg: NONE } },
        { call: { to: 'beating', method: 'random', arg: NONE, wait: true } },
        { call: { to: 'beating', method: 'random', arg: NONE, wait: true } },
      ],
    });
    // Five heartbeats ran, five bodies: moc runs the body of `heartbeat : async ()` as a message to the actor itself,
    // which runs in the same round, in the round's next iteration (ic-reference.md §7.1).
    const beats = events(report, 'execution').filter((e) => e.entryPoint === 'canister_heartbeat');
    expect(beats.slice(0, 5).map((e) => e.round)).toEqual([1, 2, 3, 4, 5]);
    expect(candidValue(report.steps[1], IDL.Nat)).toBe(5n);
    const first = candidValue(report.steps[2], IDL.Vec(IDL.Nat8)) as Uint8Array;
    const second = candidValue(report.steps[3], IDL.Vec(IDL.Nat8)) as Uint8Array;
    expect(first).toHaveLength(32);
    expect(second).not.toEqual(first);
    expect(events(report, 'request_sent').filter((e) => e.method === 'raw_rand')).toHaveLength(2);
  }, 120_000);
});
