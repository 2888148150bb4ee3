/** [ui/inspector] chartPoints keeps, per column, what the lines and the axis need, and nothing of a short series. */
import { describe, expect, it } from 'vitest';
import { chartPoints } from './chartPoints.ts';
import type { CyclesPoint } from './cyclesSeries.ts';

/** A deterministic wobbling balance, with the freezing limit stepping up now and then. */
function series(length: number): CyclesPoint[] {
  let x = 7;
  return Array.from({ length }, (_, round) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return { round, cycles: 10n ** 12n - BigInt(round) * 1000n + BigInt(x % 5000), freezingLimit: round === 0 ? null : 10n ** 9n + BigInt(Math.floor(round / 97)) };
  });
}

describe('[ui/inspector] chartPoints', () => {
  it.each([10, 200, 1_199])('draws a series of %i points over 300 columns as it is', (length) => {
    const points = series(length);
    expect(chartPoints(points, 300)).toBe(points);
  });

  it.each([[5_000, 300], [10_001, 300], [10_001, 37]])('%i points over %i columns: per column its first, last and extremes, in order', (length, columns) => {
    const points = series(length);
    const kept = chartPoints(points, columns);
    expect(kept.length).toBeLessThanOrEqual(columns * 6 + 6);
    expect(kept.length).toBeLessThan(points.length / 3);
    expect(kept.map((p) => p.round)).toEqual([...kept.map((p) => p.round)].sort((a, b) => a - b));
    expect(new Set(kept.map((p) => p.round)).size).toBe(kept.length);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points.at(-1));
    // Column by column, the kept points span the same balances and limits as all of the column's points.
    const columnOf = (p: CyclesPoint) => Math.floor((p.round / (length - 1)) * columns);
    for (let column = 0; column <= columns; column++) {
      const all = points.filter((p) => columnOf(p) === column);
      const some = kept.filter((p) => columnOf(p) === column);
      const range = (list: CyclesPoint[], of: (p: CyclesPoint) => bigint | null) => {
        const values = list.map(of).filter((v) => v !== null).sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
        return [values[0], values.at(-1)];
      };
      expect(range(some, (p) => p.cycles), `column ${column}`).toEqual(range(all, (p) => p.cycles));
      expect(range(some, (p) => p.freezingLimit), `column ${column}`).toEqual(range(all, (p) => p.freezingLimit));
    }
  });
});
