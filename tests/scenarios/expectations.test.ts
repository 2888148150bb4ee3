/**
 * [scenario/expectations] A step's `expect` (docs/SCENARIO-EXTENSIONS.md "Expectations"): checked once the run has
 * ended, listed in the report's `expectations` (absent without any), refused when it contradicts itself, and the
 * runner's `--check` lines and exit status 3.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { candidCanister } from '../helpers/candidCanister.ts';
import { runInline, tryRunInline } from '../helpers/runInline.ts';
import { runInMemory } from '../cli/runnerFixtures.ts';

/** The example counter: `inc` adds one, the query `get` replies with the count as 8 bytes, little-endian. */
const COUNTER = readFileSync(new URL('../../examples/counter.wat', import.meta.url), 'utf8');
const TRAPS = '(module (func (export "canister_update boom") unreachable) (memory 1))';

function counterScenario(steps: unknown[]) {
  return { users: ['alice', 'bob'], canisters: [{ name: 'counter', source: { wat: COUNTER } }, { name: 'bomb', source: { wat: TRAPS } }], steps };
}

describe('[scenario/expectations] in the report', () => {
  it('lists every field of every expect, held or not, in step order', async () => {
    const report = await runInline(counterScenario([
      { call: { to: 'counter', method: 'inc', wait: true, expect: { status: 'replied', withinRounds: 1 } } },
      { call: { to: 'bomb', method: 'boom', expect: { rejectCode: 5, errorCode: 'IC0502', withinRounds: 0 } } },
      { tick: 2 },
      { query: { to: 'counter', method: 'get', expect: { reply: { hex: '0100000000000000' } } } },
      { query: { to: 'counter', method: 'get', expect: { reply: { text: '1' } } } },
      { manage: { method: 'stop_canister', canister: 'counter', from: 'bob', expect: { status: 'rejected', errorCode: 'IC0512' } } },
      { manage: { method: 'stop_canister', canister: 'bomb', from: 'alice', expect: { status: 'replied' } } },
    ]));
    expect(report.expectations!.map((e) => ['step' in e ? e.step : -1, e.what, e.pass])).toEqual([
      [0, 'status', true], [0, 'withinRounds', true],
      [1, 'rejectCode', true], [1, 'errorCode', true], [1, 'withinRounds', false],
      [3, 'reply', true],
      [4, 'reply', false],
      [5, 'status', true], [5, 'errorCode', true],
      [6, 'status', true],
    ]);
    expect(report.expectations![4]).toEqual({ step: 1, what: 'withinRounds', pass: false, expected: 'at most 0 rounds', seen: '1 round' });
    expect(report.expectations![6]).toEqual({ step: 4, what: 'reply', pass: false, expected: '"1"', seen: '0x0100000000000000' });
    expect(Object.keys(report).indexOf('expectations')).toBe(Object.keys(report).indexOf('steps') + 1);
  });

  it('a call never answered by the end fails its status, and a report without expect has no expectations', async () => {
    const wait = await runInline({ ...counterScenario([{ call: { to: 'counter', method: 'inc', expect: { status: 'replied' } } }]), maxRounds: 0 });
    expect(wait.expectations).toEqual([{ step: 0, what: 'status', pass: false, expected: 'replied', seen: 'pending: no response by the end of the run' }]);
    const plain = await runInline(counterScenario([{ call: { to: 'counter', method: 'inc' } }]));
    expect('expectations' in plain).toBe(false);
  });

  it('types an expected Candid reply with the method\'s result types when the receiver has an interface', async () => {
    const report = await runInline({
      canisters: [{ name: 'profiles', source: { wat: candidCanister() }, initArg: { candid: '("alice")' } }],
      steps: [
        // echo takes and returns a nat: `(42)` is a nat here, not the int it would be inferred as.
        { query: { to: 'profiles', method: 'echo', arg: { candid: '(42)' }, expect: { reply: { candid: '(42)' } } } },
        { query: { to: 'profiles', method: 'echo', arg: { candid: '(42)' }, expect: { reply: { candid: '(0x2a)' } } } },
        { query: { to: 'profiles', method: 'echo', arg: { candid: '(42)' }, expect: { reply: { candid: '(41)' } } } },
        { query: { to: 'profiles', method: 'echo', arg: { candid: '(42)' }, expect: { reply: { candid: '("x")' } } } },
      ],
    });
    expect(report.expectations!.map((e) => [e.pass, e.expected, e.seen])).toEqual([
      [true, '(42 : nat)', '(42 : nat)'],
      [true, '(42 : nat)', '(42 : nat)'],
      [false, '(41 : nat)', '(42 : nat)'],
      [false, '("x") does not match echo\'s results (nat): "x" is not a nat', '(42 : nat)'],
    ]);
  });

  it.each([
    [{}, 'step 0 (call): "expect" must be an object of what the response should be, with at least one of "status", "reply", "rejectCode", "errorCode" or "withinRounds"'],
    [{ status: 'replied', rejectCode: 5 }, 'step 0 (call): "expect.rejectCode" applies to a rejected response, not to "status": "replied"'],
    [{ reply: { text: 'x' }, errorCode: 'IC0502' }, 'step 0 (call): "expect.reply" cannot be expected of a rejected response ("errorCode")'],
    [{ reply: { text: 'x' }, status: 'rejected' }, 'step 0 (call): "expect.reply" cannot be expected of a rejected response ("status": "rejected")'],
    [{ status: 'done' }, 'step 0 (call): "expect.status" must be "replied" or "rejected"'],
    [{ rejectCode: 7 }, 'step 0 (call): "expect.rejectCode" must be a reject code from 1 to 6'],
    [{ errorCode: '503' }, 'step 0 (call): "expect.errorCode" must be an error code such as "IC0503"'],
    [{ withinRounds: -1 }, 'step 0 (call): "expect.withinRounds" must be a whole number of rounds ≥ 0'],
    [{ reply: { hex: 'abc' } }, 'step 0 (call): "expect.reply.hex" must be an even number of hex digits'],
  ])('refuses %j when the scenario is read', async (expectation, error) => {
    expect(await tryRunInline(counterScenario([{ call: { to: 'counter', method: 'inc', expect: expectation } }]))).toEqual({ ok: false, error });
  });
});

