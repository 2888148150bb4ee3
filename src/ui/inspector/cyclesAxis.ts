/**
 * The cycles chart's vertical axis: its range and tick labels. "From zero" shows the whole balance; "zoom" shows the
 * balance's own range, so a charge of a few million on 100 T is a visible step, and takes the freezing limit in when
 * it is near (within the balance's span), so a balance approaching it is seen approaching it.
 */
import { formatAmount } from '../graph/formatAmount.ts';
import type { CyclesPoint } from './cyclesSeries.ts';
import { niceTicks } from './niceTicks.ts';

export type CyclesScale = 'zoom' | 'zero';

export interface AxisTick {
  readonly value: number;
  readonly label: string;
}

export interface CyclesAxis {
  readonly lo: number;
  readonly hi: number;
  readonly ticks: readonly AxisTick[];
  /**
   * Set when short labels ("99.9T") cannot tell the ticks apart: the ticks below the top one then read as
   * differences from it ("−10M"), and this is the top tick's exact value, for the note under the chart.
   */
  readonly base: bigint | null;
  /** Where the freezing limit of the last round lies when the range leaves it out. */
  readonly limitOutside: 'below' | 'above' | null;
}

export function cyclesAxis(points: readonly CyclesPoint[], scale: CyclesScale): CyclesAxis {
  const [lo, hi] = valueRange(points, scale);
  const ticks = niceTicks(lo, hi);
  const values = [...ticks.values].reverse();
  const exact = values.every((v) => shortLabelIsExact(toBigInt(v)));
  const top = toBigInt(ticks.hi);
  const labelled = values.map((value, i): AxisTick => ({
    value,
    label: exact ? formatAmount(String(toBigInt(value)))
      : i === 0 ? (shortLabelIsExact(top) ? formatAmount(String(top)) : '0')
      : `−${formatAmount(String(top - toBigInt(value)))}`,
  }));
  const limit = lastFreezingLimit(points);
  return {
    lo: ticks.lo,
    hi: ticks.hi,
    ticks: labelled,
    base: exact ? null : top,
    limitOutside: limit === null ? null : Number(limit) < ticks.lo ? 'below' : Number(limit) > ticks.hi ? 'above' : null,
  };
}

function valueRange(points: readonly CyclesPoint[], scale: CyclesScale): [number, number] {
  const balances = points.map((p) => Number(p.cycles));
  const limits = points.flatMap((p) => (p.freezingLimit === null ? [] : [Number(p.freezingLimit)]));
  // `reduce`, not `Math.max(...)`: a chart of 100,000 rounds has more points than a call's arguments can hold.
  const everything = balances.concat(limits).reduce((a, b) => Math.max(a, b), 1);
  if (scale === 'zero' || balances.length === 0) return [0, everything];
  let lo = balances.reduce((a, b) => Math.min(a, b));
  let hi = balances.reduce((a, b) => Math.max(a, b));
  const span = hi - lo;
  // An unchanging balance has no range of its own to zoom to.
  if (span === 0) return [0, everything];
  for (const limit of limits) {
    if (limit < lo - span || limit > hi + span) continue;
    lo = Math.min(lo, limit);
    hi = Math.max(hi, limit);
  }
  return [lo, hi];
}

/** The freezing limit of the last round that has one (the set-up has none). */
export function lastFreezingLimit(points: readonly CyclesPoint[]): bigint | null {
  for (let at = points.length - 1; at >= 0; at--) if (points[at].freezingLimit !== null) return points[at].freezingLimit;
  return null;
}

function toBigInt(value: number): bigint {
  return BigInt(Math.round(value));
}

const UNIT_SIZES: Readonly<Record<string, bigint>> = { T: 10n ** 12n, B: 10n ** 9n, M: 10n ** 6n, K: 10n ** 3n, '': 1n };

/** Whether `formatAmount` shows the value without truncating it ("1.25T" yes, "99.9T" for 99.95 T no). */
function shortLabelIsExact(value: bigint): boolean {
  const match = /^(-?)(\d+)(?:\.(\d+))?([TBMK]?)$/.exec(formatAmount(String(value)));
  if (!match) return false;
  const [, sign, whole, fraction = '', unit] = match;
  const size = UNIT_SIZES[unit];
  const magnitude = BigInt(whole) * size + (BigInt(fraction || '0') * size) / 10n ** BigInt(fraction.length);
  return (sign ? -magnitude : magnitude) === value;
}
