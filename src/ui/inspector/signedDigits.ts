/** A balance change with its sign and grouped digits: "−1,210,000", "+2,096,152,000", "0" (a minus sign, not a hyphen). */
import { groupDigits } from '../graph/formatAmount.ts';

export function signedDigits(value: bigint): string {
  if (value === 0n) return '0';
  return `${value < 0n ? '−' : '+'}${groupDigits(String(value < 0n ? -value : value))}`;
}
