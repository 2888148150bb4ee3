/**
 * The trace as a time-space diagram (DESIGN.md "Timeline"): one lane per canister plus a "users" lane and an
 * "ic" lane, rounds across. Executions are boxes (a sliced message spans the rounds of its slices), messages
 * are arrows from the round they were sent to the round they were handled, and traps, freezing, installs
 * and status changes are markers. Pure: the same view and events give equal data.
 */
import type { EventView, SubnetView } from '../../worker/protocol.ts';
import { int, text, textList } from '../graph/eventFields.ts';
import { formatAmount } from '../graph/formatAmount.ts';
import { MANAGEMENT_CANISTER, messageParties, messagesInRounds, type MessageFlight, type MessageKind } from '../graph/messageFlights.ts';
import { messageColor, messageDetail, messageLabel } from '../graph/messageStyle.ts';
import { candidOfCanisters, messagePayload, type DecodeExecution } from '../graph/messagePayload.ts';
import { countBefore } from '../graph/countBefore.ts';
import { executionsInRounds, type UnplacedExecution } from './executionsInRounds.ts';
import { eventIterations, iterationShare, positionInRound } from '../graph/eventIterations.ts';

export const USERS_LANE = 'users';

export interface TimelineLane {
  /** `users`, `aaaaa-aa` (the management canister) or a canister principal. */
  readonly id: string;
  readonly name: string;
  /** Sub-rows the lane needs so that overlapping executions (a query during a sliced message) stack. */
  readonly rows: number;
}

export interface TimelineExecution {
  /** `execution:<event index>`, `management:<event index>`, or `slice:<event index>` for a message still running. */
  readonly id: string;
  readonly eventIndex: number;
  readonly lane: string;
  /** First round (its first slice) and last round (its last slice so far). */
  readonly round: number;
  readonly lastRound: number;
  readonly row: number;
  /** Place among the one-round executions of the same lane, round, iteration and row (they ran one after another). */
  readonly slot: number;
  readonly slotCount: number;
  /** The share of its round's column its iteration has (ic-reference.md §7.1): [start, end) as fractions. */
  readonly share: { readonly start: number; readonly end: number };
  readonly entryPoint: string;
  readonly context: string;
  readonly instructions: string;
  readonly slices: number;
  /** `aborted`: a long execution thrown away at a checkpoint, to restart from scratch (§7.7). */
  readonly outcome: 'ok' | 'trap' | 'running' | 'aborted';
  readonly errorCode: string | null;
  readonly message: string | null;
  readonly rolledBack: readonly string[];
}

export interface TimelineArrow {
  /** Unique per arrow; `messageId` is the message it belongs to (an ingress call has a call and a reply arrow). */
  readonly id: string;
  readonly messageId: string;
  readonly eventIndex: number;
  readonly fromLane: string;
  readonly toLane: string;
  readonly fromRound: number;
  readonly toRound: number;
  /** Where in those rounds' columns it starts and ends, 0 to 1: the iterations it was sent and received in (§7.1). */
  readonly fromAt: number;
  readonly toAt: number;
  readonly kind: MessageKind;
  readonly label: string;
  readonly detail: string;
  readonly color: string;
  /** Not handled yet: `toRound` is the latest round. */
  readonly pending: boolean;
  /** 1, or the number of messages drawn by this one arrow: alike messages with the same path (lanes, rounds). */
  readonly count: number;
}

export type MarkerKind = 'trap' | 'frozen' | 'unfrozen' | 'uninstalled' | 'stopped' | 'installed' | 'deleted' | 'timed-out' | 'expired' | 'dropped' | 'snapshot' | 'restored';

export interface TimelineMarker {
  readonly lane: string;
  readonly round: number;
  readonly kind: MarkerKind;
  readonly text: string;
  readonly eventIndex: number;
}

export interface TimelineData {
  readonly lanes: readonly TimelineLane[];
  /** Number of round columns: rounds 0 … rounds − 1. */
  readonly rounds: number;
  readonly executions: readonly TimelineExecution[];
  readonly arrows: readonly TimelineArrow[];
  readonly markers: readonly TimelineMarker[];
  /** Rounds of the window that ran more than one iteration, with how many (ic-reference.md §7.1). */
  readonly iterations: readonly { readonly round: number; readonly count: number }[];
}

