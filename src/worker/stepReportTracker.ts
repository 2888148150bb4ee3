/**
 * The worker's side of `StepReportChanges`, kept between outcomes: the reports the UI knows and which of them may
 * still change. A step forward renders the new reports and those that may have changed since the playhead's last
 * round (pending, or completed after it), instead of looking at every report of the workspace (issue 16, target 2:
 * a step at the end of 16,000 steps read all 16,000). A move of the playhead back, a load and an undone fork take the
 * full pass (`stepReportChanges`), which the fast one must agree with (`stepReportTracker.test.ts`).
 */
import type { StepReport } from '../scenario/reportTypes.ts';
import { reportToSend, settledReport, stepReportChanges, type StepReportChanges } from './outcomeChanges.ts';

export class StepReportTracker {
  private known: StepReport[] | null = null;
  /** Indices of known reports that are not settled at `round`. */
  private unsettled = new Set<number>();
  private round = 0;

  /** Every report the UI knows after the last `update` (null before the first). */
  get reports(): readonly StepReport[] | null {
    return this.known;
  }

  /**
   * The changes to send for `count` steps applied at `round`, of the known reports the first `keep` staying (all by
   * default), each rendered by `render` only if it may have changed; `whole` when the UI knows none.
   */
  update(whole: boolean, keep: number | undefined, count: number, round: number, render: (index: number) => StepReport): StepReportChanges {
    const known = whole ? null : this.known;
    if (known === null || round < this.round) return this.fullPass(known, keep ?? known?.length ?? 0, count, round, render);
    const kept = Math.min(keep ?? known.length, known.length);
    if (kept < known.length) {
      known.length = kept;
      for (const i of this.unsettled) if (i >= kept) this.unsettled.delete(i);
    }
    const candidates = [...this.unsettled].filter((i) => i < count).sort((a, b) => a - b);
    for (let i = kept; i < count; i++) candidates.push(i);
    const changed: StepReport[] = [];
    for (const i of candidates) {
      const before = known[i];
      if (before !== undefined && settledReport(before, round)) continue;
      const report = render(i);
      known[i] = report;
      if (reportToSend(before, report)) changed.push(report);
    }
    for (const i of candidates) this.note(i, round);
    for (const i of this.unsettled) this.note(i, round);
    this.round = round;
    return { count, keep: kept, changed };
  }

  private fullPass(known: readonly StepReport[] | null, keep: number, count: number, round: number, render: (index: number) => StepReport): StepReportChanges {
    const { changes, reports } = stepReportChanges(known, keep, count, round, render);
    this.known = reports;
    this.round = round;
    this.unsettled = new Set();
    reports.forEach((_, i) => this.note(i, round));
    return changes;
  }

  private note(index: number, round: number): void {
    if (settledReport(this.known![index], round)) this.unsettled.delete(index);
    else this.unsettled.add(index);
  }
}
