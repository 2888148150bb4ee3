/**
 * [engine/calls] The queues between a pair of canisters hold 500 messages (ic-reference.md §6.3 DOC-LIM; replica
 * `DEFAULT_QUEUE_CAPACITY`): a caller has at most that many calls to one callee awaiting a response, and
 * `call_perform` returns 2 (SYS_TRANSIENT) past it, sending nothing and running no callback (§1.2). The slots come
 * back as the responses are run, and other callees have their own. The `setParams` step changes the capacity during a
 * run (the queues' what-if): a request on its way to a full queue is answered SYS_TRANSIENT, IC0201 (§3.6).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callerCalleePair, canisterIdHex, CALLEE_WAT } from '../helpers/callerCanister.ts';
import { events, runInline, tryRunInline } from '../helpers/runInline.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioPlayer } from '../../src/scenario/scenarioPlayer.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';

const FAN_OUT = readFileSync(new URL('./fanOut.wat', import.meta.url), 'utf8');
const count = (n: number) => ({ hex: Buffer.from(new Uint32Array([n]).buffer).toString('hex') });

function fanOut(steps: unknown[], params: Record<string, string> = {}) {
  return {
    subnet: { preset: 'classroom', params },
    canisters: [
      { name: 'fan', source: { wat: FAN_OUT }, initArg: { hex: canisterIdHex(1) } },
      { name: 'callee', source: { wat: CALLEE_WAT } },
      { name: 'fan2', source: { wat: FAN_OUT }, initArg: { hex: canisterIdHex(1) } },
    ],
    steps,
  };
}

/** The u32s of a step's reply. */
const u32s = (report: Report, step: number): number[] => {
  const bytes = Buffer.from(report.steps[step].reply!, 'hex');
  return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readUInt32LE(i * 4));
};

describe('[engine/calls] the queues between a pair of canisters', () => {
  it.each([
    ['the replica\'s capacity, 500', {}, 600, [500, 100]],
    ['a lowered capacity, 3', { queueCapacity: '3' }, 5, [3, 2]],
    ['a capacity of 0: every call refused', { queueCapacity: '0' }, 2, [0, 2]],
    ['under the capacity: every call sent', { queueCapacity: '3' }, 3, [3, 0]],
  ])('%s: call_perform accepts that many calls to one callee awaiting a response, and refuses the rest with 2', async (_, params, calls, expected) => {
    const report = await runInline(fanOut([
      { call: { to: 'fan', method: 'fan', arg: count(calls), wait: true } },
      { tick: 3 },
      { query: { to: 'fan', method: 'stats' } },
    ], params));
    expect(u32s(report, 0)).toEqual(expected);
    // Each call sent got its reply; a refused one sent nothing and ran no callback.
    expect(events(report, 'request_sent')).toHaveLength(expected[0]);
    expect(u32s(report, 2)).toEqual([expected[0], 0, 0, 0]);
  });

  it('the slots come back with the replies: the next message may fill them again', async () => {
    const report = await runInline(fanOut([
      { call: { to: 'fan', method: 'fan', arg: count(5), wait: true } },
      { tick: 3 },
      { call: { to: 'fan', method: 'fan', arg: count(5), wait: true } },
    ], { queueCapacity: '3' }));
    expect(u32s(report, 0)).toEqual([3, 2]);
    expect(u32s(report, 2)).toEqual([3, 2]);
  });

  it.each([
    [3, [6, 0]], [4, [6, 2]],
  ])('each callee has its own queues: calls alternating between two callees, %i to each, capacity 3', async (calls, expected) => {
    const report = await runInline(fanOut([
      { call: { to: 'fan', method: 'fan_two', arg: count(calls), wait: true } },
      { tick: 3 },
      { query: { to: 'fan', method: 'stats' } },
    ], { queueCapacity: '3' }));
    expect(u32s(report, 0)).toEqual(expected);
    expect(u32s(report, 2)[0], 'every call sent was answered').toBe(expected[0]);
  });

  it('each caller has its own queues to a callee: a second caller is not refused for the first one\'s calls', async () => {
    const report = await runInline(fanOut([
      { call: { to: 'fan', method: 'fan', arg: count(3) } },
      { call: { to: 'fan2', method: 'fan', arg: count(3) } },
      { tick: 3 },
    ], { queueCapacity: '3' }));
    expect(u32s(report, 0)).toEqual([3, 0]);
    expect(u32s(report, 1)).toEqual([3, 0]);
  });
});

/** Decodes the example caller's reply: `R` + reply bytes, or `J` + the reject code + its message. */
function callerOutcome(report: Report, step: number): string {
  const bytes = Buffer.from(report.steps[step].reply!, 'hex');
  return bytes[0] === 82 ? `reply ${bytes.subarray(1).toString('hex')}` : `reject ${bytes[1]}: ${bytes.subarray(2).toString('utf8')}`;
}

