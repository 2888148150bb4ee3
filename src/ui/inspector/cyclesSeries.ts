/**
 * The cycles chart's data: a canister's balance after each round, and its freezing limit. A round is every event
 * the trace labels with it (what the inspector shows at that round): the balance the round's scheduling ended with
 * (`round_finished`) and what happened after it, before the next round (a top-up, the storage charged for skipped
 * time, …). Round 0 is the set-up, whose freezing limit the trace does not give.
 */
import type { EventView } from '../../worker/protocol.ts';
import { text } from '../graph/eventFields.ts';
import { eventNet } from './roundCharges.ts';
import { continueScan } from '../graph/continueScan.ts';
import { countBefore } from '../graph/countBefore.ts';

export interface CyclesPoint {
  readonly round: number;
  readonly cycles: bigint;
  /** Null before the canister's first round finished. */
  readonly freezingLimit: bigint | null;
}

/** The scan of one canister's balance over a trace; `points` notes the event whose round change pushed each. */
interface SeriesScan {
  events: readonly EventView[];
  readonly canisterId: string;
  readonly points: { readonly point: CyclesPoint; readonly at: number; readonly scheduling: boolean }[];
  round: number;
  cycles: bigint | null;
  freezingLimit: bigint | null;
  scheduling: boolean;
}

/** Scans kept, by canister (the inspector shows one at a time; a few are kept for going back and forth). */
const kept = new Map<string, SeriesScan>();
const KEPT_CANISTERS = 8;

function newScan(events: readonly EventView[], canisterId: string): SeriesScan {
  return { events, canisterId, points: [], round: events[0]?.round ?? 0, cycles: null, freezingLimit: null, scheduling: false };
}

function feed(scan: SeriesScan, events: readonly EventView[], from: number): void {
  const { canisterId } = scan;
  for (let i = from; i < events.length; i++) {
    const event = events[i];
    if (event.round !== scan.round) {
      if (scan.cycles !== null) scan.points.push({ point: { round: scan.round, cycles: scan.cycles, freezingLimit: scan.freezingLimit }, at: i, scheduling: scan.scheduling });
      scan.round = event.round;
    }
    if (event.kind === 'round_started') {
      scan.scheduling = true;
    } else if (event.kind === 'round_finished') {
      scan.scheduling = false;
      const entry = balanceEntry(event, canisterId);
      scan.cycles = entry ? BigInt(entry.cycles) : null;
      scan.freezingLimit = entry ? BigInt(entry.freezingLimit) : null;
    } else if (!scan.scheduling && (scan.cycles !== null || (event.kind === 'canister_created' && text(event, 'canister') === canisterId))) {
      // Between rounds nothing moves cycles unseen: the events say it all (roundCharges checks it in every lesson).
      scan.cycles = (scan.cycles ?? 0n) + eventNet(events, i, canisterId);
    }
  }
  scan.events = events;
}

/** The points of a whole scan: a round cut short (the playhead inside it) has no balance yet. */
function pointsOf(scan: SeriesScan): CyclesPoint[] {
  const points = scan.points.map((p) => p.point);
  if (scan.cycles !== null && !scan.scheduling) points.push({ round: scan.round, cycles: scan.cycles, freezingLimit: scan.freezingLimit });
  return points;
}

/**
 * The balance of `canisterId` after each round of `events`. The scan is kept and resumed for a longer trace; a
 * shorter one cut at a round's end (the playhead moved back) is answered from it: the point pushed where the next
 * round starts is the last. One cut inside a round is read from the start.
 */
export function cyclesSeries(events: readonly EventView[], canisterId: string): CyclesPoint[] {
  const known = kept.get(canisterId);
  const plan = continueScan(known?.events ?? null, events);
  kept.delete(canisterId);
  if (known && !plan.keep) {
    kept.set(canisterId, known);
    const end = events.length;
    const count = countBefore(known.points, (p) => p.at >= end);
    const cut = known.points[count];
    // A response's effect reads the event after it (`responseEffects`), which a cut right after it does not have.
    if (cut?.at === end && events[end - 1].kind !== 'response_delivered') return [...known.points.slice(0, count).map((p) => p.point), ...(cut.scheduling ? [] : [cut.point])];
    const scan = newScan(events, canisterId);
    feed(scan, events, 0);
    return pointsOf(scan);
  }
  const scan = plan.resume ? known! : newScan(events, canisterId);
  feed(scan, events, plan.from);
  kept.set(canisterId, scan);
  if (kept.size > KEPT_CANISTERS) kept.delete(kept.keys().next().value!);
  return pointsOf(scan);
}

function balanceEntry(event: EventView, canisterId: string) {
  const balances = event.balances as readonly { canister: string; cycles: string; freezingLimit: string }[] | undefined;
  return balances?.find((b) => b.canister === canisterId);
}
