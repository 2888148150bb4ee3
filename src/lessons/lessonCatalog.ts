/**
 * What the lesson picker needs to list the built-in lessons — id, title, concept, track — without their scenarios,
 * which are loaded when a lesson is opened (`loadLessonScenario`): the lessons are content that grows, and the
 * app's initial JavaScript should not grow with it. `index.ts` joins each entry to its scenario for Node and the
 * tests; tests/lessons.test.ts checks that every title here is its scenario's title.
 */

/** The language a lesson's canisters are written in; the lesson picker groups lessons by it. */
export type LessonTrack = 'wat' | 'motoko';

/** The tracks in the order the picker shows them, with their group labels. */
export const LESSON_TRACKS: readonly { readonly track: LessonTrack; readonly label: string }[] = [
  { track: 'wat', label: 'WAT' },
  { track: 'motoko', label: 'Motoko' },
];

/**
 * A lesson shows a concept happen; a famous bug shows a real class of bug happen, with the invariant (a check,
 * docs/SCENARIO-EXTENSIONS.md "Checks") that catches it; an exercise asks the learner to write a canister's code, and
 * checks it ("Exercises"). The picker lists famous bugs and exercises in groups of their own.
 */
export type LessonKind = 'lesson' | 'famous-bug' | 'exercise';

/** The picker's groups after the tracks' lessons, in its order. */
export const LESSON_KIND_GROUPS: readonly { readonly kind: Exclude<LessonKind, 'lesson'>; readonly label: string }[] = [
  { kind: 'famous-bug', label: 'Famous bugs' },
  { kind: 'exercise', label: 'Exercises' },
];

export interface LessonEntry {
  /** Stable identifier: the file name without `.json`. */
  readonly id: string;
  /** The scenario's title. */
  readonly title: string;
  /** The concept the lesson makes visible, in one line. */
  readonly concept: string;
  /** The language its canisters are written in. */
  readonly track: LessonTrack;
  readonly kind: LessonKind;
}

/**
 * A lesson's chunk: its scenario file, and in the built app the scenario read and its WAT sources compiled
 * (`scripts/compiledLessons.ts`).
 */
type JsonModule = Promise<{ default: unknown; parsed?: unknown; compiledWat?: unknown }>;

