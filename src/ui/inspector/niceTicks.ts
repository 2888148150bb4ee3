/**
 * Axis ticks at round numbers (1, 2 or 5 times a power of ten) for a chart of whole numbers: cycles or rounds.
 * The range is widened to the ticks around it, so the first and last tick sit on the plot's edges.
 */
export interface Ticks {
  /** The widened range: the first and the last tick. */
  readonly lo: number;
  readonly hi: number;
  readonly step: number;
  readonly values: readonly number[];
}

const MULTIPLIERS = [1, 2, 2.5, 5];

/**
 * The smallest round step that needs at most `maxTicks` ticks. Consecutive steps grow by at most 2.5×, so the
 * chosen one gives at least 3 ticks unless the range is tiny. Steps are whole numbers (no tick between integers,
 * so no 2.5 below 25).
 */
export function niceTicks(lo: number, hi: number, maxTicks = 5): Ticks {
  if (!(hi > lo)) return niceTicks(lo, lo + 1, maxTicks);
  for (let power = 1; ; power *= 10) {
    for (const multiplier of MULTIPLIERS) {
      const step = multiplier * power;
      if (!Number.isInteger(step)) continue;
      const first = Math.floor(lo / step);
      const last = Math.ceil(hi / step);
      if (last - first + 1 > maxTicks) continue;
      const values = Array.from({ length: last - first + 1 }, (_, i) => (first + i) * step);
      return { lo: first * step, hi: last * step, step, values };
    }
  }
}
