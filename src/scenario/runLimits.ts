/**
 * The runner's own resource limits (ours, not the replica's): what one scenario run may ask of the machine. The
 * runner and the app's worker refuse a scenario over them when it is read (exit 2 and a message naming the place),
 * or, where only playing it can tell (waiting calls, the final drain, the events rounds leave), stop the run at
 * the limit and say so in the report's `limitReached` (docs/SCENARIO-EXTENSIONS.md "The playground's own resource
 * limits").
 */

import type { Scenario } from './scenarioTypes.ts';

export interface RunLimits {
  /** Who has these limits, as messages say it: "the runner", "a browser tab". */
  readonly scope: string;
  readonly maxRoundsPerRun: number;
  readonly maxTraceEvents: number;
  readonly maxUsers: number;
  readonly maxInstructionsPerRun: bigint;
  readonly maxSystemApiCallsPerRun: number;
}

/**
 * Rounds one run executes, all counted: `tick` steps, rounds waiting calls run, the final drain. A million rounds is
 * eleven days of simulated time at one second a round, and hours of playback in the app; every round leaves events
 * in the trace. Simulated time can pass without rounds: `advanceTime`.
 */
export const MAX_ROUNDS_PER_RUN = 1_000_000;

/**
 * Events the trace of one run holds: 8 million. Each takes about 200 bytes of the runner's heap (measured: 20 canisters
 * with heartbeats leave 65 events a round, 207 bytes each with everything they keep alive), so the trace stays near
 * 1.6 GiB, within the 4 GiB a Node process has by default with room to write the report; a run of half a million
 * updates (about 3.5 million events) fits. A million rounds of those 20 heartbeats would be 65 million events (13 GB):
 * the run stops at the limit instead of exhausting the heap.
 */
export const MAX_TRACE_EVENTS = 8_000_000;

/**
 * Instructions the executions of one run may use in all: 50 B, a message at the `ic` preset's 40 B limit and a
 * quarter of another (or 12 rounds of a replica thread's 4 B, ic-reference.md §6.1). Each round is bounded by the
 * replica's own limits, but nothing bounds the rounds' sum: under `ic`, a heartbeat that loops starts a
 * 40 B-instruction execution every 20 rounds, and a thousand ticks of it would keep the runner busy for minutes (the
 * engine runs a tight loop at 5–7 B instructions a second on the 2-core machine, ordinary code slower), a million
 * for hours. 50 B keep a run that loops forever under about 10–20 s. The run stops after the round that reaches the
 * limit; `--max-instructions` raises it for a run that needs more. A classroom-preset run is a thousand times
 * cheaper and never comes near it.
 */
export const MAX_INSTRUCTIONS_PER_RUN = 50_000_000_000n;

/**
 * `ic0` calls the executions of one run may make in all: 10^8. An execution is held to
 * `maxSystemApiCallsPerMessage` (20 M, params.ts), but a run of many such executions stays cheap in instructions
 * (a stable memory access is 20) and costly in time (0.1–1 µs each): this bounds them to about 10–70 s of the
 * engine's time. The run stops after the round that reaches the limit; `--max-system-api-calls` raises it.
 */
export const MAX_SYSTEM_API_CALLS_PER_RUN = 100_000_000;

/** Named users of one scenario: each gets a principal, and every report lists them all. */
export const MAX_USERS = 100_000;

/**
 * Checks of one scenario (docs/SCENARIO-EXTENSIONS.md "Checks"): those judged at every round ask their queries after
 * every round, so their number multiplies the run's work. A thousand is far more than any lesson or test needs.
 */
export const MAX_CHECKS = 1000;

/** The limits the runner and the app play under; a caller may pass lower ones (`RunOptions.limits`). */
export const DEFAULT_RUN_LIMITS: RunLimits = {
  scope: 'the runner',
  maxRoundsPerRun: MAX_ROUNDS_PER_RUN,
  maxTraceEvents: MAX_TRACE_EVENTS,
  maxUsers: MAX_USERS,
  maxInstructionsPerRun: MAX_INSTRUCTIONS_PER_RUN,
  maxSystemApiCallsPerRun: MAX_SYSTEM_API_CALLS_PER_RUN,
};

export type RunLimit = 'rounds' | 'events' | 'instructions' | 'systemApiCalls';

/**
 * What of a scenario is over `limits` before it runs, naming the place, or null: its users, its `maxRounds`, the
 * rounds its `tick` steps ask for together, its checks. Both the reader (`parseScenario`) and the app's worker (a tab's lower
 * limits, `worker/tabLimits.ts`) ask.
 */
export function runLimitProblem(scenario: Pick<Scenario, 'users' | 'maxRounds' | 'steps' | 'checks'>, limits: RunLimits): string | null {
  const { maxUsers, maxRoundsPerRun, scope } = limits;
  const most = (limit: number) => `at most ${count(limit)}; a limit of the playground, not of the IC`;
  if (scenario.users.length > maxUsers) return `users: ${count(scenario.users.length)} is more than ${scope} takes on (${most(maxUsers)})`;
  if ((scenario.maxRounds ?? 0) > maxRoundsPerRun) return `maxRounds: ${count(scenario.maxRounds)} is more than ${scope} plays (${most(maxRoundsPerRun)})`;
  let ticked = 0;
  for (const [index, step] of scenario.steps.entries()) {
    if ('tick' in step && (ticked += step.tick) > maxRoundsPerRun) {
      return `step ${index} (tick): the ticks so far add up to ${count(ticked)} rounds, more than ${scope} plays (${most(maxRoundsPerRun)}); let simulated time pass with {"advanceTime": {"seconds": "…"}} instead`;
    }
  }
  const checks = scenario.checks?.length ?? 0;
  if (checks > MAX_CHECKS) return `checks: ${count(checks)} is more than ${scope} judges (${most(MAX_CHECKS)})`;
  return null;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Why a run stopped before its steps and final drain were done (report field `limitReached`, an extension). */
export interface LimitReached {
  readonly limit: RunLimit;
  /** The round the run stopped after. */
  readonly round: number;
  /** The step whose rounds were cut short (the final drain: the number of steps). */
  readonly step: number;
  readonly message: string;
}

export function limitReachedAt(limits: RunLimits, limit: RunLimit, round: number, step: number): LimitReached {
  const what = {
    rounds: `after ${count(limits.maxRoundsPerRun)} rounds, the most`,
    events: `after its trace reached ${count(limits.maxTraceEvents)} events, the most`,
    instructions: `after its executions used ${limits.maxInstructionsPerRun.toLocaleString('en-US')} instructions, the most`,
    systemApiCalls: `after its executions made ${count(limits.maxSystemApiCallsPerRun)} System API calls, the most`,
  }[limit];
  const message = `the run stopped ${what} ${limits.scope} plays in one scenario (a limit of the playground, not of the IC): later steps were applied without rounds`;
  return { limit, round, step, message };
}