/** Every lesson in teaching order, with the dynamic import of its scenario file (one chunk per lesson). */
const LESSON_FILES: readonly (Omit<LessonEntry, 'kind'> & { readonly kind?: LessonKind; readonly load: () => JsonModule })[] = [
  { id: '01-code-and-state', track: 'wat', title: 'A canister is code plus state', concept: 'A canister bundles code (a Wasm module) and state that persists between messages', load: () => import('./01-code-and-state.json') },
  { id: '02-update-vs-query', track: 'wat', title: 'Update calls and query calls', concept: 'Updates go through rounds, commit and are paid; queries are immediate, free, and their changes are discarded', load: () => import('./02-update-vs-query.json') },
  { id: '03-trap-rollback', track: 'wat', title: 'A trap rolls everything back', concept: 'A trap rolls back every change of its execution', load: () => import('./03-trap-rollback.json') },
  { id: '04-inter-canister', track: 'wat', title: 'Calls between canisters, and a trap after an await', concept: 'Inter-canister calls and callbacks; a trap after an await rolls back to the last outgoing call; cleanup', load: () => import('./04-inter-canister.json') },
  { id: '05-cycles', track: 'wat', title: 'Cycles: execution, bandwidth and memory', concept: 'Cycles pay for execution, bandwidth (the caller prepays the reply, the rest is refunded) and memory', load: () => import('./05-cycles.json') },
  { id: '06-freezing', track: 'wat', title: 'Freezing threshold, and uninstalled at zero', concept: 'Below its freezing limit a canister refuses new calls but still takes replies; at zero cycles it is uninstalled', load: () => import('./06-freezing.json') },
  { id: '07-time-slicing', track: 'wat', title: 'Instruction limits and time slicing', concept: 'Instruction limits and deterministic time slicing', load: () => import('./07-time-slicing.json') },
  { id: '08-upgrade', track: 'wat', title: 'Upgrades and stable memory', concept: 'Upgrades wipe the heap and keep stable memory; a failed upgrade is rolled back', load: () => import('./08-upgrade.json') },
  { id: '09-controllers', track: 'wat', title: 'Controllers, and an immutable canister', concept: 'Controllers manage a canister; with no controllers it is immutable', load: () => import('./09-controllers.json') },
  { id: '10-create-canisters', track: 'wat', title: 'A canister that creates canisters', concept: 'A canister creates canisters with attached cycles, less the creation fee', load: () => import('./10-create-canisters.json') },
  { id: '11-bounded-wait', track: 'wat', title: 'Bounded-wait calls: SYS_UNKNOWN means unknown', concept: 'A bounded-wait call may end with SYS_UNKNOWN at its deadline: the call may or may not have happened', load: () => import('./11-bounded-wait.json') },
  { id: '12-snapshots', track: 'wat', title: 'Snapshots: a way back from a bad upgrade', concept: 'A snapshot keeps code, memories and globals; loading it undoes a bad upgrade, but not the cycles spent', load: () => import('./12-snapshots.json') },
  { id: 'mo-01-actor-state', track: 'motoko', title: 'Motoko: an actor keeps its state', concept: 'An actor\'s variables are the canister\'s state: they persist between messages, one state per canister', load: () => import('./motoko/mo-01-actor-state.json') },
  { id: 'mo-02-query-vs-update', track: 'motoko', title: 'Motoko: update and query', concept: 'A public func is an update (a round, committed, paid); a query func answers at once, free, its changes discarded', load: () => import('./motoko/mo-02-query-vs-update.json') },
  { id: 'mo-03-assert-rollback', track: 'motoko', title: 'Motoko: assert traps and rolls back', concept: 'A failed assert (or any trap) rolls back every change of the message', load: () => import('./motoko/mo-03-assert-rollback.json') },
  { id: 'mo-04-await', track: 'motoko', title: 'Motoko: await is two messages; a trap after it', concept: 'An await splits a method into two messages; a trap after it rolls back only the part after it', load: () => import('./motoko/mo-04-await.json') },
  { id: 'mo-05-reject-try-catch', track: 'motoko', title: 'Motoko: throw, try and catch', concept: 'throw answers with a reject and keeps the state, a trap rolls it back; the caller catches both with try/catch', load: () => import('./motoko/mo-05-reject-try-catch.json') },
  { id: 'mo-06-cycles', track: 'motoko', title: 'Motoko: cycles attached to a call, and refunded', concept: 'Cycles attached to a call with (with cycles = n); the callee accepts part, the rest is refunded', load: () => import('./motoko/mo-06-cycles.json') },
  { id: 'mo-07-actor-class', track: 'motoko', title: 'Motoko: an actor class creates a canister', concept: 'An actor class creates a child canister with the attached cycles, less the creation fee', load: () => import('./motoko/mo-07-actor-class.json') },
  { id: 'mo-08-upgrade', track: 'motoko', title: 'Motoko: an upgrade keeps var and resets transient var', concept: 'An upgrade keeps a persistent actor\'s var (through stable memory) and resets a transient var', load: () => import('./motoko/mo-08-upgrade.json') },
  { id: 'mo-09-timer', track: 'motoko', title: 'Motoko: a timer fires', concept: 'Timer.setTimer wakes the canister up when the subnet\'s clock passes the deadline', load: () => import('./motoko/mo-09-timer.json') },
  { id: 'mo-10-bounded-wait', track: 'motoko', title: 'Motoko: a bounded-wait call, and #system_unknown', concept: 'await (with timeout = n) throws #system_unknown at its deadline: the call may or may not have happened', load: () => import('./motoko/mo-10-bounded-wait.json') },
  { id: 'bug-01-reentrancy', track: 'wat', kind: 'famous-bug', title: 'Famous bug: reentrancy across an await', concept: 'Two withdrawals in flight read the same balance before their awaits: money is made', load: () => import('./bugs/bug-01-reentrancy.json') },
  { id: 'bug-02-trap-after-await', track: 'wat', kind: 'famous-bug', title: 'Famous bug: a trap after an await rolls back only the callback', concept: 'What happened before the await is committed; a trap in the callback loses only the bookkeeping after it', load: () => import('./bugs/bug-02-trap-after-await.json') },
  { id: 'bug-03-sys-unknown', track: 'wat', kind: 'famous-bug', title: 'Famous bug: a SYS_UNKNOWN transfer treated as failed', concept: 'SYS_UNKNOWN means the call may or may not have happened: refunding on it makes money', load: () => import('./bugs/bug-03-sys-unknown.json') },
  { id: 'bug-04-stop-stuck', track: 'wat', kind: 'famous-bug', title: 'Famous bug: stop_canister stuck on an outstanding call', concept: 'A canister stops only when no call is open on it: a long outstanding call keeps it stopping', load: () => import('./bugs/bug-04-stop-stuck.json') },
  { id: 'bug-05-frozen-replies', track: 'wat', kind: 'famous-bug', title: 'Famous bug: a frozen canister refuses calls but its replies still arrive', concept: 'Below its freezing limit a canister refuses new calls, yet responses to its own calls are still delivered', load: () => import('./bugs/bug-05-frozen-replies.json') },
  { id: 'ex-01-stable-counter', track: 'wat', kind: 'exercise', title: 'Exercise: a counter that survives an upgrade', concept: 'An upgrade wipes the heap: what must survive goes through stable memory', load: () => import('./exercises/ex-01-stable-counter.json') },
  { id: 'ex-02-handle-reject', track: 'wat', kind: 'exercise', title: 'Exercise: handle a reject instead of trapping', concept: 'A callee may reject: the reject callback answers instead of trapping', load: () => import('./exercises/ex-02-handle-reject.json') },
  { id: 'ex-03-reentrancy', track: 'wat', kind: 'exercise', title: 'Exercise: fix a reentrancy bug across an await', concept: 'State read before an await is stale after it: a withdrawal in flight must already count', load: () => import('./exercises/ex-03-reentrancy.json') },
  { id: 'ex-04-split-long-work', track: 'wat', kind: 'exercise', title: 'Exercise: split a long computation across messages', concept: 'A message has an instruction limit: long work is split across messages, its progress kept in state', load: () => import('./exercises/ex-04-split-long-work.json') },
  { id: 'ex-05-owner-only', track: 'wat', kind: 'exercise', title: 'Exercise: only the owner may count', concept: 'A canister sees who calls it (msg_caller) and may refuse: access control in the code', load: () => import('./exercises/ex-05-owner-only.json') },
  { id: 'ex-06-cycles-refund', track: 'wat', kind: 'exercise', title: 'Exercise: attach cycles, get back what was not used', concept: 'Cycles attached to a call: the callee accepts part, the caller gets the rest back', load: () => import('./exercises/ex-06-cycles-refund.json') },
  { id: 'ex-07-call-and-forward', track: 'wat', kind: 'exercise', title: 'Exercise: ask another canister and pass on its answer', concept: 'An inter-canister call: the reply arrives in a callback, which answers the original caller', load: () => import('./exercises/ex-07-call-and-forward.json') },
  { id: 'mo-ex-01-stable-counter', track: 'motoko', kind: 'exercise', title: 'Exercise (Motoko): a counter that survives an upgrade', concept: 'In a persistent actor a var survives an upgrade; a transient var does not', load: () => import('./exercises/mo-ex-01-stable-counter.json') },
  { id: 'mo-ex-02-try-catch', track: 'motoko', kind: 'exercise', title: 'Exercise (Motoko): catch a reject', concept: 'A reject from a callee is an error the caller catches with try/catch', load: () => import('./exercises/mo-ex-02-try-catch.json') },
];

/** Every lesson: the WAT track, then the Motoko track, each in teaching order; then the famous bugs; then the exercises. */
export const LESSON_CATALOG: readonly LessonEntry[] = LESSON_FILES.map(({ load: _load, kind = 'lesson', ...entry }) => ({ ...entry, kind }));

/** The lesson's `canister-playground/scenario@1` document (unparsed), fetched the first time it is asked for. */
export async function loadLessonScenario(id: string): Promise<unknown> {
  return (await loadLesson(id)).scenario;
}

/**
 * The lesson's scenario file (unparsed), and what the built app's chunk adds (absent where the lesson was not built
 * by Vite, e.g. in Node): the scenario as `parseScenario` read it at build time, and its compiled WAT sources
 * (unread: `compiledWatFromJson`).
 */
export async function loadLesson(id: string): Promise<{ scenario: unknown; parsed: unknown; compiledWat: unknown }> {
  const file = LESSON_FILES.find((l) => l.id === id);
  if (!file) throw new Error(`There is no lesson "${id}".`);
  const chunk = await file.load();
  return { scenario: chunk.default, parsed: chunk.parsed, compiledWat: chunk.compiledWat };
}
