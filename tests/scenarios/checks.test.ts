/**
 * [scenario/checks] A scenario's `checks` (docs/SCENARIO-EXTENSIONS.md "Checks"): each kind held and failed, judged at
 * the end or at every round (the first round it failed at), refused when malformed, never changing the run they
 * observe, the same through the app's player after seeks, and the runner's `--check` lines and exit status 3.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInline, tryRunInline, type InlineScenario } from '../helpers/runInline.ts';
import { runInMemory } from '../cli/runnerFixtures.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioPlayer } from '../../src/scenario/scenarioPlayer.ts';
import type { CheckExpectationReport, Report } from '../../src/scenario/reportTypes.ts';

const COUNTER = readFileSync(new URL('../../examples/counter.wat', import.meta.url), 'utf8');
const BANK = readFileSync(new URL('./bank.wat', import.meta.url), 'utf8');
const TRAPS = '(module (func (export "canister_update boom") unreachable) (memory 1))';
const le = (n: number) => n.toString(16).padStart(2, '0') + '00000000000000';

/** alice (10) and bob (0) at the bank; a transfer, two rounds, a mint (the bug), a counter and a canister that traps. */
function bankScenario(checks: unknown[], steps: unknown[] = BANK_STEPS): InlineScenario {
  return {
    users: ['teller'],
    canisters: [{ name: 'bank', source: { wat: BANK } }, { name: 'counter', source: { wat: COUNTER } }, { name: 'bomb', source: { wat: TRAPS } }],
    steps,
    checks,
  };
}
const BANK_STEPS = [
  { call: { to: 'bank', method: 'transfer', wait: true } },
  { tick: 2 },
  { call: { to: 'bomb', method: 'boom', wait: true } },
  { call: { to: 'bank', method: 'mint', wait: true } },
  { call: { to: 'counter', method: 'inc', wait: true } },
];
const SUM = { constantSum: { queries: [{ to: 'bank', method: 'alice' }, { to: 'bank', method: 'bob' }] } };

const checksOf = (report: Report) => report.expectations as CheckExpectationReport[];

describe('[scenario/checks] each kind, held and failed', () => {
  it.each([
    ['query', { query: { to: 'counter', method: 'get', expect: { reply: { hex: le(1) } } } }, true, 'reply 0x0100000000000000'],
    ['query', { query: { to: 'counter', method: 'get', expect: { reply: { hex: le(2) } } } }, false, 'reply 0x0100000000000000'],
    ['query', { query: { to: 'counter', method: 'nope', expect: { status: 'rejected', errorCode: 'IC0536' } } }, true, 'status rejected; errorCode IC0536'],
    ['canister', { canister: { name: 'bank', status: 'running', frozen: false } }, true, 'status running; not frozen'],
    ['canister', { canister: { name: 'bank', status: 'stopped' } }, false, 'status running'],
    ['canister', { canister: { name: 'bank', cyclesAtMost: '1000' } }, false, /^\d+ cycles$/],
    ['global', { global: { canister: 'bank', name: 'bob', value: '2' } }, true, 'bob = 2'],
    ['global', { global: { canister: 'bank', name: '$alice', value: '10' } }, false, 'alice = 9'],
    ['global', { global: { canister: 'bank', name: 'carol', value: '0' } }, false, 'no mutable global named carol (it has alice, bob)'],
    ['noTrap', { noTrap: { canister: 'bank' } }, true, 'no trap'],
    ['noTrap', { noTrap: { canister: 'bomb' } }, false, /^canister_update boom trapped in round \d+ \(IC0502\): Canister trapped: unreachable$/],
    ['constantSum', SUM, false, 'the sum 11 (9 + 2)'],
    ['constantSum', { constantSum: { queries: [{ to: 'bank', method: 'alice' }, { to: 'counter', method: 'nope' }] } }, false, /^counter\.nope was rejected \(5 IC0536: .*Canister has no query method 'nope'\.\)$/],
  ])('%s %j: pass %s, seen %s', async (_kind, check, pass, seen) => {
    const [entry] = checksOf(await runInline(bankScenario([check])));
    expect(entry.pass).toBe(pass);
    if (typeof seen === 'string') expect(entry.seen).toBe(seen);
    else expect(entry.seen).toMatch(seen);
  });

  it('a constant sum holds while only transfers move money, and names the first round a mint broke it', async () => {
    const held = checksOf(await runInline(bankScenario([SUM], BANK_STEPS.slice(0, 3))));
    expect(held).toEqual([{ check: 0, when: 'everyRound', what: 'constant sum of bank.alice + bank.bob', pass: true, expected: 'the sum 10', seen: 'the sum 10 (9 + 1)', round: expect.any(Number) }]);
    const broken = await runInline(bankScenario([{ ...SUM, label: 'no money is made' }]));
    const mint = broken.events.find((e) => e.kind === 'execution' && e.entryPoint === 'canister_update mint')!;
    expect(checksOf(broken)).toEqual([{
      check: 0, label: 'no money is made', when: 'everyRound', what: 'constant sum of bank.alice + bank.bob', pass: false,
      expected: 'the sum 10', seen: 'the sum 11 (9 + 2)', round: mint.round,
    }]);
  });
});

