/**
 * Short labels for big decimal amounts (cycles, instructions): "100T", "2.14B", "7.07K". The trace carries
 * amounts as decimal strings because they exceed 2^53, so the arithmetic is done in bigint.
 */
const UNITS: readonly (readonly [bigint, string])[] = [
  [1_000_000_000_000n, 'T'],
  [1_000_000_000n, 'B'],
  [1_000_000n, 'M'],
  [1_000n, 'K'],
];

/** Three significant digits, truncated (so a balance just under 1T never reads "1000B" or "1.00T"). */
export function formatAmount(value: string): string {
  let amount: bigint;
  try {
    amount = BigInt(value);
  } catch {
    return value;
  }
  const sign = amount < 0n ? '-' : '';
  const abs = amount < 0n ? -amount : amount;
  for (const [scale, unit] of UNITS) {
    if (abs < scale) continue;
    const whole = abs / scale;
    if (whole >= 100n) return `${sign}${whole}${unit}`;
    const decimals = whole >= 10n ? 1 : 2;
    const fraction = ((abs % scale) * 10n ** BigInt(decimals)) / scale;
    const digits = fraction.toString().padStart(decimals, '0').replace(/0+$/, '');
    return `${sign}${whole}${digits ? `.${digits}` : ''}${unit}`;
  }
  return `${sign}${abs}`;
}

/** An amount with its full value grouped by thousands, for tooltips ("1,000,000"). */
export function groupDigits(value: string): string {
  return /^-?\d+$/.test(value) ? value.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : value;
}
