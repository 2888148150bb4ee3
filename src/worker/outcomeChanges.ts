/**
 * What an outcome carries of the step reports and the workspace: only what changed since the previous outcome.
 * Playing 30 rounds a second with hundreds of steps, sending every report and the whole scenario each round
 * cost more (structured clone, then garbage) than the round itself. The worker computes the changes, the
 * main thread applies them; both sides are these pure functions.
 */
import type { StepReport } from '../scenario/reportTypes.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';

/**
 * Reports that are new or may have changed (a pending call completes later); `step` is each one's index. The UI knows
 * every report sent since the last load, also those past the playhead (sent while it was further on), and shows the
 * first `count`: a seek forward over steps whose reports it already has sends none of them (issue 16, target 1).
 */
export interface StepReportChanges {
  /** Steps applied at the playhead: the UI shows the first `count` reports it knows. */
  readonly count: number;
  /** How many of the reports known before stay known: all, but after a fork, which replaced what followed the playhead. */
  readonly keep: number;
  readonly changed: readonly StepReport[];
}

/** The whole workspace (after `load` and `seek`), or its steps from `keep` on (a step applied, ticks merged). */
export type WorkspaceChange =
  | { readonly type: 'whole'; readonly scenario: Scenario }
  | { readonly type: 'steps'; readonly keep: number; readonly steps: readonly Step[] };

/**
 * Worker side: the reports to send, given those the UI knows (null: none) of which the first `keep` stay, and the
 * `count` steps applied at the playhead's `round`, each rendered by `render` only if it may have changed; and the
 * reports the UI knows afterwards (the next `known`). A report changes only by its call completing, or, when the
 * playhead moves back, by becoming pending again: one known settled, completed by the playhead's round, is the same
 * (the history up to the playhead is the one it was rendered in: only a fork changes history, and it changes only
 * what follows the playhead, whose reports it drops by `keep`; a report that completed after the playhead was rendered
 * again there, pending). So a step forward renders the new and pending reports only, not every report of the
 * workspace (issue 16: 16,000 steps cost 10.8 ms a step, rendering them all), and a seek forward sends only those of
 * steps it had not passed before.
 */
/** Whether a report rendered earlier is still what rendering it at `round` gives: settled, completed by then. */
export function settledReport(report: StepReport, round: number): boolean {
  return report.status !== 'pending' && (report.completedRound ?? 0) <= round;
}

/** Whether a report rendered anew is sent: new, pending, or other than the one the UI has. */
export function reportToSend(before: StepReport | undefined, report: StepReport): boolean {
  return before === undefined || before.status === 'pending' || before.status !== report.status || before.completedRound !== report.completedRound;
}

export function stepReportChanges(
  known: readonly StepReport[] | null, keep: number, count: number, round: number, render: (index: number) => StepReport,
): { changes: StepReportChanges; reports: StepReport[] } {
  const kept = known === null ? 0 : Math.min(keep, known.length);
  const reports: StepReport[] = new Array(Math.max(count, kept));
  const changed: StepReport[] = [];
  for (let i = 0; i < count; i++) {
    const before = i < kept ? known![i] : undefined;
    if (before !== undefined && settledReport(before, round)) {
      reports[i] = before;
      continue;
    }
    const report = render(i);
    reports[i] = report;
    if (reportToSend(before, report)) changed.push(report);
  }
  for (let i = count; i < kept; i++) reports[i] = known![i];
  return { changes: { count, keep: kept, changed }, reports };
}

/**
 * Worker side: the whole workspace (`keep` null), or its steps after the first `keep` the UI has unchanged
 * (`ScenarioPlayer.unchangedStepsSinceAsked`). Copies: the player's steps array grows in place.
 */
export function workspaceChange(current: Scenario, keep: number | null): WorkspaceChange {
  if (keep === null) return { type: 'whole', scenario: { ...current, steps: current.steps.slice() } };
  return { type: 'steps', keep, steps: current.steps.slice(keep) };
}

/** Main-thread side: the reports known after the outcome (it shows the first `changes.count`). */
export function applyStepReportChanges(known: readonly StepReport[], changes: StepReportChanges): StepReport[] {
  const next = known.slice(0, changes.keep);
  for (const report of changes.changed) next[report.step] = report;
  return next;
}

/** Main-thread side: the reports shown, the first `count` of those known. */
export function shownStepReports(known: readonly StepReport[], count: number): readonly StepReport[] {
  return known.length === count ? known : known.slice(0, count);
}

/** Main-thread side; null when only steps came and there is no workspace to apply them to. */
export function applyWorkspaceChange(previous: Scenario | null, change: WorkspaceChange): Scenario | null {
  if (change.type === 'whole') return change.scenario;
  if (!previous) return null;
  // Unchanged (a Step behind the end): the same workspace, so that nothing derived from it (its autosaved JSON) is
  // made again.
  if (change.steps.length === 0 && change.keep === previous.steps.length) return previous;
  // One array made (`concat`, not spreading): a step at the end of 16,000 copied them twice (issue 16, target 2).
  const kept = change.keep === previous.steps.length ? previous.steps : previous.steps.slice(0, change.keep);
  return { ...previous, steps: kept.concat(change.steps) };
}