describe('[scenario/checks] when they are judged', () => {
  it('"end" judges the state the run ends in; "everyRound" reports the first round it failed at', async () => {
    // bob's balance is 1 from the transfer's round until the mint's: equal to 1 at the end is false, at every round too.
    const report = await runInline(bankScenario([
      { global: { canister: 'bank', name: 'bob', value: '1' } },
      { global: { canister: 'bank', name: 'bob', value: '1' }, when: 'everyRound' },
      { canister: { name: 'bank', status: 'running' }, when: 'everyRound' },
    ]));
    const [atEnd, everyRound, running] = checksOf(report);
    expect([atEnd.pass, atEnd.round, atEnd.seen]).toEqual([false, report.rounds, 'bob = 2']);
    // At set-up (round 0) bob has nothing yet: that is the first failure.
    expect([everyRound.pass, everyRound.round, everyRound.seen]).toEqual([false, 0, 'bob = 0']);
    expect([running.pass, running.when, running.round]).toEqual([true, 'everyRound', report.rounds]);
  });

  it('a check of a canister a later step deploys applies from the round it exists', async () => {
    const report = await runInline({
      canisters: [],
      steps: [{ tick: 3 }, { deploy: { name: 'counter', source: { wat: COUNTER } } }, { call: { to: 'counter', method: 'inc', wait: true } }],
      checks: [{ canister: { name: 'counter', status: 'running' }, when: 'everyRound' }, { noTrap: { canister: 'counter' } }],
    });
    expect(checksOf(report).map((c) => c.pass)).toEqual([true, true]);
  });

  it('checks never change the run they observe: the report is the same but for its expectations', async () => {
    const plain = await runInline(bankScenario([]));
    const checked = await runInline(bankScenario([
      SUM, { query: { to: 'bank', method: 'bob', expect: { status: 'replied' } }, when: 'everyRound' }, { noTrap: { canister: 'bomb' } },
    ]));
    expect(plain.expectations).toEqual([]);
    expect(checksOf(checked)).toHaveLength(3);
    expect({ ...checked, expectations: [] }).toEqual(plain);
  });

  it('the app\'s player judges the same after seeks back and forth, and finds the first violation', async () => {
    const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', ...bankScenario([SUM, { noTrap: { canister: 'bomb' } }]) }));
    if (!parsed.ok) throw new Error(parsed.error);
    const runner = checksOf(await runInline(bankScenario([SUM, { noTrap: { canister: 'bomb' } }])));
    const loaded = await ScenarioPlayer.load(parsed.scenario, 0, {}, { rounds: 2, events: 1e9, instructions: 1n << 60n });
    if (!loaded.ok) throw new Error(loaded.error);
    const player = loaded.player;
    expect(player.session.violations()).toEqual([]);
    player.seek(player.end);
    expect(player.session.checkReports()).toEqual(runner);
    const first = player.session.violations()[0];
    expect(first).toMatchObject({ check: 0, round: runner[0].round, seen: 'the sum 11 (9 + 2)' });
    expect(player.session.subnet.state.trace[first.event!]).toMatchObject({ kind: 'execution', entryPoint: 'canister_update mint' });
    player.seek(1);
    expect(player.session.violations()).toEqual([]);
    player.seek(first.round - 1);
    expect(player.session.violations()).toEqual([]);
    player.seek(first.round);
    expect(player.session.violations()).toEqual([first]);
    player.seek(player.end);
    expect(player.session.checkReports()).toEqual(runner);
  });
});

