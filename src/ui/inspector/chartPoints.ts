/**
 * The points of the cycles chart worth drawing: a long run has a point per round, far more than the plot has pixel
 * columns, and a polyline of 10,000 points was most of what the inspector cost each time the playhead moved (issue
 * 16, target 6). Per column (a bucket of rounds) the first and last point and those with the lowest and highest
 * balance and freezing limit are kept, in round order: the lines then cover the same pixels (the M4 reduction), the
 * range of the axis is the same, and so are the first and last point.
 */
import type { CyclesPoint } from './cyclesSeries.ts';

export function chartPoints(points: readonly CyclesPoint[], columns: number): readonly CyclesPoint[] {
  // Only when there are several points per column: a short series is drawn as it is, dot by dot.
  if (points.length <= columns * 4) return points;
  const first = points[0].round;
  const span = Math.max(1, points[points.length - 1].round - first);
  const kept: CyclesPoint[] = [];
  let start = 0;
  while (start < points.length) {
    const column = Math.floor(((points[start].round - first) / span) * columns);
    let end = start + 1;
    while (end < points.length && Math.floor(((points[end].round - first) / span) * columns) === column) end++;
    const chosen = new Set<number>([start, end - 1]);
    const extreme = (better: (a: CyclesPoint, b: CyclesPoint) => boolean) => {
      let best = start;
      for (let i = start + 1; i < end; i++) if (better(points[i], points[best])) best = i;
      chosen.add(best);
    };
    extreme((a, b) => a.cycles < b.cycles);
    extreme((a, b) => a.cycles > b.cycles);
    extreme((a, b) => a.freezingLimit !== null && (b.freezingLimit === null || a.freezingLimit < b.freezingLimit));
    extreme((a, b) => a.freezingLimit !== null && (b.freezingLimit === null || a.freezingLimit > b.freezingLimit));
    for (const i of [...chosen].sort((a, b) => a - b)) kept.push(points[i]);
    start = end;
  }
  return kept;
}
