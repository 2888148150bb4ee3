/**
 * A scenario's check at the playhead, in words (docs/SCENARIO-EXTENSIONS.md "Checks"): one judged at the end reads as
 * holding or not now; one judged at every round as having held at every round so far, or as failing first at a
 * round (which the panel offers to go to).
 */
import type { CheckExpectationReport } from '../../scenario/reportTypes.ts';

export interface CheckText {
  readonly pass: boolean;
  /** The mark shown before it; the words say the same, so colour and mark are never the only cue. */
  readonly mark: string;
  /** The check's label, else what it checks. */
  readonly title: string;
  readonly text: string;
  /** The round a check judged at every round first failed at (the panel's "Go to round"), else null. */
  readonly failedAt: number | null;
}

export function describeCheckReport(report: CheckExpectationReport): CheckText {
  const title = report.label ?? report.what;
  const about = report.label !== undefined ? ` (${report.what})` : '';
  const everyRound = report.when === 'everyRound';
  const seen = report.seen === report.expected ? '' : `: ${report.seen}`;
  const text = report.pass
    ? `${everyRound ? 'has held at every round so far' : 'holds now'}${about}${seen}`
    : `${everyRound ? `failed in round ${report.round}` : 'does not hold now'}${about}: expected ${report.expected}, seen ${report.seen}`;
  return { pass: report.pass, mark: report.pass ? '✓' : '✗', title, text, failedAt: everyRound && !report.pass ? report.round : null };
}

/** "Checks: 3 hold · 1 fails". */
export function checkSummary(reports: readonly CheckExpectationReport[]): string {
  const failing = reports.filter((r) => !r.pass).length;
  const holding = reports.length - failing;
  const parts = [
    holding > 0 && `${holding} ${holding === 1 ? 'holds' : 'hold'}`,
    failing > 0 && `${failing} ${failing === 1 ? 'fails' : 'fail'}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'none';
}
