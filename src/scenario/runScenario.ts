/**
 * Runs a scenario on a fresh subnet and produces its report (SCENARIO.md). Set-up creates and installs the
 * canisters in order; each step is applied; then rounds run until the subnet is idle or `maxRounds` rounds
 * of final drain have run. Unusable input is an error value naming the place; everything a canister does
 * (traps, rejects, running out of cycles) is a result in the report.
 */
import type { Subnet } from '../engine/index.ts';
import { ScenarioSession, type RunOptions } from './scenarioSession.ts';
import type { Report } from './reportTypes.ts';
import type { Scenario } from './scenarioTypes.ts';

export type { RunOptions };
export type RunResult = { ok: true; report: Report; subnet: Subnet } | { ok: false; error: string };
export type PlayResult = { ok: true; session: ScenarioSession } | { ok: false; error: string };

export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const played = await playScenario(scenario, options);
  if (!played.ok) return played;
  return { ok: true, report: played.session.report(), subnet: played.session.subnet };
}

/** Set-up, every step, the final drain; the session is left for the caller to report on (the runner writes JSON). */
export async function playScenario(scenario: Scenario, options: RunOptions = {}): Promise<PlayResult> {
  const started = await ScenarioSession.start(scenario, options);
  if (!started.ok) return started;
  const session = started.session;
  for (const step of scenario.steps) {
    const applied = session.apply(step);
    if (!applied.ok) return applied;
  }
  session.drain();
  return { ok: true, session };
}
