/**
 * [lessons] The built-in lessons (src/lessons): every one is a valid scenario with inline WAT (or inline Motoko, in
 * the Motoko track), a title, narration and labelled steps, runs until the subnet is idle, and shows the outcome its
 * narration promises. The numbers asserted here are the ones the narration quotes; each is derived from
 * ic-reference.md (through src/engine/params.ts for the Motoko track) where it can be.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { IC_PARAMS } from '../src/engine/index.ts';
import { LESSONS, type Lesson } from '../src/lessons/index.ts';
import { LESSON_CATALOG, loadLessonScenario } from '../src/lessons/lessonCatalog.ts';
import { nodeMotokoCompiler } from '../src/motoko/nodeMotokoCompiler.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { runScenario } from '../src/scenario/runScenario.ts';
import type { Report, StepReport } from '../src/scenario/reportTypes.ts';

// ---- Fees of a 13-node subnet (ic-reference.md §5.1, §5.4, §4.2) ----
const XNET_CALL_FEE = 260_000n;
const XNET_BYTE_FEE = 1_000n;
const MAX_REPLY_BYTES = 2n * 1024n * 1024n;
const REPLY_RESERVATION = MAX_REPLY_BYTES * XNET_BYTE_FEE; // 2,097,152,000
const BASE_EXECUTION_FEE = 5_000_000n;
const MESSAGE_LIMIT_IC = 40_000_000_000n;
const CREATION_FEE = 500_000_000_000n;
const GIB_STORAGE_PER_SECOND = 127_000n;
const GiB = 1n << 30n;

type Event = Record<string, unknown>;

interface RunLesson {
  lesson: Lesson;
  report: Report;
  /** Principal text of a user or canister name. */
  id: (name: string) => string;
  events: (kind: string, match?: Record<string, unknown>) => Event[];
}

async function runLesson(lesson: Lesson): Promise<RunLesson> {
  const parsed = parseScenario(JSON.stringify(lesson.scenario));
  if (!parsed.ok) throw new Error(`lesson ${lesson.id} does not parse: ${parsed.error}`);
  const result = await runScenario(parsed.scenario, { motoko: nodeMotokoCompiler() });
  if (!result.ok) throw new Error(`lesson ${lesson.id} does not run: ${result.error}`);
  const report = result.report;
  const id = (name: string) => {
    const principal = report.principals[name];
    if (!principal) throw new Error(`no principal named ${name}`);
    return principal;
  };
  const events = (kind: string, match: Record<string, unknown> = {}) =>
    report.events.filter((e) => e.kind === kind && Object.entries(match).every(([k, v]) => e[k] === v));
  return { lesson, report, id, events };
}

const runs = new Map<string, Promise<RunLesson>>();
function run(lessonId: string): Promise<RunLesson> {
  const lesson = LESSONS.find((l) => l.id === lessonId);
  if (!lesson) throw new Error(`no lesson ${lessonId}`);
  if (!runs.has(lessonId)) runs.set(lessonId, runLesson(lesson));
  return runs.get(lessonId)!;
}

function text(step: StepReport): string {
  if (step.status !== 'replied') throw new Error(`step ${step.step} did not reply: ${step.errorCode} ${step.rejectMessage}`);
  return step.replyText ?? `<binary ${step.reply}>`;
}

type ScenarioDoc = {
  format: string;
  title?: string;
  description?: string;
  subnet?: { preset?: string };
  canisters: { name: string; source: Record<string, unknown> }[];
  steps: Record<string, Record<string, unknown>>[];
};
const doc = (lesson: Lesson) => lesson.scenario as ScenarioDoc;

/** The files of an inline Motoko source: one text, or `{ files, main }` with `main` among the files (no `path`). */
function inlineMotokoFiles(motoko: unknown): string[] {
  if (typeof motoko === 'string') return [motoko];
  const { files, main, ...rest } = motoko as { files: Record<string, string>; main: string };
  expect(rest).toEqual({});
  expect(Object.keys(files)).toContain(main);
  return Object.values(files);
}