type Placed = { -readonly [K in keyof TimelineExecution]: TimelineExecution[K] };
type Unplaced = UnplacedExecution;

/**
 * Rows: spans over several rounds stack greedily; one-round executions share the lowest row free of spans, each in
 * its iteration's share of the round.
 */
function placeExecutions(executions: readonly Unplaced[], shareOf: (e: Unplaced) => Placed['share']): { placed: Placed[]; rows: Map<string, number> } {
  const rowEnds = new Map<string, number[]>();
  const placed: Placed[] = executions.map((e) => ({ ...e, row: 0, slot: 0, slotCount: 1, share: e.lastRound > e.round ? WHOLE_ROUND : shareOf(e) }));
  const spans = placed.filter((e) => e.lastRound > e.round);
  for (const span of spans) {
    const ends = rowEnds.get(span.lane) ?? [];
    const row = ends.findIndex((end) => end < span.round);
    span.row = row < 0 ? ends.length : row;
    ends[span.row] = span.lastRound;
    rowEnds.set(span.lane, ends);
  }
  const cells = new Map<string, Placed[]>();
  for (const e of placed) {
    if (e.lastRound > e.round) continue;
    const taken = new Set(spans.filter((s) => s.lane === e.lane && s.round <= e.round && s.lastRound >= e.round).map((s) => s.row));
    let row = 0;
    while (taken.has(row)) row++;
    e.row = row;
    const key = `${e.lane} ${e.round} ${e.share.start} ${row}`;
    const cell = cells.get(key);
    if (cell) cell.push(e);
    else cells.set(key, [e]);
  }
  for (const cell of cells.values()) cell.forEach((e, i) => Object.assign(e, { slot: i, slotCount: cell.length }));
  const rows = new Map<string, number>();
  for (const e of placed) rows.set(e.lane, Math.max(rows.get(e.lane) ?? 1, e.row + 1));
  return { placed, rows };
}

const WHOLE_ROUND = { start: 0, end: 1 };

type ArrowPath = Omit<TimelineArrow, 'label' | 'detail' | 'count'>;

/**
 * Where a message's arrows go: the call to its receiver, and for a finished ingress call the answer back. `at`
 * places an event in its round's column (its iteration).
 */
function arrowPathsOf(flight: MessageFlight, laneOf: (principal: string) => string, latest: number, at: (index: number | null) => number): ArrowPath[] {
  const base = {
    messageId: flight.id, eventIndex: flight.eventIndex, fromLane: laneOf(flight.from), toLane: laneOf(flight.to),
    fromRound: flight.sentRound, fromAt: at(flight.eventIndex), kind: flight.kind, color: messageColor(flight),
  };
  // The arrow ends where the message reached its receiver (the queue, or the caller's callback); the box of
  // the execution that handled it shows when it ran, so a message waiting behind a busy canister is visible.
  const reached = flight.deliveredRound ?? flight.endRound;
  const call: ArrowPath = { ...base, id: flight.id, toRound: reached ?? latest, toAt: reached === null ? 1 : at(flight.reachedIndex), pending: reached === null };
  if (flight.kind !== 'ingress' || flight.endRound === null) return [call];
  const answeredAt = at(flight.completedIndex);
  const reply: ArrowPath = {
    ...base, id: `${flight.id}:reply`, fromLane: base.toLane, toLane: base.fromLane, fromRound: flight.endRound, toRound: flight.endRound,
    fromAt: answeredAt, toAt: answeredAt, kind: flight.reject ? 'response-reject' : 'response-reply', pending: false,
  };
  return [call, reply];
}

function labelOf(path: ArrowPath, flight: MessageFlight): string {
  if (path.id === flight.id) return messageLabel(flight);
  return flight.reject ? `reject ${flight.reject.errorCode ?? flight.reject.rejectCode}` : 'reply';
}

