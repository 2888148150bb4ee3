/**
 * A step's expectation in the results, in words (docs/SCENARIO-EXTENSIONS.md "Expectations"): held or not against
 * the step's response at the playhead, or not decided yet while the response is pending (the runner decides at the
 * end of the run; at the playhead a pending call may still be answered).
 */
import type { StepExpectationReport, StepReport } from '../../scenario/reportTypes.ts';

export type ExpectationState = 'held' | 'not-held' | 'waiting';

export interface ExpectationText {
  readonly state: ExpectationState;
  /** The mark shown before it; the text says the same in words, so colour and mark are never the only cue. */
  readonly mark: string;
  readonly text: string;
}

const MARKS: Readonly<Record<ExpectationState, string>> = { held: '✓', 'not-held': '✗', waiting: '…' };

/**
 * "Expectations so far: 3 hold · 1 does not hold · 2 not answered yet", over every step applied up to the playhead
 * (the results list shows only the newest); null when no step has `expect`.
 */
export function expectationSummary(reports: readonly StepReport[]): string | null {
  const counts: Record<ExpectationState, number> = { held: 0, 'not-held': 0, waiting: 0 };
  let any = false;
  for (const report of reports) {
    for (const entry of report.expectations ?? []) {
      any = true;
      counts[describeExpectation(entry, report.status === 'pending').state]++;
    }
  }
  if (!any) return null;
  const parts = [
    counts.held > 0 && `${counts.held} ${counts.held === 1 ? 'holds' : 'hold'}`,
    counts['not-held'] > 0 && `${counts['not-held']} ${counts['not-held'] === 1 ? 'does' : 'do'} not hold`,
    counts.waiting > 0 && `${counts.waiting} not answered yet`,
  ].filter(Boolean);
  return `Expectations so far: ${parts.join(' · ')}`;
}

export function describeExpectation(entry: StepExpectationReport, pending: boolean): ExpectationText {
  const state: ExpectationState = pending ? 'waiting' : entry.pass ? 'held' : 'not-held';
  const text = state === 'waiting' ? `expects ${entry.what} ${entry.expected}: not answered yet`
    : state === 'held' ? `holds: ${entry.what} ${entry.expected}${entry.seen === entry.expected ? '' : ` (${entry.seen})`}`
      : `does not hold: ${entry.what} expected ${entry.expected}, seen ${entry.seen}`;
  return { state, mark: MARKS[state], text };
}