/**
 * A request still on its way at a round's end: the round's budget is spent after the caller's execution
 * (`maxInstructionsPerRound` 1), so its request is routed at the next round's start (ic-reference.md §7.1).
 */
const inFlight = (steps: unknown[]) => callerCalleePair(steps, 1, { subnet: { preset: 'classroom', params: { maxInstructionsPerRound: '1' } } });

describe('[scenario] setParams: the queues have no room from a point of the run on', () => {
  it('a request on its way is answered SYS_TRANSIENT (IC0201) at the next round\'s start, and its reject callback runs', async () => {
    const report = await runInline(inFlight([
      { call: { to: 'caller', method: 'call_inc' } },
      { tick: 1 },
      { setParams: { params: { queueCapacity: '0' }, label: 'What if: the queues between canisters are full' } },
      { tick: 3 },
    ]));
    expect(events(report, 'request_sent')).toHaveLength(1);
    expect(events(report, 'request_delivered')).toHaveLength(0);
    expect(events(report, 'params_changed')).toEqual([{ kind: 'params_changed', round: 1, params: [{ name: 'queueCapacity', value: '0' }] }]);
    const [answer] = events(report, 'response_sent');
    expect(answer).toMatchObject({ round: 2, response: { type: 'reject', rejectCode: 2, errorCode: 'IC0201', message: 'Maximum queue capacity 0 reached' } });
    expect(callerOutcome(report, 0)).toBe('reject 2: Maximum queue capacity 0 reached');
    expect(report.steps[2]).toMatchObject({ step: 2, kind: 'setParams' });
  });

  it('without the step, the same request is delivered at that round\'s start and replied to', async () => {
    const report = await runInline(inFlight([{ call: { to: 'caller', method: 'call_inc' } }, { tick: 4 }]));
    expect(events(report, 'request_delivered')).toHaveLength(1);
    expect(callerOutcome(report, 0)).toBe('reply 0100000000000000');
  });

  it('a call made after it fails at call_perform (2): the example caller traps on that, and its user sees the trap', async () => {
    const report = await runInline(callerCalleePair([
      { setParams: { params: { queueCapacity: '0' } } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
      { setParams: { params: { queueCapacity: '500' } } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
    ]));
    expect(report.steps[1]).toMatchObject({ status: 'rejected', errorCode: 'IC0502', rejectMessage: expect.stringContaining('unreachable') });
    expect(callerOutcome(report, 3)).toBe('reply 0100000000000000');
  });

  it('the app\'s player: a seek back before the step has the queues as they were, and forward again as the step left them', async () => {
    const scenario = { format: 'canister-playground/scenario@1', ...inFlight([
      { call: { to: 'caller', method: 'call_inc' } },
      { tick: 1 },
      { setParams: { params: { queueCapacity: '0' } } },
      { tick: 3 },
    ]) };
    const parsed = parseScenario(JSON.stringify(scenario));
    if (!parsed.ok) throw new Error(parsed.error);
    const loaded = await ScenarioPlayer.load(parsed.scenario, 0, {}, { rounds: 1, events: 1e9, instructions: 1n << 60n });
    if (!loaded.ok) throw new Error(loaded.error);
    const player = loaded.player;
    player.seek(player.end);
    const trace = JSON.stringify(player.recordedTrace, (_, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(player.session.subnet.state.liveParams.queueCapacity).toBe(0n);
    // The step is applied at the end of round 1 (after its tick): at round 0 the queues are as the set-up left them.
    player.seek(0);
    expect(player.session.subnet.state.liveParams.queueCapacity).toBe(500n);
    player.seek(player.end);
    expect(player.session.subnet.state.liveParams.queueCapacity).toBe(0n);
    expect(JSON.stringify(player.recordedTrace, (_, v) => (typeof v === 'bigint' ? String(v) : v))).toBe(trace);
  });
});

describe('[scenario] setParams is refused when the scenario is read', () => {
  it.each([
    [{ params: {} }, 'step 0 (setParams): params names no parameter; give at least one, such as {"queueCapacity": "0"}'],
    [{ params: { maxInstructionsPerRound: '5' } }, 'step 0 (setParams): params.maxInstructionsPerRound is fixed for a run (set it in subnet.params); a run may change only queueCapacity'],
    [{ params: { queueSize: '5' } }, 'step 0 (setParams): params.queueSize is not an engine parameter; a run may change only queueCapacity'],
    [{ params: { queueCapacity: '10001' } }, 'step 0 (setParams): params.queueCapacity: 10001 is out of its range, 0 to 10000 (docs/SCENARIO-EXTENSIONS.md "Parameter ranges")'],
  ])('%j', async (setParams, error) => {
    expect(await tryRunInline(callerCalleePair([{ setParams }]))).toEqual({ ok: false, error });
  });
});
