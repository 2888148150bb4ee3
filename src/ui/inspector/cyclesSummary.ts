/**
 * The cycles chart in one sentence (its aria-label, and the text under it): the balance after the round, how far it
 * is from the freezing limit and on which side, and how it changed since the first round on the chart.
 */
import { groupDigits } from '../graph/formatAmount.ts';
import type { CyclesPoint } from './cyclesSeries.ts';
import { signedDigits } from './signedDigits.ts';

export function cyclesSummary(points: readonly CyclesPoint[], round: number): string {
  // From the end: the playhead is mostly at the last rounds, and the chart is drawn at every Step (issue 16, target 2).
  let at = points.length - 1;
  while (at >= 0 && points[at].round > round) at--;
  const point = points[at];
  if (!point) return 'No round has finished yet.';
  const balance = `balance ${groupDigits(String(point.cycles))} cycles`;
  if (point.freezingLimit === null) return `After the set-up (round ${point.round}): ${balance}.`;
  const limit = groupDigits(String(point.freezingLimit));
  const gap = point.cycles - point.freezingLimit;
  const position = gap >= 0n
    ? `${groupDigits(String(gap))} above its freezing limit of ${limit}`
    : `${groupDigits(String(-gap))} below its freezing limit of ${limit}: frozen`;
  const first = points[0];
  const change = first === point ? '' : ` Since round ${first.round}: ${signedDigits(point.cycles - first.cycles)}.`;
  return `After round ${point.round}: ${balance}, ${position}.${change}`;
}
