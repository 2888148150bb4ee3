/**
 * The inspector's marker for a global this round changed: for an integer the difference in the global's own
 * wrapping arithmetic ("+1 this round", also when an i32.add overflows), for a float "changed this round"; null
 * when it holds what it held at the start of the round.
 */
import type { GlobalView } from '../../worker/protocol.ts';
import { signedDigits } from './signedDigits.ts';

const INTEGER_BITS: Readonly<Record<string, number>> = { i32: 32, i64: 64 };

export function globalChange({ type, value, atRoundStart }: GlobalView): string | null {
  if (value === atRoundStart) return null;
  const bits = INTEGER_BITS[type];
  if (bits === undefined || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(atRoundStart)) return 'changed this round';
  return `${signedDigits(BigInt.asIntN(bits, BigInt(value) - BigInt(atRoundStart)))} this round`;
}
