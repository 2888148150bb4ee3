/**
 * The cycles chart's data: a canister's balance after each round, and its freezing limit. A round is every event
 * the trace labels with it (what the inspector shows at that round): the balance the round's scheduling ended with
 * (`round_finished`) and what happened after it, before the next round (a top-up, the storage charged for skipped
 * time, …). Round 0 is the set-up, whose freezing limit the trace does not give.
 */
import type { EventView } from '../../worker/protocol.ts';
import { text } from '../graph/eventFields.ts';
import { eventNet } from './roundCharges.ts';

export interface CyclesPoint {
  readonly round: number;
  readonly cycles: bigint;
  /** Null before the canister's first round finished. */
  readonly freezingLimit: bigint | null;
}

export function cyclesSeries(events: readonly EventView[], canisterId: string): CyclesPoint[] {
  const points: CyclesPoint[] = [];
  let round = events[0]?.round ?? 0;
  let cycles: bigint | null = null;
  let freezingLimit: bigint | null = null;
  let scheduling = false;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.round !== round) {
      if (cycles !== null) points.push({ round, cycles, freezingLimit });
      round = event.round;
    }
    if (event.kind === 'round_started') {
      scheduling = true;
    } else if (event.kind === 'round_finished') {
      scheduling = false;
      const entry = balanceEntry(event, canisterId);
      cycles = entry ? BigInt(entry.cycles) : null;
      freezingLimit = entry ? BigInt(entry.freezingLimit) : null;
    } else if (!scheduling && (cycles !== null || (event.kind === 'canister_created' && text(event, 'canister') === canisterId))) {
      // Between rounds nothing moves cycles unseen: the events say it all (roundCharges checks it in every lesson).
      cycles = (cycles ?? 0n) + eventNet(events, i, canisterId);
    }
  }
  // A round cut short (the playhead inside it) has no balance yet.
  if (cycles !== null && !scheduling) points.push({ round, cycles, freezingLimit });
  return points;
}

function balanceEntry(event: EventView, canisterId: string) {
  const balances = event.balances as readonly { canister: string; cycles: string; freezingLimit: string }[] | undefined;
  return balances?.find((b) => b.canister === canisterId);
}