describe('[scenario/checks] refused when the scenario is read', () => {
  const query = { to: 'counter', method: 'get' };
  it.each([
    ['check 0: a check has one key naming its kind (one of query, canister, global, noTrap, constantSum) beside "label" and "when"; found none', [{}]],
    ['check 0: a check has one key naming its kind (one of query, canister, global, noTrap, constantSum) beside "label" and "when"; found "noTrap", "global"', [{ noTrap: { canister: 'bank' }, global: { canister: 'bank', name: 'x', value: '1' } }]],
    ['check 0: must be an object naming its kind, such as {"canister": {"name": "counter", "frozen": false}, "when": "everyRound"}', ['x']],
    ['check 0 (noTrap): "when" must be "end" or "everyRound"', [{ noTrap: { canister: 'bank' }, when: 'sometimes' }]],
    ['check 0 (query): "expect.withinRounds" does not apply to a query (an object of what the reply should be, with at least one of "status", "reply", "rejectCode" or "errorCode")', [{ query: { ...query, expect: { withinRounds: 1 } } }]],
    ['check 0 (query): "expect" must be an object of what the response should be, with at least one of "status", "reply", "rejectCode", "errorCode" or "withinRounds"', [{ query }]],
    ['check 0 (query): "from" must be a user, not canister "bank" (users: teller)', [{ query: { ...query, from: 'bank', expect: { status: 'replied' } } }]],
    ['check 0 (canister): must say what to check: at least one of "status", "frozen", "cyclesAtLeast" or "cyclesAtMost"', [{ canister: { name: 'bank' } }]],
    ['check 0 (canister): "cyclesAtLeast" must not be more than "cyclesAtMost": no balance could hold', [{ canister: { name: 'bank', cyclesAtLeast: '10', cyclesAtMost: '9' } }]],
    ['check 0 (canister): unknown canister "vault" (canisters: bank, counter, bomb)', [{ canister: { name: 'vault', frozen: true } }]],
    ['check 0 (global): "value" must be a decimal number as a string, such as "3", "-1" or "0.5"', [{ global: { canister: 'bank', name: 'bob', value: 'two' } }]],
    ['check 0 (noTrap): unknown canister "ic" (canisters: bank, counter, bomb)', [{ noTrap: { canister: 'ic' } }]],
    ['check 0 (constantSum): "queries" must be a list of at least one query', [{ constantSum: { queries: [] } }]],
    ['check 0 (constantSum): queries[1]: unknown canister "nobody" (canisters: bank, counter, bomb)', [{ constantSum: { queries: [query, { to: 'nobody', method: 'x' }] } }]],
    ['checks: 1,001 is more than the runner judges (at most 1,000; a limit of the playground, not of the IC)', Array(1001).fill({ noTrap: { canister: 'bank' } })],
  ])('%s', async (error, checks) => {
    expect(await tryRunInline(bankScenario(checks as unknown[]))).toEqual({ ok: false, error });
  });
});

describe('[cli] --check lists the checks after the steps\' expectations', () => {
  it('one line per check, with its label and the round it was judged at, and exit 3 when one fails', async () => {
    const document = JSON.stringify({
      format: 'canister-playground/scenario@1',
      ...bankScenario([{ ...SUM, label: 'no money is made' }, { noTrap: { canister: 'bank' } }], [
        { call: { to: 'bank', method: 'transfer', wait: true, expect: { status: 'replied' } } },
        { call: { to: 'bank', method: 'mint', wait: true } },
      ]),
    });
    const { code, stdout } = await runInMemory(['run', '--check', '-'], document);
    expect(stdout.split('\n')).toEqual([
      'PASS step 0 (call bank.transfer) status: replied',
      'FAIL check 0 "no money is made" (constant sum of bank.alice + bank.bob, first failed at round 2): expected the sum 10, seen the sum 11 (9 + 2)',
      expect.stringMatching(/^PASS check 1 \(no trap in bank, at round \d+\): no trap$/),
      '3 expectations, 1 failed',
      '',
    ]);
    expect(code).toBe(3);
  });
});
