import { describe, expect, it } from 'vitest';
import { cyclesAxis } from './cyclesAxis.ts';
import type { CyclesPoint } from './cyclesSeries.ts';

const series = (...pairs: [number, number][]): CyclesPoint[] =>
  pairs.map(([cycles, freezingLimit], i) => ({ round: i + 1, cycles: BigInt(cycles), freezingLimit: BigInt(freezingLimit) }));

/** Lesson 5's client: 100 T, then charged millions and reserving 42 B per call, with a limit of 20 M. */
const HUNDRED_T = series([99_999_994_249_481, 20_214_120], [99_957_885_615_945, 20_214_120], [99_999_981_764_014, 20_214_120]);
/** Lesson 6's app: 400 B, 321 B after a week of storage, a limit of 329 B. */
const NEAR_LIMIT = series([399_955_000_000, 329_184_000_000], [397_812_000_000, 329_184_000_000], [321_029_129_919, 329_184_000_000]);
/** Lesson 6 before the week: charges of a few millions, the limit 70 B away. */
const FAR_ABOVE_LIMIT = series([399_999_000_000, 329_184_000_000], [399_955_000_000, 329_184_000_000], [397_812_000_000, 329_184_000_000]);

describe('[ui/inspector] cyclesAxis', () => {
  it.each([
    { name: '100 T from zero', points: HUNDRED_T, scale: 'zero', labels: ['100T', '75T', '50T', '25T', '0'], base: null, limitOutside: null },
    { name: '100 T zoomed: differences from the top tick', points: HUNDRED_T, scale: 'zoom', labels: ['100T', '−20B', '−40B', '−60B'], base: 100_000_000_000_000n, limitOutside: 'below' },
    { name: 'near the limit zoomed: the limit is in range', points: NEAR_LIMIT, scale: 'zoom', labels: ['400B', '380B', '360B', '340B', '320B'], base: null, limitOutside: null },
    { name: 'far above the limit zoomed: the limit is below the chart', points: FAR_ABOVE_LIMIT, scale: 'zoom', labels: ['400B', '399B', '398B', '397B'], base: null, limitOutside: 'below' },
    { name: 'an unchanging balance zoomed shows it from zero', points: series([5_000, 0], [5_000, 0]), scale: 'zoom', labels: ['6K', '4K', '2K', '0'], base: null, limitOutside: null },
  ] as const)('$name', ({ points, scale, labels, base, limitOutside }) => {
    const axis = cyclesAxis(points, scale);
    expect(axis.ticks.map((t) => t.label)).toEqual(labels);
    expect(axis.base).toBe(base);
    expect(axis.limitOutside).toBe(limitOutside);
    for (const p of points) {
      expect(Number(p.cycles)).toBeGreaterThanOrEqual(axis.lo);
      expect(Number(p.cycles)).toBeLessThanOrEqual(axis.hi);
    }
  });

  it('tick labels with differences are exact: each tick is the top minus its label', () => {
    const axis = cyclesAxis(series([99_999_998_790_000, 0], [99_999_997_580_000, 0]), 'zoom');
    expect(axis.base).not.toBeNull();
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
    expect(axis.ticks.length).toBeLessThanOrEqual(5);
    expect(new Set(axis.ticks.map((t) => t.label)).size).toBe(axis.ticks.length);
  });

  it('a chart of 300,000 rounds: the range of every point, without overflowing the stack', () => {
    const points = Array.from({ length: 300_000 }, (_, i): CyclesPoint => ({ round: i, cycles: BigInt(1_000_000 + i), freezingLimit: 999_000n }));
    for (const scale of ['zoom', 'zero'] as const) {
      const axis = cyclesAxis(points, scale);
      expect(axis.lo).toBeLessThanOrEqual(scale === 'zero' ? 0 : 1_000_000);
      expect(axis.hi).toBeGreaterThanOrEqual(1_299_999);
    }
  });
});
