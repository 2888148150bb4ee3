/**
 * What changed one canister's balance in one round, line by line (the inspector's table under the cycles chart):
 * what the replica charged it for and refunded, what it reserved and got back, what came in and went out with
 * calls. The lines add up to the balance change, so nothing may be counted twice; from the engine
 * (src/engine/subnet, src/engine/management):
 * - a `cycles_charged` takes cycles and a `cycles_refunded` gives them back, except two charges paid from cycles
 *   taken earlier: the creation fee comes out of the cycles attached to `create_canister` (taken at `request_sent`),
 *   so it is shown but not counted; a callback's execution is charged from its reservation right after
 *   `response_delivered`, so the whole reservation is counted as given back there, and what the reply's bytes cost
 *   is what did not come back;
 * - `request_sent` takes `reserved` (reply and callback) and the attached `cycles`; its `fee` is a `call` charge;
 * - `response_delivered` gives back `reservationRefund` and the attached cycles the callee did not accept (`refund`);
 * - a callee's accepted cycles show when it answers: those attached less those it sent back (`response_sent`);
 * - a bounded-wait call's attached cycles also come back in a late reply dropped unseen (`response_dropped`) or
 *   from its request dropped at its deadline (`request_expired`).
 * What the trace does not itemise (cycles deposited with `deposit_cycles`, a callback that could not run) is the
 * difference to the balance the round ended with, on a line of its own.
 */
import type { ChargeKind } from '../../engine/index.ts';
import type { EventView } from '../../worker/protocol.ts';
import { amount, text } from '../graph/eventFields.ts';

export type ChargeLine =
  | 'created' | 'top_up' | 'ingress_induction' | 'execution' | 'install_code' | 'call' | 'reservation' | 'reply'
  | 'cycles_sent' | 'cycles_received' | 'storage' | 'compute_allocation' | 'burn' | 'canister_creation' | 'lost'
  | 'unitemised';

/** The order the table shows its lines in. */
export const CHARGE_LINES: readonly ChargeLine[] = [
  'created', 'top_up', 'ingress_induction', 'execution', 'install_code', 'call', 'reservation', 'reply',
  'cycles_sent', 'cycles_received', 'storage', 'compute_allocation', 'burn', 'canister_creation', 'lost', 'unitemised',
];

export interface ChargeRow {
  readonly line: ChargeLine;
  /** Cycles that left the balance, and that came back or in. */
  readonly taken: bigint;
  readonly returned: bigint;
  /** False for a charge paid from cycles another line already took (the creation fee). */
  readonly counted: boolean;
}

export interface RoundCharges {
  readonly round: number;
  /** Only the lines that moved cycles, in `CHARGE_LINES` order. */
  readonly rows: readonly ChargeRow[];
  /** The balance change: returned less taken over the counted rows. */
  readonly net: bigint;
}

interface Effect {
  readonly line: ChargeLine;
  readonly taken?: bigint;
  readonly returned?: bigint;
  readonly counted?: boolean;
}

export function roundCharges(events: readonly EventView[], canisterId: string, round: number): RoundCharges {
  const from = firstIndexOfRound(events, round);
  const to = firstIndexOfRound(events, round + 1);
  const effects: Effect[] = [];
  for (let i = from; i < to; i++) effects.push(...balanceEffects(events, i, canisterId));
  const missing = unitemised(events, canisterId, round, from, to);
  if (missing !== 0n) effects.push(missing > 0n ? { line: 'unitemised', returned: missing } : { line: 'unitemised', taken: -missing });
  const rows = CHARGE_LINES.flatMap((line): ChargeRow[] => {
    const mine = effects.filter((e) => e.line === line);
    if (mine.length === 0) return [];
    const taken = mine.reduce((sum, e) => sum + (e.taken ?? 0n), 0n);
    const returned = mine.reduce((sum, e) => sum + (e.returned ?? 0n), 0n);
    return taken === 0n && returned === 0n ? [] : [{ line, taken, returned, counted: mine[0].counted ?? true }];
  });
  return { round, rows, net: countedNet(rows) };
}

/** What one event did to the canister's balance, as the table counts it. */
export function eventNet(events: readonly EventView[], index: number, canisterId: string): bigint {
  return countedNet(balanceEffects(events, index, canisterId));
}

function countedNet(effects: readonly Effect[]): bigint {
  return effects.reduce((sum, e) => (e.counted === false ? sum : sum + (e.returned ?? 0n) - (e.taken ?? 0n)), 0n);
}

const CHARGE_KINDS: ReadonlySet<string> = new Set<ChargeKind>([
  'ingress_induction', 'execution', 'install_code', 'storage', 'compute_allocation', 'burn', 'call', 'canister_creation', 'lost',
]);

