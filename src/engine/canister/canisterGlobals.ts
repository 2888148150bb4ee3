/**
 * A canister's own mutable globals as the inspector shows them: named, typed, their committed values (a paused long
 * message's are not committed yet) and their values at the start of the round, so a change this round can be seen.
 * v128 and reference globals are left out: they have no number to show.
 */
import type { CanisterRuntime, GlobalValue } from './canisterRuntime.ts';

export type NumericGlobalType = 'i32' | 'i64' | 'f32' | 'f64';

export interface CanisterGlobal {
  /** The source's `$name`, else the module's own name for it (name section, export), else `global <index>`. */
  readonly name: string;
  readonly type: NumericGlobalType;
  /** Decimal: i32 and i64 exactly (signed), floats as the shortest text that reads back as the same value. */
  readonly value: string;
  /** The value at the start of `round`; equal to `value` unless a commit in `round` changed it. */
  readonly atRoundStart: string;
}

const NUMERIC: ReadonlySet<string> = new Set<NumericGlobalType>(['i32', 'i64', 'f32', 'f64']);

/**
 * `round` is the subnet's current round. `sourceNames` are the `$names` of the source the module was compiled from
 * (`compileWat`'s `globalNames`), for modules that carry no name section.
 */
export function canisterGlobals(
  runtime: CanisterRuntime, round: number, sourceNames: ReadonlyMap<number, string> = new Map(),
): CanisterGlobal[] {
  const now = runtime.committedGlobals();
  const atStart = runtime.globalsAtRoundStart(round);
  const shown: CanisterGlobal[] = [];
  runtime.prepared.info.mutableGlobals.forEach(({ index, name, type }, i) => {
    if (!NUMERIC.has(type)) return;
    const numeric = type as NumericGlobalType;
    shown.push({
      name: sourceNames.get(index) ?? name ?? `global ${index}`,
      type: numeric,
      value: globalText(numeric, now[i]),
      atRoundStart: globalText(numeric, atStart[i]),
    });
  });
  return shown;
}

function globalText(type: NumericGlobalType, value: GlobalValue): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'number') return '?';
  if (Object.is(value, -0)) return '-0';
  return type === 'f32' ? shortestF32(value) : String(value);
}

/** An f32 read as a double prints as 0.10000000149011612; the shortest decimal of the same f32 is 0.1. */
function shortestF32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}
