/** The cycles chart's data: a canister's balance and freezing limit at the end of every round (from the trace). */
import type { EventView } from '../../worker/protocol.ts';

export interface CyclesPoint {
  readonly round: number;
  readonly cycles: number;
  readonly freezingLimit: number;
}

export function cyclesSeries(events: readonly EventView[], canisterId: string): CyclesPoint[] {
  const points: CyclesPoint[] = [];
  for (const event of events) {
    if (event.kind !== 'round_finished') continue;
    const balances = event.balances as { canister: string; cycles: string; freezingLimit: string }[] | undefined;
    const entry = balances?.find((b) => b.canister === canisterId);
    if (entry) points.push({ round: event.round, cycles: Number(entry.cycles), freezingLimit: Number(entry.freezingLimit) });
  }
  return points;
}