/**
 * The arrows of `flights`. Alike messages on the same path (lanes, rounds, colour, state, method and cycles) would
 * be drawn as one line on top of each other: one arrow stands for them all and says how many. A busy run sends
 * hundreds a round, and every arrow is DOM and text to build.
 */
function arrowsOf(
  flights: readonly MessageFlight[], laneOf: (principal: string) => string, latest: number, detailOf: (flight: MessageFlight) => string,
  at: (index: number | null) => number,
): TimelineArrow[] {
  const groups = new Map<string, { path: ArrowPath; flight: MessageFlight; count: number }>();
  for (const flight of flights) {
    for (const path of arrowPathsOf(flight, laneOf, latest, at)) {
      const key = `${path.fromLane} ${path.toLane} ${path.fromRound} ${path.fromAt} ${path.toRound} ${path.toAt} ${path.color} ${path.pending} ${path.kind} `
        + `${path.id === flight.id ? 'call' : 'answer'} ${flight.method} ${flight.cycles} ${flight.refund} ${flight.reject?.errorCode ?? flight.reject?.rejectCode ?? ''}`;
      const group = groups.get(key);
      if (group) group.count++;
      else groups.set(key, { path, flight, count: 1 });
    }
  }
  return [...groups.values()].map(({ path, flight, count }) => {
    const label = labelOf(path, flight);
    const detail = detailOf(flight);
    return count === 1
      ? { ...path, label, detail, count }
      : { ...path, label: `${count} × ${label}`, detail: `${count} alike messages on this path; the first:\n${detail}`, count };
  });
}

function trapText(e: EventView): string {
  const rolledBack = textList(e, 'rolledBack');
  return `${text(e, 'entryPoint')} trapped${e.errorCode ? ` (${text(e, 'errorCode')})` : ''}: ${text(e, 'message')}\n`
    + `Rolled back: ${rolledBack.length > 0 ? rolledBack.join(', ') : 'nothing had changed'}`;
}

/** One marker rule per event kind; null when the event is not worth a marker. */
/** A snapshot's number on its canister: the first 8 bytes of its id (ic-reference.md §12). */
function snapshotNumber(e: EventView): string {
  return `#${BigInt(`0x${text(e, 'snapshot').slice(0, 16) || '0'}`)}`;
}

const MARKERS: Readonly<Record<string, (e: EventView) => { kind: MarkerKind; text: string } | null>> = {
  execution: (e) => (text(e, 'outcome') === 'trap' ? { kind: 'trap', text: trapText(e) } : null),
  frozen_changed: (e) => {
    const frozen = e.frozen === true;
    return { kind: frozen ? 'frozen' : 'unfrozen', text: `${frozen ? 'Frozen' : 'Unfrozen'}: ${formatAmount(text(e, 'cycles'))} cycles, freezing limit ${formatAmount(text(e, 'freezingLimit'))}` };
  },
  code_uninstalled: (e) => ({ kind: 'uninstalled', text: text(e, 'reason') === 'out_of_cycles' ? 'Uninstalled: out of cycles' : 'Uninstalled (uninstall_code)' }),
  status_changed: (e) => (text(e, 'to') === 'stopped' ? { kind: 'stopped', text: 'Stopped' } : null),
  code_installed: (e) => ({ kind: 'installed', text: `Code installed (${text(e, 'mode')}), module ${text(e, 'moduleHash').slice(0, 12)}…` }),
  canister_deleted: () => ({ kind: 'deleted', text: 'Deleted' }),
  // Bounded-wait calls (ic-reference.md §3.7): on the caller's lane the deadline passing and a late reply thrown away,
  // on the callee's a request dropped from its queue unexecuted.
  call_timed_out: (e) => ({ kind: 'timed-out', text: `Call ${int(e, 'requestId')} passed its deadline: the system answered SYS_UNKNOWN (6)` }),
  request_expired: (e) => ({ kind: 'expired', text: `Call ${int(e, 'requestId')} dropped from the queue at its deadline, before it ran; ${formatAmount(text(e, 'refund'))} cycles back to the caller` }),
  snapshot_taken: (e) => ({ kind: 'snapshot', text: `Snapshot ${snapshotNumber(e)} taken: ${formatAmount(text(e, 'size'))} bytes of code and memories` }),
  snapshot_loaded: (e) => ({ kind: 'restored', text: `Snapshot ${snapshotNumber(e)} loaded: code, heap, stable memory and globals as they were (cycles are not)` }),
  message_shed: (e) => ({ kind: 'expired', text: `Call ${int(e, 'requestId')}'s ${text(e, 'message')} shed: the subnet's bounded-wait messages were over their memory` }),
  response_dropped: (e) => ({ kind: 'dropped', text: `The late reply to call ${int(e, 'requestId')} was dropped unseen; its refund of ${formatAmount(text(e, 'refund'))} cycles was credited` }),
};

