/**
 * `canister-playground export --icp-cli <dir> scenario.json` and the app's Export button (issue 15): the scenario
 * played once (its report gives the test's expected values), then written out as an icp-cli project.
 */
import type { RunOptions } from '../scenario/scenarioSession.ts';
import type { Scenario } from '../scenario/scenarioTypes.ts';
import { icpProjectFiles, type ProjectFiles } from './icpProject.ts';
import { plannedCanisters, replayPlan, type ReplayPlan } from './replayPlan.ts';

export type { ProjectFiles };
/** The project's files, how many canisters it has, and the run they were made from (its actions and report). */
export type ExportResult = { ok: true; files: ProjectFiles; canisters: number; plan: ReplayPlan } | { ok: false; error: string };

export async function exportIcpProject(scenario: Scenario, options: RunOptions = {}): Promise<ExportResult> {
  const planned = await replayPlan(scenario, options);
  if (!planned.ok) return planned;
  const { plan } = planned;
  return { ok: true, files: icpProjectFiles(plan, options.readSource), canisters: plannedCanisters(plan).length, plan };
}