describe('[lessons] the list', () => {
  it('has the WAT track\'s concepts in teaching order, with unique ids matching the files', () => {
    expect(LESSONS.filter((l) => l.track === 'wat' && l.kind === 'lesson').map((l) => l.id)).toEqual([
      '01-code-and-state', '02-update-vs-query', '03-trap-rollback', '04-inter-canister', '05-cycles',
      '06-freezing', '07-time-slicing', '08-upgrade', '09-controllers', '10-create-canisters', '11-bounded-wait', '12-snapshots',
    ]);
    for (const lesson of LESSONS) {
      expect(lesson.title).toBe(doc(lesson).title);
      expect(lesson.concept.length).toBeGreaterThan(20);
    }
  });

  it('has a Motoko track of the same concepts, after the WAT track; then the famous bugs, then the exercises', () => {
    const lessons = LESSONS.filter((l) => l.kind === 'lesson');
    expect(lessons.map((l) => l.track)).toEqual([...Array(12).fill('wat'), ...Array(10).fill('motoko')]);
    const kinds = LESSONS.slice(lessons.length).map((l) => l.kind);
    expect(kinds).toEqual([...kinds.filter((k) => k === 'famous-bug'), ...kinds.filter((k) => k === 'exercise')]);
    expect(kinds.filter((k) => k === 'famous-bug').length).toBeGreaterThanOrEqual(5);
    expect(lessons.filter((l) => l.track === 'motoko').map((l) => l.id)).toEqual([
      'mo-01-actor-state', 'mo-02-query-vs-update', 'mo-03-assert-rollback', 'mo-04-await', 'mo-05-reject-try-catch',
      'mo-06-cycles', 'mo-07-actor-class', 'mo-08-upgrade', 'mo-09-timer', 'mo-10-bounded-wait',
    ]);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  it('loads each lesson\'s file on demand, the same document the list has', async () => {
    for (const lesson of LESSONS) {
      expect(lesson.scenario, lesson.id).toBeDefined();
      expect(await loadLessonScenario(lesson.id), lesson.id).toEqual(lesson.scenario);
    }
    expect(LESSON_CATALOG.map((l) => l.id)).toEqual(LESSONS.map((l) => l.id));
    await expect(loadLessonScenario('no-such-lesson')).rejects.toThrow('There is no lesson "no-such-lesson".');
  });
});

describe.each(LESSONS.map((l) => [l.id, l] as const))('[lessons] %s is a well-formed lesson', (lessonId, lesson) => {
  let ran: RunLesson;
  beforeAll(async () => { ran = await run(lessonId); }, 120_000); // a Motoko lesson compiles its actors first

  it('is a v1 scenario with a title and narration', () => {
    const scenario = doc(lesson);
    expect(scenario.format).toBe('canister-playground/scenario@1');
    expect(scenario.title?.trim().length).toBeGreaterThan(5);
    expect(scenario.description?.length).toBeGreaterThanOrEqual(200);
  });

  it('labels every call and management step', () => {
    const labelled = doc(lesson).steps.filter((s) => s.call || s.manage);
    expect(labelled.length).toBeGreaterThan(0);
    for (const step of labelled) {
      const body = step.call ?? step.manage;
      expect(typeof body.label === 'string' && body.label.length > 5, JSON.stringify(body)).toBe(true);
    }
    // The report carries the labels to the app.
    for (const [index, step] of doc(lesson).steps.entries()) {
      const body = step.call ?? step.manage;
      if (body) expect(ran.report.steps[index].label).toBe(body.label);
    }
  });

  it('has only inline, multi-line, commented sources in its track\'s language (the browser cannot read files)', () => {
    const sources = [
      ...doc(lesson).canisters.map((c) => c.source),
      ...doc(lesson).steps.flatMap((s) => (s.manage?.source ? [s.manage.source as Record<string, unknown>] : [])),
    ];
    for (const source of sources) {
      expect(Object.keys(source)).toEqual([lesson.track]);
      const texts = lesson.track === 'wat' ? [source.wat as string] : inlineMotokoFiles(source.motoko);
      for (const text of texts) {
        expect(text.split('\n').length).toBeGreaterThan(5);
        expect(text).toMatch(lesson.track === 'wat' ? /;;/ : /\/\//); // commented
      }
    }
  });

  it('runs until the subnet is idle, small enough to run instantly', () => {
    expect(ran.report.idle).toBe(true);
    expect(ran.report.rounds).toBeLessThanOrEqual(50);
    expect(ran.report.steps.filter((s) => s.status === 'pending')).toEqual([]);
  });
});

describe('[lessons] key outcomes', () => {
  it('01: two canisters with the same code keep separate state that persists between calls', async () => {
    const { report } = await run('01-code-and-state');
    expect(text(report.steps[0])).toBe('Guestbook of the WAT club\nalice was here\n');
    expect(text(report.steps[1])).toBe('Guestbook of the WAT club\nalice was here\nbob too\n');
    expect(text(report.steps[2])).toBe('Guestbook of the chess club\nalice plays chess\n');
    expect(text(report.steps[3])).toBe('Guestbook of the WAT club\nalice was here\nbob too\n');
    expect(text(report.steps[4])).toBe('Guestbook of the chess club\nalice plays chess\n');
    expect(report.canisters.book_a.moduleHash).toBe(report.canisters.book_b.moduleHash);
    expect([report.canisters.book_a.version, report.canisters.book_b.version]).toEqual(['3', '2']);
    // ingress induction: 1,200,000 + 2,000 × 18 bytes ("sign" + "alice was here"), ic-reference.md §5.2
    expect(report.events.find((e) => e.kind === 'cycles_charged' && e.charge === 'ingress_induction')?.amount).toBe('1236000');
  });

  it('02: a query answers at once from committed state, for free, and its changes are discarded', async () => {
    const { report, events } = await run('02-update-vs-query');
    expect(report.steps[0]).toMatchObject({ status: 'replied', submittedRound: 0, completedRound: 1 });
    expect(report.steps[1]).toMatchObject({ submittedRound: 0, completedRound: 0 });
    expect(text(report.steps[1])).toBe('count = 0'); // the update has not run yet
    expect(text(report.steps[3])).toBe('count = 1');
    expect(text(report.steps[4])).toBe('count = 2'); // the query's own view…
    expect(text(report.steps[5])).toBe('count = 1'); // …discarded
    expect(text(report.steps[6])).toBe('count = 2');
    expect(report.steps[6].completedRound).toBe(2);
    const incInQuery = events('execution', { entryPoint: 'canister_query inc_in_query' });
    expect(incInQuery).toHaveLength(1);
    expect(incInQuery[0]).toMatchObject({ context: 'non_replicated_query', rolledBack: ['1 Wasm memory page written', '1 global'] });
    // Four queries, two updates: only the updates are charged.
    expect(events('query_executed')).toHaveLength(4);
    expect(events('cycles_charged', { charge: 'execution' })).toHaveLength(2);
    expect(events('cycles_charged', { charge: 'ingress_induction' })).toHaveLength(2);
    // the update's net execution cost: base fee + 1 cycle per instruction (§5.3)
    const prepaid = BigInt(events('cycles_charged', { charge: 'execution' })[0].amount as string);
    const refunded = BigInt(events('cycles_refunded', { charge: 'execution' })[0].amount as string);
    expect(prepaid).toBe(BASE_EXECUTION_FEE + MESSAGE_LIMIT_IC);
    expect(prepaid - refunded).toBe(5_002_027n);
  });

  it('03: a trap rolls back every change of its execution; the old value stays', async () => {
    const { report, events } = await run('03-trap-rollback');
    expect(text(report.steps[0])).toBe('balance = 100');
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    expect(report.steps[1].rejectMessage).toContain('insufficient funds');
    expect(text(report.steps[2])).toBe('balance = 100');
    expect(report.steps[3]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0502' });
    expect(text(report.steps[4])).toBe('balance = 100');
    expect(text(report.steps[5])).toBe('balance = 200');
    expect(text(report.steps[6])).toBe('balance = 50');
    const trapped = events('execution', { outcome: 'trap' });
    expect(trapped.map((e) => [e.entryPoint, e.errorCode, e.rolledBack])).toEqual([
      ['canister_update withdraw', 'IC0503', ['1 Wasm memory page written', '2 globals']],
      ['canister_update buggy', 'IC0502', ['1 global']],
    ]);
    expect(report.logs).toEqual([expect.objectContaining({ round: 2, text: '[TRAP]: insufficient funds', trap: true })]);
  });

  it('04: a trap in a callback rolls back to just after call_perform; cleanup runs and its changes stay', async () => {
    const { report, events, id } = await run('04-inter-canister');
    const iteration = iterationsOf(report);
    expect(text(report.steps[0])).toBe('counter replied: count = 1');
    expect(report.steps[0]).toMatchObject({ submittedRound: 0, completedRound: 1 });
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503', submittedRound: 1, completedRound: 2 });
    expect(text(report.steps[2])).toBe('calls_made=2 replies_handled=1 cleanups=1');
    expect(text(report.steps[3])).toBe('count = 2'); // the callee's change is not undone by the caller's trap
    // Same subnet (ic-reference.md §7.1): each call is one round, the caller's method, the callee's inc and the
    // caller's callbacks in its iterations 1, 2 and 3.
    const updates = events('execution').filter((e) => Number(e.round) > 0 && e.context !== 'non_replicated_query');
    expect(updates.map((e) => [e.round, iteration(e), e.canister, e.entryPoint])).toEqual([
      [1, 1, id('caller'), 'canister_update call'], [1, 2, id('counter'), 'canister_update inc'], [1, 3, id('caller'), 'reply callback'],
      [2, 1, id('caller'), 'canister_update call_then_trap'], [2, 2, id('counter'), 'canister_update inc'], [2, 3, id('caller'), 'reply callback'],
      [2, 3, id('caller'), 'cleanup'],
    ]);
    const callbacks = events('execution', { canister: id('caller'), entryPoint: 'reply callback' });
    expect(callbacks.map((e) => [e.round, e.outcome, e.rolledBack])).toEqual([[1, 'ok', []], [2, 'trap', ['1 global']]]);
    expect(events('execution', { entryPoint: 'cleanup' })).toEqual([expect.objectContaining({ round: 2, outcome: 'ok', rolledBack: [] })]);
    // the call fee and the reservations (ic-reference.md §5.4): "inc" is 3 bytes
    const sent = events('request_sent');
    expect(sent.map((e) => [e.round, iteration(e), e.fee, e.reserved])).toEqual([
      [1, 1, String(XNET_CALL_FEE + 3n * XNET_BYTE_FEE), String(REPLY_RESERVATION + BASE_EXECUTION_FEE + MESSAGE_LIMIT_IC)],
      [2, 1, '263000', '42102152000'],
    ]);
    expect(events('response_delivered').map((e) => [e.round, iteration(e), e.reservationRefund])).toEqual([
      [1, 3, String(REPLY_RESERVATION - 9n * XNET_BYTE_FEE)], [2, 3, '2097143000'],
    ]);
  });

  it('05: the caller prepays the largest reply and gets the unused part back; storage is charged every 10 s', async () => {
    const { report, events, id } = await run('05-cycles');
    const iteration = iterationsOf(report);
    expect(text(report.steps[0])).toBe('got a reply of 1000 bytes');
    expect(report.steps[0]).toMatchObject({ submittedRound: 0, completedRound: 1 });
    // one round (same subnet, §7.1): the client pays and reserves in iteration 1, the server replies in iteration 2,
    // and the unused reservation comes back in iteration 3, before the callback
    const [sent] = events('request_sent');
    expect(sent).toMatchObject({ round: 1, fee: String(XNET_CALL_FEE + 5n * XNET_BYTE_FEE), reserved: '42102152000' });
    expect(iteration(sent)).toBe(1);
    const replies = events('response_sent');
    expect(replies).toEqual([expect.objectContaining({ round: 1, response: { type: 'reply', bytes: 1000 } })]);
    expect(iteration(replies[0])).toBe(2);
    const [delivered] = events('response_delivered');
    expect(delivered).toMatchObject({ round: 1, to: id('client') });
    expect(iteration(delivered)).toBe(3);
    const [callback] = events('execution', { entryPoint: 'reply callback' });
    expect([callback.round, iteration(callback)]).toEqual([1, 3]);
    expect(report.events.indexOf(delivered)).toBeLessThan(report.events.indexOf(callback));
    expect(delivered.reservationRefund).toBe(String(REPLY_RESERVATION - 1000n * XNET_BYTE_FEE));
    expect(delivered.reservationRefund).toBe('2096152000');
    // memory: 161 pages, charged every 10 s of simulated time
    expect(report.canisters.server.wasmMemoryBytes).toBe(String(161n * 65536n));
    const storage = events('cycles_charged', { charge: 'storage' });
    expect(storage.map((e) => [e.round, e.canister, e.amount])).toEqual([
      [11, id('client'), '92'],
      [11, id('server'), '12494'],
      [12, id('client'), '799396'],
      [12, id('server'), '107956062'],
    ]);
    // 12,494 ≈ 10 s × 127,000 cycles per GiB·s × the server's bytes (heap + code + globals + the 12 KiB log store:
    // 8 KiB of header and index plus its 4 KiB log_memory_limit, §12), §5.2
    expect(((10_551_296n + 12_288n) * GIB_STORAGE_PER_SECOND * 10n) / GiB).toBe(12_494n);
    // the day's charge ≈ idleCyclesBurnedPerDay × 86,402 s / 86,400 s (from round 11's charge to the clock a day after
    // round 12), to a cycle: the charge and the daily figure round separately
    const dayCharge = BigInt(report.canisters.server.idleCyclesBurnedPerDay) * 86_402n / 86_400n;
    expect(107_956_062n - dayCharge).toBeLessThanOrEqual(1n);
  });

  it('06: below the freezing limit calls are refused (IC0207) but replies still run; at zero the canister is uninstalled', async () => {
    const { report, events, id } = await run('06-freezing');
    const app = id('app');
    expect(text(report.steps[0])).toBe('count = 1');
    // 1 GiB × 127,000 cycles/s for a day, × 30 days of freezing threshold (§5.2)
    const perDay = GIB_STORAGE_PER_SECOND * 86_400n;
    expect(perDay).toBe(10_972_800_000n);
    const frozen = events('frozen_changed', { canister: app });
    // While its call to the helper is outstanding the app holds 2 MiB of message memory for the reply, which counts
    // in the freezing limit like storage (§5.2 `memory_cost(message_memory)`): 2 MiB for 30 days.
    const messageMemoryFor30Days = (MAX_REPLY_BYTES * GIB_STORAGE_PER_SECOND * 86_400n * 30n) / GiB;
    expect(messageMemoryFor30Days).toBe(642_937_500n);
    const limitWhileCalling = perDay * 30n + messageMemoryFor30Days;
    expect(limitWhileCalling).toBe(329_826_937_500n);
    const limitOf = (round: number) => (events('round_finished', { round })[0].balances as { canister: string; freezingLimit: string }[])
      .find((b) => b.canister === app)!.freezingLimit;
    expect([1, 2, 15].map(limitOf)).toEqual([String(perDay * 30n), String(limitWhileCalling), String(perDay * 30n)]);
    // Frozen in round 3; at the uninstall in round 16 its allocation goes too (§3.9), so with nothing left to pay
    // for, its freezing limit is 0 and it is no longer frozen.
    expect(frozen).toEqual([
      expect.objectContaining({ round: 3, frozen: true, cycles: '320880147387', freezingLimit: String(limitWhileCalling) }),
      expect.objectContaining({ round: 16, frozen: false, cycles: '0', freezingLimit: '0' }),
    ]);
    expect(report.steps[4]).toMatchObject({ status: 'rejected', rejectCode: 2, errorCode: 'IC0207' });
    expect(report.steps[4].rejectMessage).toContain(`at least ${limitWhileCalling - 320_880_147_387n} additional cycles`);
    expect(report.steps[4].rejectMessage).toContain('at least 8946790113 additional cycles');
    expect(report.steps[5]).toMatchObject({ status: 'rejected', errorCode: 'IC0207' });
    // the reply to the app's earlier call is processed while it is frozen: the helper's last slice answers in the
    // first iteration of round 15, the app's callback runs in the second
    const iteration = iterationsOf(report);
    expect(text(report.steps[1])).toBe('the helper answered; callback ran');
    expect(report.steps[1].completedRound).toBe(15);
    const [slow] = events('execution', { entryPoint: 'canister_update slow' });
    expect([slow.round, iteration(slow), slow.slices]).toEqual([15, 1, 14]);
    const callbacks = events('execution', { canister: app, entryPoint: 'reply callback' });
    expect(callbacks).toEqual([expect.objectContaining({ round: 15, outcome: 'ok' })]);
    expect(iteration(callbacks[0])).toBe(2);
    expect(events('frozen_changed', { canister: app, round: 15 })).toEqual([]); // still frozen when it runs
    // out of cycles: uninstalled, id and controllers kept
    expect(events('code_uninstalled')).toEqual([expect.objectContaining({ round: 16, canister: app, reason: 'out_of_cycles' })]);
    expect(report.canisters.app).toMatchObject({ empty: true, cycles: '0', moduleHash: null, controllers: [id('user')] });
    expect(report.steps[8]).toMatchObject({ status: 'rejected', errorCode: 'IC0537' });
  });

  it('07: a long message is sliced over rounds, queries meanwhile see the old state, an endless loop stops at IC0522', async () => {
    const { report, events } = await run('07-time-slicing');
    const sumSlices = events('execution_slice', { entryPoint: 'canister_update sum' });
    expect(sumSlices.map((e) => e.round)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(sumSlices.every((e) => e.slices === 16)).toBe(true);
    expect(sumSlices.slice(0, 15).every((e) => e.instructions === '2000000')).toBe(true);
    expect(events('execution', { entryPoint: 'canister_update sum' })).toEqual([
      expect.objectContaining({ round: 16, slices: 16, instructions: '30003130', outcome: 'ok' }),
    ]);
    expect(report.steps[2]).toMatchObject({ submittedRound: 5 });
    expect(text(report.steps[2])).toBe('result = 0');
    expect(report.steps[0].completedRound).toBe(16);
    expect(text(report.steps[0])).toBe('result = 2000001000000');
    // peek waited for the long message: it runs in the round sum finishes, in the iteration after sum's last slice
    const iteration = iterationsOf(report);
    const [sumDone] = events('execution', { entryPoint: 'canister_update sum' });
    const [peek] = events('execution', { entryPoint: 'canister_update peek' });
    expect([sumDone.round, iteration(sumDone)]).toEqual([16, 1]);
    expect([peek.round, iteration(peek)]).toEqual([16, 2]);
    expect(report.steps[3]).toMatchObject({ submittedRound: 5, completedRound: 16 });
    expect(text(report.steps[3])).toBe('result = 2000001000000');
    expect(text(report.steps[5])).toBe('result = 2000001000000');
    expect(report.steps[6]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0522', completedRound: 40 });
    expect(events('execution_slice', { entryPoint: 'canister_update forever' })).toHaveLength(20);
    expect(events('execution', { entryPoint: 'canister_update forever' })).toEqual([
      expect.objectContaining({ instructions: '40000000', outcome: 'trap', rolledBack: ['1 global'] }),
    ]);
    expect(text(report.steps[7])).toBe('result = 2000001000000');
  });

  it('08: an upgrade keeps stable memory and wipes the heap; a failed upgrade is rolled back', async () => {
    const { report, events } = await run('08-upgrade');
    expect(text(report.steps[2])).toBe('v1: visits=3 scratch=3');
    expect(report.steps[3].status).toBe('replied');
    expect(text(report.steps[4])).toBe('v2: visits=3 scratch=0');
    expect(text(report.steps[5])).toBe('v2: visits=6 scratch=0');
    expect(report.steps[6]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    expect(text(report.steps[7])).toBe('v2: visits=6 scratch=0');
    const upgrades = events('code_installed', { mode: 'upgrade' });
    expect(upgrades).toHaveLength(1);
    expect(report.canisters.site.moduleHash).toBe(upgrades[0].moduleHash);
    expect(report.canisters.site).toMatchObject({ stableMemoryBytes: '65536', version: '6' });
    expect(events('execution', { entryPoint: 'canister_pre_upgrade' }).map((e) => e.round)).toEqual([2, 4]);
    expect(events('execution', { entryPoint: 'canister_post_upgrade' }).map((e) => [e.round, e.outcome])).toEqual([[2, 'ok'], [4, 'trap']]);
  });

  it('09: only controllers manage a canister; without controllers it is immutable but still serves calls', async () => {
    const { report, events } = await run('09-controllers');
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0512' });
    expect(report.steps[1].status).toBe('replied');
    expect(report.steps[2].status).toBe('replied');
    expect(text(report.steps[3])).toBe('hello from v2, installed by bob');
    expect(report.steps[4].status).toBe('replied');
    expect(report.steps[5]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0512' });
    expect(report.steps[6]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0512' });
    expect(text(report.steps[7])).toBe('hello from v2, installed by bob');
    expect(report.canisters.greeter).toMatchObject({ controllers: [], status: 'running' });
    expect(events('settings_changed').map((e) => e.fields)).toEqual([['controllers'], ['controllers']]);
    expect(events('code_installed', { mode: 'upgrade' })).toHaveLength(1); // bob's, not alice's refused one
  });

  it('10: create_canister makes a new canister with the attached cycles less the fee; too few cycles come back', async () => {
    const { report, events, id } = await run('10-create-canisters');
    const factory = id('factory');
    const attached = 1_000_000_000_000n;
    expect(text(report.steps[0])).toBe('created canister #1');
    expect(text(report.steps[2])).toBe('created canister #2');
    for (const child of ['rrkah-fqaaa-aaaaa-aaaaq-cai', 'ryjl3-tyaaa-aaaaa-aaaba-cai']) {
      expect(report.canisters[child]).toMatchObject({
        id: child, status: 'running', empty: true, controllers: [factory], cycles: String(attached - CREATION_FEE),
      });
    }
    expect(events('canister_created').map((e) => e.canister)).toEqual([factory, 'rrkah-fqaaa-aaaaa-aaaaq-cai', 'ryjl3-tyaaa-aaaaa-aaaba-cai']);
    // messages to and from aaaaa-aa take the slow path through message routing: the request reaches the management
    // canister as the next round starts (before its first iteration) and is handled in that iteration; the answer
    // reaches the factory, and runs its callback, in the first iteration of the round after. Three rounds a spawn.
    const iteration = iterationsOf(report);
    expect(report.steps.map((s) => [s.submittedRound, s.completedRound])).toEqual([[0, 3], [3, 6], [6, 9]]);
    expect(events('request_sent').map((e) => [e.round, iteration(e)])).toEqual([[1, 1], [4, 1], [7, 1]]);
    expect(events('request_delivered', { to: 'aaaaa-aa' }).map((e) => [e.round, iteration(e)])).toEqual([[2, 0], [5, 0], [8, 0]]);
    expect(events('canister_created').slice(1).map((e) => [e.round, iteration(e)])).toEqual([[2, 1], [8, 1]]);
    expect(events('response_sent', { from: 'aaaaa-aa' }).map((e) => [e.round, iteration(e)])).toEqual([[2, 1], [5, 1], [8, 1]]);
    expect(events('response_delivered', { to: factory }).map((e) => [e.round, iteration(e)])).toEqual([[3, 1], [6, 1], [9, 1]]);
    expect(events('execution', { canister: factory }).filter((e) => e.context !== 'update' && e.context !== 'init')
      .map((e) => [e.round, iteration(e), e.entryPoint])).toEqual([[3, 1, 'reply callback'], [6, 1, 'reject callback'], [9, 1, 'reply callback']]);
    expect(report.rounds).toBe(9); // no empty round trails
    expect(events('request_sent').map((e) => [e.to, e.cycles, e.fee])).toEqual([
      ['aaaaa-aa', String(attached), String(XNET_CALL_FEE + 24n * XNET_BYTE_FEE)],
      ['aaaaa-aa', '100000000000', '284000'],
      ['aaaaa-aa', String(attached), '284000'],
    ]);
    // the cheap attempt: IC0403, and the 100 B attached come back with the reject
    expect(text(report.steps[1])).toMatch(/^refused: Creating a canister requires a fee of 500000000000/);
    const refused = events('response_sent', { from: 'aaaaa-aa' }).filter((e) => (e.response as { type: string }).type === 'reject');
    expect(refused).toEqual([expect.objectContaining({ refund: '100000000000', response: expect.objectContaining({ rejectCode: 4, errorCode: 'IC0403' }) })]);
    expect(events('cycles_charged', { charge: 'canister_creation' }).map((e) => e.amount)).toEqual([String(CREATION_FEE), String(CREATION_FEE)]);
  });

  it('11: a bounded-wait call ends with SYS_UNKNOWN at its deadline, once for a transfer that happened, once for one that never ran', async () => {
    const { report, events, id } = await run('11-bounded-wait');
    const [wallet, bank] = [id('wallet'), id('bank')];
    const iteration = iterationsOf(report);
    const unknown = 'no answer, reject code 6: Call deadline has expired.';
    // ic-reference.md §3.7: deadline = the round's time + 1 s, in whole seconds; it expires once before the current second
    const roundTime = (round: number) => BigInt(events('round_started').find((e) => e.round === round)!.timeNs as string);
    const sent = events('request_sent', { from: wallet });
    expect(sent.map((e) => [e.round, e.deadlineNs, e.cycles])).toEqual([
      [1, String(roundTime(1) + 1_000_000_000n), '1000000'], [6, String(roundTime(6) + 1_000_000_000n), '1000000'],
    ]);
    // the first pay: the bank starts the transfer in round 1's second iteration; round 3 times the call out, round 5 ends the transfer
    expect(events('execution_slice', { canister: bank }).filter((e) => e.entryPoint === 'canister_update transfer')
      .map((e) => [e.round, iteration(e)]).slice(0, 1)).toEqual([[1, 2]]);
    expect(events('call_timed_out').map((e) => [e.round, e.requestId, e.canister])).toEqual([[3, 0, wallet], [8, 1, wallet]]);
    expect(text(report.steps[0])).toBe(unknown);
    expect(report.steps[0].completedRound).toBe(3);
    expect(events('execution', { canister: bank, entryPoint: 'canister_update transfer' }).map((e) => e.round)).toEqual([5]);
    // the late reply is dropped unseen, its refund (all the attached cycles: the bank takes none) credited
    expect(events('response_dropped').map((e) => [e.round, e.requestId, e.canister, e.refund])).toEqual([[5, 0, wallet, '1000000']]);
    expect(text(report.steps[2])).toBe('balance = 90');
    // the second pay waits behind the audit and is dropped from the bank's queue at its deadline, cycles back
    expect(events('request_expired').map((e) => [e.round, e.requestId, e.canister, e.refund])).toEqual([[8, 1, bank, '1000000']]);
    expect(text(report.steps[4])).toBe(unknown);
    expect(text(report.steps[3])).toBe('audit done, balance = 90');
    expect(text(report.steps[6])).toBe('balance = 90');
    // no reply reservation is kept for the dropped reply: every callback's reservation came back at its timeout
    expect(events('response_delivered', { to: wallet }).map((e) => [e.round, e.refund])).toEqual([[3, '0'], [8, '0']]);
  });

  it('12: a snapshot taken before a bad upgrade brings back the code and the count; the cycles spent stay spent', async () => {
    const { report, events, id } = await run('12-snapshots');
    const counter = id('counter');
    expect(report.steps.slice(0, 3).map(text)).toEqual(['count = 1', 'count = 2', 'count = 3']);
    const [taken] = events('snapshot_taken');
    const installs = events('code_installed').map((e) => e.moduleHash);
    // ic-reference.md §12: the id is the snapshot's local number (u64, big-endian) then the canister's id bytes
    expect(taken).toMatchObject({ round: 2, canister: counter, snapshot: `${'00'.repeat(8)}00000000000000000101` });
    expect(installs).toHaveLength(2);
    expect(text(report.steps[5])).toBe('count = 10'); // the buggy version 2 lost the count
    const [loaded] = events('snapshot_loaded');
    expect(loaded).toMatchObject({ round: 5, snapshot: taken.snapshot, size: taken.size });
    expect(text(report.steps[7])).toBe('count = 3');
    expect(text(report.steps[8])).toBe('count = 4');
    expect(report.canisters.counter.moduleHash).toBe(installs[0]); // version 1's module is back
    // taking and loading cost 2 B instructions each plus the bytes (and the load, the module's compilation ÷ 100)
    const snapshotCharges = events('cycles_charged', { canister: counter }).filter((e) => e.round === 2 || e.round === 5)
      .filter((e) => e.charge === 'execution').map((e) => BigInt(e.amount as string));
    // (§5.1 execution_cost: the base fee, then 10 instructions cost `tenUpdateInstructionsExecutionFee` cycles)
    const executionCost = (instructions: bigint) => P.updateMessageExecutionFee + (instructions * P.tenUpdateInstructionsExecutionFee) / 10n;
    expect(snapshotCharges[0]).toBe(executionCost(P.canisterSnapshotBaselineInstructions + BigInt(taken.size as string)));
    expect(snapshotCharges.slice(1)).toEqual([executionCost(P.canisterSnapshotBaselineInstructions), expect.any(BigInt)]);
    expect(report.steps[9].status).toBe('replied'); // list_canister_snapshots: still there
    expect(events('snapshot_deleted')).toEqual([]);
  });
});

// ---- The Motoko track: fees from src/engine/params.ts (ic-reference.md §5.1), sizes from the Candid encoding ----
const P = IC_PARAMS;
/** Bytes of a Candid argument list as the actor receives it (`()` is the 6 bytes `DIDL\0\0`). */
const candidBytes = (types: IDL.Type[], values: unknown[]) => BigInt(IDL.encode(types, values).byteLength);
const NO_ARGS = candidBytes([], []);
const ingressFee = (method: string, argBytes: bigint) => P.ingressMessageReceptionFee + P.ingressByteReceptionFee * (BigInt(method.length) + argBytes);
const callFee = (method: string, argBytes: bigint) => P.xnetCallFee + P.xnetByteTransmissionFee * (BigInt(method.length) + argBytes);
/** Reserved when a call is sent: the largest reply, and the callback's execution at the message limit. */
const CALL_RESERVATION = P.maxReplyBytes * P.xnetByteTransmissionFee + P.updateMessageExecutionFee + P.maxInstructionsPerMessage;

function candid(step: StepReport): string {
  if (step.status !== 'replied') throw new Error(`step ${step.step} did not reply: ${step.errorCode} ${step.rejectMessage}`);
  if (step.replyCandid === undefined) throw new Error(`step ${step.step} has no Candid reply`);
  return step.replyCandid;
}

/**
 * The iteration of its round each event happened in (ic-reference.md §7.1), from the `iteration_started` before it:
 * 0 before the round's first; what a round runs after its last iteration (a query) keeps the last one.
 */
function iterationsOf(report: Report): (event: Event) => number {
  const of = new Map<Event, number>();
  let round: unknown = null;
  let current = 0;
  for (const e of report.events) {
    if (e.round !== round) { round = e.round; current = 0; }
    if (e.kind === 'iteration_started') current = Number(e.iteration);
    of.set(e, current);
  }
  return (event) => {
    const iteration = of.get(event);
    if (iteration === undefined) throw new Error(`not an event of this run: ${JSON.stringify(event)}`);
    return iteration;
  };
}

describe.each(LESSONS.filter((l) => l.track === 'motoko').map((l) => [l.id, l] as const))('[lessons] %s quotes its run', (lessonId, lesson) => {
  it('every instruction count in the narration is one of its executions\' (moc\'s output decides them)', async () => {
    const { events } = await run(lessonId);
    const counts = new Set(events('execution').map((e) => String(e.instructions)));
    const quoted = [...(doc(lesson).description ?? '').matchAll(/(\d[\d,]*) instructions/g)].map((m) => m[1].replaceAll(',', ''));
    for (const n of quoted) expect(counts.has(n), `${n} instructions`).toBe(true);
  }, 120_000);

  it('every rollback in the narration is one of its executions\'', async () => {
    const { events } = await run(lessonId);
    const rollbacks = new Set(events('execution').map((e) => (e.rolledBack as string[]).join(', ')));
    const quoted = [...(doc(lesson).description ?? '').matchAll(/`(?:rolledBack: )?(\d+ Wasm memory pages? written[^`]*)`/g)].map((m) => m[1]);
    for (const rollback of quoted) expect(rollbacks.has(rollback), rollback).toBe(true);
  }, 120_000);
});

describe('[lessons] key outcomes of the Motoko track', () => {
  it('mo-01: one module, two canisters, each with its own state that persists between calls', async () => {
    const { report, events } = await run('mo-01-actor-state');
    expect(report.steps.slice(0, 3).map(candid)).toEqual(['(1 : nat)', '(2 : nat)', '(1 : nat)']);
    expect(candid(report.steps[3])).toBe('("Guestbook of the chess club\\nalice was here\\nbob too\\n")');
    expect(candid(report.steps[4])).toBe('("Guestbook of the choir\\nalice sings\\n")');
    expect(report.canisters.chess.moduleHash).toBe(report.canisters.choir.moduleHash);
    expect([report.canisters.chess.version, report.canisters.choir.version]).toEqual(['3', '2']);
    const induction = BigInt(events('cycles_charged', { charge: 'ingress_induction' })[0].amount as string);
    expect(induction).toBe(ingressFee('sign', candidBytes([IDL.Text], ['alice was here'])));
    expect(induction).toBe(1_252_000n);
  });

  it('mo-02: a query answers at once, for free, from committed state; its changes are discarded', async () => {
    const { report, events } = await run('mo-02-query-vs-update');
    expect(report.steps[0]).toMatchObject({ status: 'replied', submittedRound: 0, completedRound: 1 });
    expect(report.steps[1]).toMatchObject({ submittedRound: 0, completedRound: 0, replyCandid: '(0 : nat)' });
    expect([3, 4, 5, 6].map((i) => candid(report.steps[i]))).toEqual(['(1 : nat)', '(2 : nat)', '(1 : nat)', '(2 : nat)']);
    expect(report.steps[6].completedRound).toBe(2);
    const [incInQuery] = events('execution', { entryPoint: 'canister_query incInQuery' });
    expect(incInQuery).toMatchObject({ context: 'non_replicated_query', outcome: 'ok' });
    expect(incInQuery.rolledBack).toContain('2 Wasm memory pages written');
    expect(events('query_executed')).toHaveLength(4);
    expect(events('cycles_charged', { charge: 'execution' })).toHaveLength(2);
    expect(BigInt(events('cycles_charged', { charge: 'ingress_induction' })[0].amount as string)).toBe(ingressFee('inc', NO_ARGS));
    const prepaid = BigInt(events('cycles_charged', { charge: 'execution' })[0].amount as string);
    const refunded = BigInt(events('cycles_refunded', { charge: 'execution' })[0].amount as string);
    const [inc] = events('execution', { entryPoint: 'canister_update inc' });
    expect(prepaid).toBe(P.updateMessageExecutionFee + P.maxInstructionsPerMessage);
    expect(prepaid - refunded).toBe(P.updateMessageExecutionFee + BigInt(inc.instructions as string));
  });

  it('mo-03: a failed assert (and a Nat below zero) traps and rolls back the change made before it', async () => {
    const { report, events } = await run('mo-03-assert-rollback');
    const untouched = '("balance = 100, withdrawals = 0")';
    expect(candid(report.steps[0])).toBe(untouched);
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503', completedRound: 1 });
    expect(report.steps[1].rejectMessage).toContain('assertion failed at Main.mo:10.5-10.29');
    expect(candid(report.steps[2])).toBe(untouched);
    expect(report.steps[3]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503', completedRound: 2 });
    expect(report.steps[3].rejectMessage).toContain('Natural subtraction underflow');
    expect(candid(report.steps[4])).toBe(untouched);
    expect(candid(report.steps[5])).toBe('(70 : nat)');
    expect(candid(report.steps[6])).toBe('("balance = 70, withdrawals = 1")');
    const trapped = events('execution', { outcome: 'trap' });
    expect(trapped.map((e) => [e.round, e.entryPoint])).toEqual([[1, 'canister_update withdraw'], [2, 'canister_update withdrawUnchecked']]);
    for (const e of trapped) expect(e.rolledBack).toContain('2 Wasm memory pages written');
    expect(report.logs.map((l) => [l.round, l.trap])).toEqual([[1, true], [2, true]]);
  });

  it('mo-04: an await is a request and a callback; a trap after it keeps the part before it', async () => {
    const { report, events, id } = await run('mo-04-await');
    const iteration = iterationsOf(report);
    expect(candid(report.steps[0])).toBe('("counter replied: count = 1")');
    expect(report.steps[0]).toMatchObject({ submittedRound: 0, completedRound: 1 });
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503', submittedRound: 1, completedRound: 2 });
    expect(report.steps[1].rejectMessage).toContain('trap after the await (count = 2)');
    expect(candid(report.steps[2])).toBe('("callsMade = 2, repliesHandled = 1")'); // before the await: kept; after: undone
    expect(candid(report.steps[3])).toBe('(2 : nat)');
    // Same subnet: the request, the callee's execution and the callback are iterations 1, 2, 3 of one round (§7.1).
    const caller = id('caller');
    expect(events('execution', { canister: caller }).filter((e) => e.context !== 'non_replicated_query').map((e) => [e.round, iteration(e), e.entryPoint, e.outcome])).toEqual([
      [0, 0, 'canister_start', 'ok'], [0, 0, 'canister_init', 'ok'],
      [1, 1, 'canister_update callCounter', 'ok'], [1, 3, 'reply callback', 'ok'],
      [2, 1, 'canister_update callThenTrap', 'ok'], [2, 3, 'reply callback', 'trap'], [2, 3, 'cleanup', 'ok'],
    ]);
    expect(events('execution', { canister: id('counter'), context: 'update' }).map((e) => [e.round, iteration(e), e.entryPoint])).toEqual([
      [1, 2, 'canister_update inc'], [2, 2, 'canister_update inc'],
    ]);
    expect(events('request_sent').map((e) => [e.round, iteration(e), e.method, e.fee, e.reserved])).toEqual([
      [1, 1, 'inc', String(callFee('inc', NO_ARGS)), String(CALL_RESERVATION)],
      [2, 1, 'inc', String(callFee('inc', NO_ARGS)), String(CALL_RESERVATION)],
    ]);
    expect(events('response_sent').map((e) => [e.round, iteration(e)])).toEqual([[1, 2], [2, 2]]);
    expect(callFee('inc', NO_ARGS)).toBe(269_000n);
    expect(CALL_RESERVATION).toBe(42_102_152_000n);
    const replyBytes = candidBytes([IDL.Nat], [1n]);
    expect(events('response_delivered')[0].reservationRefund).toBe(String(P.maxReplyBytes * P.xnetByteTransmissionFee - replyBytes * P.xnetByteTransmissionFee));
    expect(events('response_delivered')[0].reservationRefund).toBe('2097144000');
  });

  it('mo-05: throw answers with a reject and keeps the state, a trap rolls it back; try/catch gets both', async () => {
    const { report, events, id } = await run('mo-05-reject-try-catch');
    const iteration = iterationsOf(report);
    expect(report.steps.slice(0, 3).map(candid)).toEqual([
      '("bought 3, 7 left")', '("refused: only 7 left #canister_reject")', '("failed: #canister_error")',
    ]);
    // one order per round: the buyer's request, the shop's answer and the buyer's callback are its iterations 1, 2, 3
    expect(report.steps.slice(0, 3).map((s) => [s.submittedRound, s.completedRound])).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(candid(report.steps[3])).toBe('("stock = 7, orders = 2")');
    const shop = id('shop');
    expect(events('execution', { canister: shop }).filter((e) => e.context === 'update').map((e) => [e.round, iteration(e), e.outcome, e.rolledBack])).toEqual([
      [1, 2, 'ok', []], [2, 2, 'ok', []], [3, 2, 'trap', expect.arrayContaining(['2 Wasm memory pages written'])],
    ]);
    expect(events('response_sent', { from: shop }).map((e) => [e.round, iteration(e), e.response])).toEqual([
      [1, 2, { type: 'reply', bytes: 8 }],
      [2, 2, expect.objectContaining({ type: 'reject', rejectCode: 4, errorCode: 'IC0406', message: 'only 7 left' })],
      [3, 2, expect.objectContaining({ type: 'reject', rejectCode: 5, errorCode: 'IC0503' })],
    ]);
    expect(events('execution', { canister: id('buyer') }).filter((e) => e.context !== 'non_replicated_query' && e.round !== 0).map((e) => [e.round, iteration(e), e.entryPoint])).toEqual([
      [1, 1, 'canister_update buy'], [1, 3, 'reply callback'],
      [2, 1, 'canister_update buy'], [2, 3, 'reject callback'],
      [3, 1, 'canister_update buyOrTrap'], [3, 3, 'reject callback'],
    ]);
    expect(events('request_sent')[0].fee).toBe(String(callFee('order', candidBytes([IDL.Nat], [3n]))));
  });

  it('mo-06: attached cycles leave with the request; what the callee does not accept comes back', async () => {
    const { report, events, id } = await run('mo-06-cycles');
    expect(candid(report.steps[0])).toBe('("sent 400_000_000, the bank kept 400_000_000, refunded 0")');
    expect(candid(report.steps[1])).toBe('("sent 3_000_000_000, the bank kept 1_000_000_000, refunded 2_000_000_000")');
    expect(candid(report.steps[2])).toBe('(1_400_000_000 : nat)');
    const iteration = iterationsOf(report);
    // each gift in one round: the cycles leave with the request (iteration 1), the bank answers with what it did not
    // accept (iteration 2), the wallet gets it back before its callback reads `Cycles.refunded()` (iteration 3)
    expect(events('request_sent').map((e) => [e.round, iteration(e), e.from, e.cycles, e.fee])).toEqual([
      [1, 1, id('wallet'), '400000000', String(callFee('deposit', NO_ARGS))],
      [2, 1, id('wallet'), '3000000000', String(callFee('deposit', NO_ARGS))],
    ]);
    expect(events('response_sent').map((e) => [e.round, iteration(e), e.refund])).toEqual([[1, 2, '0'], [2, 2, '2000000000']]);
    expect(events('response_delivered').map((e) => [e.round, iteration(e), e.refund])).toEqual([[1, 3, '0'], [2, 3, '2000000000']]);
    const callbacks = events('execution', { canister: id('wallet'), entryPoint: 'reply callback' });
    expect(callbacks.map((e) => [e.round, iteration(e)])).toEqual([[1, 3], [2, 3]]);
    events('response_delivered').forEach((e, i) => expect(report.events.indexOf(e)).toBeLessThan(report.events.indexOf(callbacks[i])));
  });

  it('mo-07: an actor class creates a child with the attached cycles less the fee; too few are refused and come back', async () => {
    const { report, events, id } = await run('mo-07-actor-class');
    const iteration = iterationsOf(report);
    const factory = id('factory');
    const attached = 1_000_000_000_000n;
    const child = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
    expect(candid(report.steps[0])).toBe(`("${child}")`);
    expect(candid(report.steps[1])).toBe('("hello from kid (1)")');
    expect(candid(report.steps[2])).toMatch(/^\("refused: Creating a canister requires a fee of 500000000000 /);
    // create_canister sent in round 1, the child created in round 2, install_code sent in 3, installed in 4, the
    // answers in 5; the cheap attempt sent in round 7, refused in 8, caught in 9
    expect(report.steps.map((s) => [s.submittedRound, s.completedRound])).toEqual([[0, 5], [5, 6], [6, 9]]);
    expect(report.rounds).toBe(9); // no empty round trails
    expect(events('canister_created').map((e) => [e.round, iteration(e), e.canister, e.cycles, e.controllers])).toEqual([
      [0, 0, factory, '100000000000000', [id('user')]],
      [2, 1, child, String(attached - P.canisterCreationFee), [factory]],
    ]);
    expect(events('cycles_charged', { charge: 'canister_creation' }).map((e) => [e.canister, e.amount])).toEqual([[factory, String(P.canisterCreationFee)]]);
    // The factory's message to itself, and its answer, run in the next iteration of the same round. Messages to and
    // from aaaaa-aa take the slow path through message routing: a request reaches the management canister as the next
    // round starts (before its first iteration) and is handled in that iteration; its answer reaches the factory in
    // the first iteration of the round after.
    const sent = events('request_sent');
    expect(sent.map((e) => [e.round, iteration(e), e.to, e.method, e.cycles])).toEqual([
      [1, 1, factory, '__motoko_async_helper', String(attached)],
      [1, 2, 'aaaaa-aa', 'create_canister', String(attached)],
      [3, 1, 'aaaaa-aa', 'install_code', '0'],
      [7, 1, factory, '__motoko_async_helper', '100000000000'],
      [7, 2, 'aaaaa-aa', 'create_canister', '100000000000'],
    ]);
    expect(events('request_delivered', { to: 'aaaaa-aa' }).map((e) => [e.round, iteration(e)])).toEqual([[2, 0], [4, 0], [8, 0]]);
    expect(events('management_call').map((e) => [e.round, iteration(e), e.method])).toEqual([
      [2, 1, 'create_canister'], [4, 1, 'install_code'], [8, 1, 'create_canister'],
    ]);
    const answeredIn = (request: Event) => events('response_delivered', { requestId: request.requestId }).map((e) => [e.round, iteration(e)]);
    expect(sent.map(answeredIn)).toEqual([[[5, 2]], [[3, 1]], [[5, 1]], [[9, 2]], [[9, 1]]]);
    for (const e of sent) expect(e.fee).toBe(String(callFee(e.method as string, BigInt(e.bytes as number))));
    expect(sent[1].fee).toBe('341000');
    // The child's module travels in install_code. Its size is not quoted: moc embeds the child with a `name`
    // section whose invented names depend on what the process compiled before.
    expect(sent[2].bytes).toBeGreaterThan(180_000);
    expect(events('code_installed', { canister: child }).map((e) => [e.round, iteration(e), e.mode])).toEqual([[4, 1, 'install']]);
    expect(events('cycles_charged', { canister: child, charge: 'install_code' })).toHaveLength(1); // the child pays its own install
    expect(report.canisters[child]).toMatchObject({ status: 'running', empty: false, controllers: [factory] });
    const refused = events('response_sent', { from: 'aaaaa-aa' }).filter((e) => (e.response as { type: string }).type === 'reject');
    expect(refused).toEqual([expect.objectContaining({ round: 8, refund: '100000000000', response: expect.objectContaining({ rejectCode: 4, errorCode: 'IC0403' }) })]);
    expect(iteration(refused[0])).toBe(1);
  });

  it('mo-08: an upgrade keeps a persistent var through stable memory and resets a transient var', async () => {
    const { report, events } = await run('mo-08-upgrade');
    expect(report.steps.slice(0, 3).map(candid)).toEqual([1, 2, 3].map((n) => `("v1: visits = ${n}, since upgrade = ${n}")`));
    expect(report.steps[3]).toMatchObject({ status: 'replied', completedRound: 2 });
    expect(candid(report.steps[4])).toBe('("v2: visits = 3, since upgrade = 0")');
    expect(candid(report.steps[5])).toBe('("v2: visits = 4, since upgrade = 1")');
    const upgrades = events('code_installed', { mode: 'upgrade' });
    expect(upgrades).toEqual([expect.objectContaining({ round: 2 })]);
    expect(report.canisters.site).toMatchObject({ moduleHash: upgrades[0].moduleHash, stableMemoryBytes: '65536' });
    expect(events('execution', { round: 2 }).filter((e) => e.context !== 'non_replicated_query').map((e) => [e.entryPoint, e.outcome])).toEqual([
      ['canister_pre_upgrade', 'ok'], ['canister_start', 'ok'], ['canister_post_upgrade', 'ok'],
    ]);
    const [install] = events('ingress_submitted', { method: 'install_code' });
    const [induction] = events('cycles_charged', { round: 2, charge: 'ingress_induction' });
    expect(induction.amount).toBe(String(ingressFee('install_code', BigInt(install.argBytes as number))));
    expect(induction.amount).toBe('332496000');
  });

  it('mo-09: the timer fires in the first round past its deadline and its job runs in that round', async () => {
    const { report, events } = await run('mo-09-timer');
    const iteration = iterationsOf(report);
    expect(report.steps[0]).toMatchObject({ status: 'replied', completedRound: 1 });
    expect(report.steps[2]).toMatchObject({ completedRound: 4, replyCandid: '(0 : nat)' });
    expect(report.steps[5]).toMatchObject({ completedRound: 5, replyCandid: '(1 : nat)' });
    const [arm] = events('execution', { entryPoint: 'canister_update arm' });
    expect(arm.systemCalls).toMatchObject({ time: 1, global_timer_set: 1 });
    expect(events('time_advanced')).toEqual([expect.objectContaining({ round: 4, seconds: '60' })]);
    const startOf = new Map(events('round_started').map((e) => [e.round as number, BigInt(e.timeNs as string)]));
    const deadline = startOf.get(1)! + 60n * 1_000_000_000n;
    const firstPast = [...startOf].find(([, t]) => t >= deadline)![0];
    expect(firstPast).toBe(5);
    expect(startOf.get(5)! - startOf.get(1)!).toBe(64n * 1_000_000_000n); // 00:01:04, as the narration says
    // In that round: the timer (iteration 1), Motoko's helper message that starts the due job (2), the job `ring` (3).
    const fired = report.events.filter((e) => e.round === firstPast && (e.kind === 'execution' || e.kind === 'log') && e.context !== 'non_replicated_query');
    expect(fired.map((e) => [iteration(e), e.kind === 'log' ? `log ${e.text}` : e.entryPoint])).toEqual([
      [1, 'canister_global_timer'],
      [2, 'canister_update __motoko_async_helper'],
      [3, 'log ring! (1)'], [3, 'canister_update __motoko_async_helper'], [3, 'reply callback'],
      [4, 'reply callback'],
    ]);
    expect(events('execution', { entryPoint: 'canister_global_timer' })).toEqual([expect.objectContaining({ round: firstPast, outcome: 'ok' })]);
    expect(report.logs).toEqual([expect.objectContaining({ round: firstPast, text: 'ring! (1)', trap: false })]);
  });

  it('mo-10: await (with timeout = 1) throws #system_unknown at its deadline, once for a transfer that happened, once for one that never ran', async () => {
    const { report, events, id } = await run('mo-10-bounded-wait');
    const [wallet, bank] = [id('wallet'), id('bank')];
    const iteration = iterationsOf(report);
    const unknown = '("no answer, #system_unknown: Call deadline has expired. Clean reject: false")';
    // ic-reference.md §3.7: deadline = the round's time + the timeout, in whole seconds; it expires once before the current second
    const roundTime = (round: number) => BigInt(events('round_started').find((e) => e.round === round)!.timeNs as string);
    const sent = events('request_sent', { from: wallet });
    expect(sent.map((e) => [e.round, iteration(e), e.method, e.deadlineNs, e.cycles, e.fee])).toEqual([1, 6].map((round) =>
      [round, 1, 'transfer', String(roundTime(round) + 1_000_000_000n), '1000000', String(callFee('transfer', NO_ARGS))]));
    // `(with timeout = 1; cycles = 1_000_000)`: moc makes the call bounded-wait and attaches the cycles
    for (const pay of events('execution', { canister: wallet, entryPoint: 'canister_update pay' })) {
      expect(pay.systemCalls).toMatchObject({ call_with_best_effort_response: 1, call_cycles_add128: 1 });
    }
    // the first pay: the bank slices the transfer from round 1's second iteration to round 5; round 3 times the call out
    expect(events('execution_slice', { canister: bank, entryPoint: 'canister_update transfer' }).map((e) => [e.round, iteration(e)]))
      .toEqual([[1, 2], [2, 1], [3, 1], [4, 1], [5, 1]]);
    expect(events('call_timed_out').map((e) => [e.round, iteration(e), e.requestId, e.canister])).toEqual([
      [3, 0, sent[0].requestId, wallet], [8, 0, sent[1].requestId, wallet],
    ]);
    // the catch block runs in the reject callback, in the round's first iteration
    expect(events('execution', { canister: wallet, entryPoint: 'reject callback' }).map((e) => [e.round, iteration(e), e.outcome]))
      .toEqual([[3, 1, 'ok'], [8, 1, 'ok']]);
    expect(candid(report.steps[0])).toBe(unknown);
    expect(report.steps[0].completedRound).toBe(3);
    // the transfer ends in round 5 and answers with all the cycles (the bank takes none); nobody waits: dropped, refund credited
    expect(events('execution', { canister: bank, entryPoint: 'canister_update transfer' }).map((e) => [e.round, e.slices])).toEqual([[5, 5]]);
    expect(events('response_sent', { from: bank }).map((e) => [e.round, iteration(e), e.requestId, e.refund])).toEqual([[5, 1, sent[0].requestId, '1000000']]);
    expect(events('response_dropped').map((e) => [e.round, iteration(e), e.requestId, e.canister, e.refund])).toEqual([[5, 2, sent[0].requestId, wallet, '1000000']]);
    const walletCyclesAfter = (round: number) => BigInt((events('round_finished').find((e) => e.round === round)!.balances as { canister: string; cycles: string }[])
      .find((b) => b.canister === wallet)!.cycles);
    expect(walletCyclesAfter(5) - walletCyclesAfter(4)).toBe(1_000_000n); // the wallet runs nothing in round 5
    expect(candid(report.steps[2])).toBe('(90 : nat)');
    // the second pay waits behind the audit (sliced over rounds 6 to 12) and is dropped from the bank's queue at its deadline, cycles back
    expect(events('execution_slice', { canister: bank, entryPoint: 'canister_update audit' }).map((e) => [e.round, iteration(e)]))
      .toEqual([6, 7, 8, 9, 10, 11, 12].map((round) => [round, 1]));
    expect(events('request_expired').map((e) => [e.round, iteration(e), e.requestId, e.canister, e.refund])).toEqual([[8, 0, sent[1].requestId, bank, '1000000']]);
    expect(candid(report.steps[4])).toBe(unknown);
    expect(report.steps[4].completedRound).toBe(8);
    expect(report.steps[3]).toMatchObject({ completedRound: 12, replyCandid: '("audit done, balance = 90")' });
    expect(candid(report.steps[6])).toBe('(90 : nat)');
    // the system's reject at the deadline carries no cycles: they come back with the dropped reply or the expired request
    expect(events('response_delivered', { to: wallet }).map((e) => [e.round, e.refund])).toEqual([[3, '0'], [8, '0']]);
  });
});
