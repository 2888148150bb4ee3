/**
 * A workspace's scenario as autosave stores it: the JSON of everything but its steps (the head), and its steps' JSON
 * in chunks of `STEPS_PER_CHUNK`, each a record of its own. Autosave writes after every move of the playhead and
 * every Step: writing a workspace of 64,000 steps whole (2.6 MB of JSON, made again each time) cost each Step at its
 * end about 25 ms (issue 16, target 2). Now a save writes what changed since the last one: at the end of the script,
 * the last chunk. Each step's JSON is made once (steps are never changed: a changed step is a new object).
 */
import type { Scenario, Step } from '../../scenario/scenarioTypes.ts';

export const STEPS_PER_CHUNK = 2048;

/** What to write for a scenario, given the one written before: the head if it changed, the chunks that did. */
export interface ScenarioWrite {
  readonly head: string | null;
  readonly chunks: readonly (readonly [index: number, json: string])[];
  /** How many chunks the scenario has (those from here on are to be deleted). */
  readonly chunkCount: number;
}

export function createScenarioWriter(): (scenario: Scenario, before: Scenario | null) => ScenarioWrite {
  const jsonOfStep = new WeakMap<Step, string>();
  const stepJson = (step: Step): string => {
    let json = jsonOfStep.get(step);
    if (json === undefined) jsonOfStep.set(step, json = JSON.stringify(step));
    return json;
  };
  return (scenario, before) => {
    const { steps, ...head } = scenario;
    const sameHead = before !== null && sameValues(head, before);
    const chunkCount = Math.ceil(steps.length / STEPS_PER_CHUNK);
    const previous = before?.steps ?? [];
    let same = 0;
    while (same < steps.length && same < previous.length && steps[same] === previous[same]) same++;
    // A chunk is written again when a step in it changed, or it has a different number of steps.
    const firstChanged = same === steps.length && steps.length === previous.length ? chunkCount : Math.floor(same / STEPS_PER_CHUNK);
    const chunks: [number, string][] = [];
    for (let index = firstChanged; index < chunkCount; index++) {
      chunks.push([index, steps.slice(index * STEPS_PER_CHUNK, (index + 1) * STEPS_PER_CHUNK).map(stepJson).join(',')]);
    }
    return { head: sameHead ? null : JSON.stringify(head), chunks, chunkCount };
  };
}

/** The scenario's JSON text from its stored head and chunks (`steps` comes last; the order of keys means nothing). */
export function joinStoredScenario(head: string, chunks: readonly string[]): string {
  const steps = chunks.filter((c) => c !== '').join(',');
  return `${head.slice(0, -1)}${head === '{}' ? '' : ','}"steps":[${steps}]}`;
}

/** Whether `head` has the keys of `before` but `steps`, each with the same value (by identity). */
function sameValues(head: Record<string, unknown>, before: Scenario): boolean {
  const keys = Object.keys(head);
  if (keys.length !== Object.keys(before).length - 1) return false;
  return keys.every((key) => head[key] === (before as unknown as Record<string, unknown>)[key]);
}
