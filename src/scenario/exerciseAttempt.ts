/**
 * An exercise played with the learner's code (docs/SCENARIO-EXTENSIONS.md "Exercises"): the exercise's canister is
 * set up from `code`, every `install_code` step for it installs `code`, and the steps are the exercise's own (its
 * `steps`, else the scenario's). The result is an ordinary scenario: the runner and the app judge it by its
 * expectations and checks, as any other.
 */
import type { Exercise, Scenario, Source, Step } from './scenarioTypes.ts';

export function exerciseAttempt(scenario: Scenario & { exercise: Exercise }, code: Source): Scenario {
  const { exercise } = scenario;
  const name = exercise.canister;
  const steps = (exercise.steps ?? scenario.steps).map((step): Step => (
    'manage' in step && step.manage.method === 'install_code' && step.manage.canister === name ? { manage: { ...step.manage, source: code } } : step
  ));
  return {
    ...scenario,
    canisters: scenario.canisters.map((canister) => (canister.name === name ? { ...canister, source: code } : canister)),
    steps,
  };
}

/** Whether the scenario is an exercise. */
export function isExercise(scenario: Scenario | null): scenario is Scenario & { exercise: Exercise } {
  return scenario?.exercise !== undefined;
}

/**
 * The exercise with the steps it is judged with written down (`exercise.steps`), as the app opens it: the workspace's
 * steps grow and fork as the learner tries things, what "solved" means does not. Other scenarios are returned as they are.
 */
export function withJudgedSteps(scenario: Scenario): Scenario {
  if (!isExercise(scenario) || scenario.exercise.steps) return scenario;
  return { ...scenario, exercise: { ...scenario.exercise, steps: scenario.steps } };
}