describe('[cli] --check and exit status 3', () => {
  const document = (steps: unknown[]) => JSON.stringify({ format: 'canister-playground/scenario@1', ...counterScenario(steps) });
  const failing = document([
    { call: { to: 'counter', method: 'inc', label: 'first', wait: true, expect: { status: 'replied' } } },
    { call: { to: 'bomb', method: 'boom', expect: { status: 'replied' } } },
    { query: { to: 'counter', method: 'get', expect: { reply: { hex: '0100000000000000' } } } },
  ]);

  it('prints one line per expectation and a count, and exits 3 when one fails', async () => {
    const { code, stdout, stderr } = await runInMemory(['run', '--check', '-'], failing);
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('PASS step 0 (call counter.inc "first") status: replied');
    expect(lines[1]).toMatch(/^FAIL step 1 \(call bomb\.boom\) status: expected replied, seen rejected \(5 IC0502: .*unreachable.*\)$/);
    expect(lines.slice(2)).toEqual(['PASS step 2 (query counter.get) reply: 0x0100000000000000', '3 expectations, 1 failed', '']);
    expect(code).toBe(3);
    expect(stderr).toBe('');
  });

  it('exits 3 with the JSON report too, 0 when all hold, and 0 with a line when there are none', async () => {
    const json = await runInMemory(['run', '-'], failing);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).expectations).toHaveLength(3);
    const holding = await runInMemory(['run', '-', '--check'], document([{ call: { to: 'counter', method: 'inc', wait: true, expect: { status: 'replied', withinRounds: 1 } } }]));
    expect([holding.code, holding.stdout.trim().split('\n').at(-1)]).toEqual([0, '2 expectations, all held']);
    const none = await runInMemory(['run', '--check', '-'], document([{ call: { to: 'counter', method: 'inc' } }]));
    expect([none.code, none.stdout]).toEqual([0, 'no expectations: no step of this scenario has "expect" and it has no "checks"\n']);
  });

  it('unusable input still exits 2, --check or not', async () => {
    const { code, stdout } = await runInMemory(['run', '--check', '-'], document([{ call: { to: 'counter', method: 'inc', expect: {} } }]));
    expect([code, stdout]).toEqual([2, '']);
  });
});