/** The rounds to lay out; the timeline draws only those in view, so only they need executions, arrows, markers. */
export interface RoundWindow {
  readonly from: number;
  readonly to: number;
}

const EVERY_ROUND: RoundWindow = { from: -Infinity, to: Infinity };

/**
 * Lanes and the round count are always for the whole trace; executions, arrows and markers only for those that
 * touch `window`, so a long run costs per round what the rounds in view cost (rows are packed within the window).
 */
/** `decode`: the Candid decoder of the tooltips, once loaded (`useExecutionCandid`). */
export function toTimeline(view: SubnetView, events: readonly EventView[], window: RoundWindow = EVERY_ROUND, decode: DecodeExecution | null = null): TimelineData {
  // Events are in round order: the last one's round is the trace's latest.
  const lastRound = Math.max(view.round, events.length > 0 ? events[events.length - 1].round : 0);
  const touches = (from: number, to: number) => to >= window.from && from <= window.to;
  const users = new Set(view.users.map((u) => u.principal));
  for (const sender of messageParties(events).ingressSenders) users.add(sender);
  const lanes: { id: string; name: string }[] = [
    { id: USERS_LANE, name: 'users' }, { id: MANAGEMENT_CANISTER, name: 'ic' }, ...view.canisters.map((c) => ({ id: c.id, name: c.name })),
  ];
  const known = new Set(lanes.map((l) => l.id));
  const laneOf = (principal: string): string => {
    if (users.has(principal)) return USERS_LANE;
    if (!known.has(principal)) {
      // A principal messages name but the view does not list (a call to a canister id that does not exist).
      known.add(principal);
      lanes.push({ id: principal, name: principal });
    }
    return principal;
  };
  const candidOf = candidOfCanisters(view.canisters);
  const detailOf = (flight: MessageFlight) => messageDetail(flight, messagePayload(flight, events, candidOf, decode));
  const iterations = eventIterations(events);
  const at = (index: number | null) => (index === null ? 0.5 : positionInRound(iterations, events, index));
  const flights = messagesInRounds(events, window.from, window.to).filter((f) => touches(f.sentRound, f.endRound ?? lastRound));
  const arrows = arrowsOf(flights, laneOf, lastRound, detailOf, at);
  const shareOf = (e: Unplaced) => iterationShare(iterations, events, e.eventIndex);
  const { placed, rows } = placeExecutions(executionsInRounds(events, window.from, window.to), shareOf);
  for (const e of placed) laneOf(e.lane);
  const markers: TimelineMarker[] = [];
  // The window's events: from the first of its first round to the last of its last.
  const last = countBefore(events, (e) => e.round > window.to);
  for (let index = countBefore(events, (e) => e.round >= window.from); index < last; index++) {
    const e = events[index];
    const marker = MARKERS[e.kind]?.(e);
    if (marker) markers.push({ lane: laneOf(text(e, 'canister')), round: e.round, eventIndex: index, ...marker });
  }
  return {
    lanes: lanes.map((l) => ({ ...l, rows: rows.get(l.id) ?? 1 })),
    rounds: lastRound + 1,
    executions: placed,
    arrows,
    markers,
    iterations: iterations.roundsBetween(window.from, window.to).filter(({ count }) => count > 1),
  };
}
