import { describe, expect, it } from 'vitest';
import { cyclesSeries } from './cyclesSeries.ts';

describe('[ui/inspector] cyclesSeries', () => {
  it('reads one point per round for the canister', () => {
    const events = [
      { kind: 'round_started', round: 1 },
      { kind: 'round_finished', round: 1, balances: [{ canister: 'a', cycles: '100', freezingLimit: '10' }, { canister: 'b', cycles: '7', freezingLimit: '0' }] },
      { kind: 'round_finished', round: 2, balances: [{ canister: 'a', cycles: '90', freezingLimit: '10' }] },
    ];
    expect(cyclesSeries(events, 'a')).toEqual([{ round: 1, cycles: 100, freezingLimit: 10 }, { round: 2, cycles: 90, freezingLimit: 10 }]);
    expect(cyclesSeries(events, 'b')).toHaveLength(1);
  });
});
