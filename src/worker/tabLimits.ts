/**
 * What one browser tab takes on, checked by the engine worker before it records a workspace (docs/SCENARIO-EXTENSIONS.md
 * "The playground's own resource limits"). The headless runner has a machine's memory and no page to draw; a tab
 * shares a few GiB with the page, draws every user and canister, and keeps the whole recorded trace on the main
 * thread. A workspace over these limits is refused with a message naming the place and the limit, before anything
 * is recorded, so the workspace that was open stays open; nothing here changes what a scenario does when it runs
 * (the same scenario under the limits gives the same report in Node and in the browser).
 */
import type { Scenario } from '../scenario/scenarioTypes.ts';
import { DEFAULT_RUN_LIMITS, runLimitProblem, type RunLimits } from '../scenario/runLimits.ts';

/**
 * The engine's own resource limits (params.ts "Playground resource limits": memory held, canisters) are parameters;
 * the worker plays every workspace with them capped at these (`BROWSER_PLAYGROUND_LIMITS`: 1 GiB, 500 canisters),
 * a scenario's own lower values kept. The workspace keeps the `subnet` its author wrote: exported or shared, it runs
 * in Node under Node's defaults, with the same report as long as it stays under the tab's caps.
 */
export function withParamCaps(scenario: Scenario, caps: Readonly<Record<string, string>>): Scenario {
  const params: Record<string, string> = { ...scenario.subnet?.params };
  for (const [name, cap] of Object.entries(caps)) {
    const own = params[name];
    // A value that is not a decimal is left for the parameter check to refuse with its message.
    const keep = own !== undefined && (!/^[0-9]+$/.test(own) || BigInt(own) < BigInt(cap));
    params[name] = keep ? own : cap;
  }
  return { ...scenario, subnet: { ...scenario.subnet, params } };
}

/** The workspace as its author wrote it: the played one with the `subnet` it was opened with. */
export function asWritten(played: Scenario, subnet: Scenario['subnet']): Scenario {
  if (subnet !== undefined) return { ...played, subnet };
  const { subnet: _capped, ...rest } = played;
  return rest as Scenario;
}

/**
 * A tab's run limits (`RunLimits`, src/scenario/runLimits.ts), lower than the runner's: the page draws every user and
 * keeps the whole recorded trace, and opening a workspace records all of it before anything is shown (an idle round
 * alone leaves two events; 1,000,000 ticked rounds could not be sent to the page at all). A workspace whose users or
 * ticks are over them is refused before anything is recorded; one whose recording reaches the rounds or the events
 * (waiting calls, the drain) is refused after, the workspace that was open kept in both cases.
 */
export const TAB_RUN_LIMITS: RunLimits = {
  ...DEFAULT_RUN_LIMITS, // the CPU a run may take: the runner's
  scope: 'a browser tab (the headless runner takes more)',
  maxUsers: 1_000,
  maxRoundsPerRun: 100_000,
  maxTraceEvents: 2_000_000,
};

/** Why this scenario is over the tab's limits before it runs, naming the place; null when it fits. */
export function tabLimitProblem(scenario: Scenario): string | null {
  return runLimitProblem(scenario, TAB_RUN_LIMITS);
}
