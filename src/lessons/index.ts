/**
 * The built-in lessons of the browser app, in two tracks, each in teaching order: one scenario per concept of the
 * seed documents, each with Markdown narration (`description`) and a label on every call and management step. The
 * WAT track writes every canister in inline WAT; the Motoko track (`motoko/`) shows the same concepts as a Motoko
 * programmer meets them, with inline Motoko sources (compiled when the lesson is opened). Sources are inline so the
 * browser can load a lesson without files. tests/lessons.test.ts runs each one and checks the outcome its
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
import moActorState from './motoko/mo-01-actor-state.json';
import moQueryVsUpdate from './motoko/mo-02-query-vs-update.json';
import moAssertRollback from './motoko/mo-03-assert-rollback.json';
import moAwait from './motoko/mo-04-await.json';
import moRejectTryCatch from './motoko/mo-05-reject-try-catch.json';
import moCycles from './motoko/mo-06-cycles.json';
import moActorClass from './motoko/mo-07-actor-class.json';
import moUpgrade from './motoko/mo-08-upgrade.json';
import moTimer from './motoko/mo-09-timer.json';

/** The language a lesson's canisters are written in; the lesson picker groups lessons by it. */
export type LessonTrack = 'wat' | 'motoko';

/** The tracks in the order the picker shows them, with their group labels. */
export const LESSON_TRACKS: readonly { readonly track: LessonTrack; readonly label: string }[] = [
  { track: 'wat', label: 'WAT' },
  { track: 'motoko', label: 'Motoko' },
];

export interface Lesson {
  /** Stable identifier: the file name without `.json`. */
  readonly id: string;
  readonly title: string;
  /** The concept the lesson makes visible, in one line. */
  readonly concept: string;
  /** The language its canisters are written in. */
  readonly track: LessonTrack;
  /** A `canister-playground/scenario@1` document; load it with `parseScenario(JSON.stringify(scenario))`. */
  readonly scenario: unknown;
}

const WAT_LESSONS: readonly Omit<Lesson, 'track'>[] = [
  { id: '01-code-and-state', title: codeAndState.title, concept: 'A canister bundles code (a Wasm module) and state that persists between messages', scenario: codeAndState },
  { id: '02-update-vs-query', title: updateVsQuery.title, concept: 'Updates go through rounds, commit and are paid; queries are immediate, free, and their changes are discarded', scenario: updateVsQuery },
  { id: '03-trap-rollback', title: trapRollback.title, concept: 'A trap rolls back every change of its execution', scenario: trapRollback },
  { id: '04-inter-canister', title: interCanister.title, concept: 'Inter-canister calls and callbacks; a trap after an await rolls back to the last outgoing call; cleanup', scenario: interCanister },
  { id: '05-cycles', title: cycles.title, concept: 'Cycles pay for execution, bandwidth (the caller prepays the reply, the rest is refunded) and memory', scenario: cycles },
  { id: '06-freezing', title: freezing.title, concept: 'Below its freezing limit a canister refuses new calls but still takes replies; at zero cycles it is uninstalled', scenario: freezing },
  { id: '07-time-slicing', title: timeSlicing.title, concept: 'Instruction limits and deterministic time slicing', scenario: timeSlicing },
  { id: '08-upgrade', title: upgrade.title, concept: 'Upgrades wipe the heap and keep stable memory; a failed upgrade is rolled back', scenario: upgrade },
  { id: '09-controllers', title: controllers.title, concept: 'Controllers manage a canister; with no controllers it is immutable', scenario: controllers },
  { id: '10-create-canisters', title: createCanisters.title, concept: 'A canister creates canisters with attached cycles, less the creation fee', scenario: createCanisters },
];

const MOTOKO_LESSONS: readonly Omit<Lesson, 'track'>[] = [
  { id: 'mo-01-actor-state', title: moActorState.title, concept: 'An actor\'s variables are the canister\'s state: they persist between messages, one state per canister', scenario: moActorState },
  { id: 'mo-02-query-vs-update', title: moQueryVsUpdate.title, concept: 'A public func is an update (a round, committed, paid); a query func answers at once, free, its changes discarded', scenario: moQueryVsUpdate },
  { id: 'mo-03-assert-rollback', title: moAssertRollback.title, concept: 'A failed assert (or any trap) rolls back every change of the message', scenario: moAssertRollback },
  { id: 'mo-04-await', title: moAwait.title, concept: 'An await splits a method into two messages; a trap after it rolls back only the part after it', scenario: moAwait },
  { id: 'mo-05-reject-try-catch', title: moRejectTryCatch.title, concept: 'throw answers with a reject and keeps the state, a trap rolls it back; the caller catches both with try/catch', scenario: moRejectTryCatch },
  { id: 'mo-06-cycles', title: moCycles.title, concept: 'Cycles attached to a call with (with cycles = n); the callee accepts part, the rest is refunded', scenario: moCycles },
  { id: 'mo-07-actor-class', title: moActorClass.title, concept: 'An actor class creates a child canister with the attached cycles, less the creation fee', scenario: moActorClass },
  { id: 'mo-08-upgrade', title: moUpgrade.title, concept: 'An upgrade keeps a persistent actor\'s var (through stable memory) and resets a transient var', scenario: moUpgrade },
  { id: 'mo-09-timer', title: moTimer.title, concept: 'Timer.setTimer wakes the canister up when the subnet\'s clock passes the deadline', scenario: moTimer },
];

/** Every lesson: the WAT track, then the Motoko track. */
export const LESSONS: readonly Lesson[] = [
  ...WAT_LESSONS.map((lesson) => ({ ...lesson, track: 'wat' as const })),
  ...MOTOKO_LESSONS.map((lesson) => ({ ...lesson, track: 'motoko' as const })),
];
