/**
 * A step's expectation in the results, in words (docs/SCENARIO-EXTENSIONS.md "Expectations"): held or not against
 * the step's response at the playhead, or not decided yet while the response is pending (the runner decides at the
 * end of the run; at the playhead a pending call may still be answered).
 */
import type { ExpectationReport } from '../../scenario/reportTypes.ts';

export type ExpectationState = 'held' | 'not-held' | 'waiting';

export interface ExpectationText {
  readonly state: ExpectationState;
  /** The mark shown before it; the text says the same in words, so colour and mark are never the only cue. */
  readonly mark: string;
  readonly text: string;
}

const MARKS: Readonly<Record<ExpectationState, string>> = { held: '✓', 'not-held': '✗', waiting: '…' };

export function describeExpectation(entry: ExpectationReport, pending: boolean): ExpectationText {
  const state: ExpectationState = pending ? 'waiting' : entry.pass ? 'held' : 'not-held';
  const text = state === 'waiting' ? `expects ${entry.what} ${entry.expected}: not answered yet`
    : state === 'held' ? `holds: ${entry.what} ${entry.expected}${entry.seen === entry.expected ? '' : ` (${entry.seen})`}`
      : `does not hold: ${entry.what} expected ${entry.expected}, seen ${entry.seen}`;
  return { state, mark: MARKS[state], text };
}