/** How one event moved the canister's balance (nothing for most events). */
function balanceEffects(events: readonly EventView[], index: number, canisterId: string): Effect[] {
  const event = events[index];
  switch (event.kind) {
    case 'canister_created':
      return text(event, 'canister') === canisterId ? [{ line: 'created', returned: amount(event, 'cycles') }] : [];
    case 'cycles_topped_up':
      return text(event, 'canister') === canisterId ? [{ line: 'top_up', returned: amount(event, 'amount') }] : [];
    case 'cycles_charged':
    case 'cycles_refunded': {
      if (text(event, 'canister') !== canisterId) return [];
      const charge = text(event, 'charge');
      const line: ChargeLine = CHARGE_KINDS.has(charge) ? charge as ChargeKind : 'unitemised';
      const value = amount(event, 'amount');
      if (event.kind === 'cycles_refunded') return [{ line, returned: value }];
      return [{ line, taken: value, ...(line === 'canister_creation' && { counted: false }) }];
    }
    case 'request_sent':
      return text(event, 'from') === canisterId
        ? [{ line: 'reservation', taken: amount(event, 'reserved') }, { line: 'cycles_sent', taken: amount(event, 'cycles') }]
        : [];
    case 'response_delivered':
      return text(event, 'to') === canisterId ? responseEffects(events, index, canisterId) : [];
    case 'response_sent': {
      const request = text(event, 'from') === canisterId ? findRequest(events, index, event.requestId) : null;
      return request ? [{ line: 'cycles_received', returned: amount(request, 'cycles') - amount(event, 'refund') }] : [];
    }
    // Bounded-wait calls (ic-reference.md §3.7): the attached cycles come back without a response to run — in a
    // late reply dropped at the caller, or from a request dropped in the callee's queue at its deadline.
    case 'response_dropped':
      return cyclesBackAt(event, canisterId);
    case 'message_shed':
      // A shed response is a dropped one at its caller; a shed request an expired one (back to its caller).
      return event.message === 'response' ? cyclesBackAt(event, canisterId) : cyclesBackToCaller(events, index, canisterId);
    case 'request_expired':
      return cyclesBackToCaller(events, index, canisterId);
    default:
      return [];
  }
}

/** Attached cycles coming back to the canister the event names (`canister`), without a response run. */
function cyclesBackAt(event: EventView, canisterId: string): Effect[] {
  return text(event, 'canister') === canisterId ? [{ line: 'cycles_sent', returned: amount(event, 'refund') }] : [];
}

/** Attached cycles of a request dropped unexecuted, coming back to the canister that sent it. */
function cyclesBackToCaller(events: readonly EventView[], index: number, canisterId: string): Effect[] {
  const request = findRequest(events, index, events[index].requestId);
  return request && text(request, 'from') === canisterId ? [{ line: 'cycles_sent', returned: amount(events[index], 'refund') }] : [];
}

/** A response reaching its caller: the reservation settled, the unaccepted cycles back. */
function responseEffects(events: readonly EventView[], index: number, canisterId: string): Effect[] {
  const event = events[index];
  const reservationRefund = amount(event, 'reservationRefund');
  const cyclesBack: Effect = { line: 'cycles_sent', returned: amount(event, 'refund') };
  const next = events[index + 1];
  const callbackRan = next?.kind === 'cycles_charged' && text(next, 'canister') === canisterId && text(next, 'charge') === 'execution';
  const request = callbackRan ? findRequest(events, index, event.requestId) : null;
  if (!request) return [{ line: 'reservation', returned: reservationRefund }, cyclesBack];
  const reserved = amount(request, 'reserved');
  return [
    { line: 'reservation', returned: reserved },
    { line: 'reply', taken: reserved - amount(next, 'amount') - reservationRefund },
    cyclesBack,
  ];
}

function findRequest(events: readonly EventView[], before: number, requestId: unknown): EventView | null {
  for (let i = before - 1; i >= 0; i--) {
    if (events[i].kind === 'request_sent' && events[i].requestId === requestId) return events[i];
  }
  return null;
}

/**
 * The balance change the events do not explain, over the round's scheduling (from the previous `round_finished`
 * to this one's; changes the trace leaves out happen only there). 0 when the round has not finished.
 */
function unitemised(events: readonly EventView[], canisterId: string, round: number, from: number, to: number): bigint {
  const end = lastIndexOfKind(events, 'round_finished', from, to);
  const after = end < 0 ? null : balanceOf(events[end], canisterId);
  if (after === null) return 0n;
  const start = lastIndexOfKind(events, 'round_finished', firstIndexOfRound(events, round - 1), from);
  const before = start < 0 ? 0n : balanceOf(events[start], canisterId) ?? 0n;
  let itemised = 0n;
  for (let i = start + 1; i < end; i++) itemised += eventNet(events, i, canisterId);
  return after - before - itemised;
}

function lastIndexOfKind(events: readonly EventView[], kind: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (events[i].kind === kind) return i;
  return -1;
}

function balanceOf(roundFinished: EventView, canisterId: string): bigint | null {
  const balances = roundFinished.balances as readonly { canister: string; cycles: string }[] | undefined;
  const entry = balances?.find((b) => b.canister === canisterId);
  return entry ? BigInt(entry.cycles) : null;
}

/** Events are in round order: the index of the first one of `round` or later. */
function firstIndexOfRound(events: readonly EventView[], round: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].round < round) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
