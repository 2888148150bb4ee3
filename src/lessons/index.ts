/**
 * The built-in lessons of the browser app, in two tracks, each in teaching order: one scenario per concept of the
 * seed documents, each with Markdown narration (`description`) and a label on every call and management step. The
 * WAT track writes every canister in inline WAT; the Motoko track (`motoko/`) shows the same concepts as a Motoko
 * programmer meets them, with inline Motoko sources (compiled when the lesson is opened). Sources are inline so the
 * browser can load a lesson without files; the app imports only `lessonCatalog.ts` and loads each lesson's file
 * when it is opened. tests/lessons.test.ts runs each one and checks the outcome its
 * narration promises.
 */
import codeAndState from './01-code-and-state.json';
import updateVsQuery from './02-update-vs-query.json';
import trapRollback from './03-trap-rollback.json';
import interCanister from './04-inter-canister.json';
import cycles from './05-cycles.json';
import freezing from './06-freezing.json';
import timeSlicing from './07-time-slicing.json';
import upgrade from './08-upgrade.json';
import controllers from './09-controllers.json';
import createCanisters from './10-create-canisters.json';
import boundedWait from './11-bounded-wait.json';
import snapshots from './12-snapshots.json';
import moActorState from './motoko/mo-01-actor-state.json';
import moQueryVsUpdate from './motoko/mo-02-query-vs-update.json';
import moAssertRollback from './motoko/mo-03-assert-rollback.json';
import moAwait from './motoko/mo-04-await.json';
import moRejectTryCatch from './motoko/mo-05-reject-try-catch.json';
import moCycles from './motoko/mo-06-cycles.json';
import moActorClass from './motoko/mo-07-actor-class.json';
import moUpgrade from './motoko/mo-08-upgrade.json';
import moTimer from './motoko/mo-09-timer.json';
import moBoundedWait from './motoko/mo-10-bounded-wait.json';
import bugReentrancy from './bugs/bug-01-reentrancy.json';
import bugTrapAfterAwait from './bugs/bug-02-trap-after-await.json';
import bugSysUnknown from './bugs/bug-03-sys-unknown.json';
import bugStopStuck from './bugs/bug-04-stop-stuck.json';
import bugFrozenReplies from './bugs/bug-05-frozen-replies.json';
import exStableCounter from './exercises/ex-01-stable-counter.json';
import exHandleReject from './exercises/ex-02-handle-reject.json';
import exReentrancy from './exercises/ex-03-reentrancy.json';
import exSplitLongWork from './exercises/ex-04-split-long-work.json';
import exOwnerOnly from './exercises/ex-05-owner-only.json';
import exCyclesRefund from './exercises/ex-06-cycles-refund.json';
import exCallAndForward from './exercises/ex-07-call-and-forward.json';
import moExStableCounter from './exercises/mo-ex-01-stable-counter.json';
import moExTryCatch from './exercises/mo-ex-02-try-catch.json';
import { LESSON_CATALOG, type LessonEntry } from './lessonCatalog.ts';

export { LESSON_TRACKS, type LessonTrack } from './lessonCatalog.ts';

/** A lesson with its scenario loaded: for Node and the tests (the app lists `LESSON_CATALOG` and loads on demand). */
export interface Lesson extends LessonEntry {
  /** A `canister-playground/scenario@1` document; load it with `parseScenario(JSON.stringify(scenario))`. */
  readonly scenario: unknown;
}

const SCENARIOS: Readonly<Record<string, unknown>> = {
  '01-code-and-state': codeAndState,
  '02-update-vs-query': updateVsQuery,
  '03-trap-rollback': trapRollback,
  '04-inter-canister': interCanister,
  '05-cycles': cycles,
  '06-freezing': freezing,
  '07-time-slicing': timeSlicing,
  '08-upgrade': upgrade,
  '09-controllers': controllers,
  '10-create-canisters': createCanisters,
  '11-bounded-wait': boundedWait,
  '12-snapshots': snapshots,
  'mo-01-actor-state': moActorState,
  'mo-02-query-vs-update': moQueryVsUpdate,
  'mo-03-assert-rollback': moAssertRollback,
  'mo-04-await': moAwait,
  'mo-05-reject-try-catch': moRejectTryCatch,
  'mo-06-cycles': moCycles,
  'mo-07-actor-class': moActorClass,
  'mo-08-upgrade': moUpgrade,
  'mo-09-timer': moTimer,
  'mo-10-bounded-wait': moBoundedWait,
  'bug-01-reentrancy': bugReentrancy,
  'bug-02-trap-after-await': bugTrapAfterAwait,
  'bug-03-sys-unknown': bugSysUnknown,
  'bug-04-stop-stuck': bugStopStuck,
  'bug-05-frozen-replies': bugFrozenReplies,
  'ex-01-stable-counter': exStableCounter,
  'ex-02-handle-reject': exHandleReject,
  'ex-03-reentrancy': exReentrancy,
  'ex-04-split-long-work': exSplitLongWork,
  'ex-05-owner-only': exOwnerOnly,
  'ex-06-cycles-refund': exCyclesRefund,
  'ex-07-call-and-forward': exCallAndForward,
  'mo-ex-01-stable-counter': moExStableCounter,
  'mo-ex-02-try-catch': moExTryCatch,
};

/** Every lesson, in the catalogue's order, with its scenario. */
export const LESSONS: readonly Lesson[] = LESSON_CATALOG.map((entry) => ({ ...entry, scenario: SCENARIOS[entry.id] }));
