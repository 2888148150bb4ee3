/**
 * The built-in lessons of the browser app, in teaching order: one scenario per concept of the seed documents,
 * each with Markdown narration (`description`) and a label on every call and management step. Every canister's
 * source is inline WAT so the browser can load a lesson without files. tests/lessons.test.ts runs each one and
 * checks the outcome its narration promises.
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

export interface Lesson {
  /** Stable identifier: the file name without `.json`. */
  readonly id: string;
  readonly title: string;
  /** The concept the lesson makes visible, in one line. */
  readonly concept: string;
  /** A `canister-playground/scenario@1` document; load it with `parseScenario(JSON.stringify(scenario))`. */
  readonly scenario: unknown;
}

export const LESSONS: readonly Lesson[] = [
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
