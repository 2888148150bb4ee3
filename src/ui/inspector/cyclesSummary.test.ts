import { describe, expect, it } from 'vitest';
import { cyclesSummary } from './cyclesSummary.ts';

const POINTS = [
  { round: 0, cycles: 400_000_000_000n, freezingLimit: null },
  { round: 1, cycles: 399_955_000_000n, freezingLimit: 329_184_000_000n },
  { round: 2, cycles: 397_812_000_000n, freezingLimit: 329_184_000_000n },
  { round: 4, cycles: 321_029_129_919n, freezingLimit: 329_184_000_000n },
];

describe('[ui/inspector] cyclesSummary', () => {
  it.each([
    { round: 0, text: 'After the set-up (round 0): balance 400,000,000,000 cycles.' },
    { round: 1, text: 'After round 1: balance 399,955,000,000 cycles, 70,771,000,000 above its freezing limit of 329,184,000,000. Since round 0: −45,000,000.' },
    { round: 3, text: 'After round 2: balance 397,812,000,000 cycles, 68,628,000,000 above its freezing limit of 329,184,000,000. Since round 0: −2,188,000,000.' },
    { round: 4, text: 'After round 4: balance 321,029,129,919 cycles, 8,154,870,081 below its freezing limit of 329,184,000,000: frozen. Since round 0: −78,970,870,081.' },
  ])('at round $round', ({ round, text }) => {
    expect(cyclesSummary(POINTS, round)).toBe(text);
  });

  it('says so when no round has a balance yet', () => {
    expect(cyclesSummary([], 0)).toBe('No round has finished yet.');
  });
});
