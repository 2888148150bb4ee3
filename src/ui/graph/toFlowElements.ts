/**
 * The subnet as React Flow elements (style-anchors §3, §9.3 "React Flow fed by a pure mapping"): nodes for
 * users, the management canister and canisters, edges for the messages in flight at a round and those done
 * in it (so a learner sees them arrive). Pure: same view, events and options give equal output; positions
 * the user dragged win over the default layout and nothing here reads React Flow's state.
 */
import type { NodeHandle, Position } from '@xyflow/react';
import type { CanisterView, EventView, SubnetView } from '../../worker/protocol.ts';
import { text } from './eventFields.ts';
import { eventNet } from '../inspector/roundCharges.ts';
import { formatAmount } from './formatAmount.ts';
import { LARGE_NODE_SIZE, layoutGraph, NODE_SIZE, type NodeSizes, type XY } from './graphLayout.ts';
import type { CanisterNodeData, GraphNode, MessageFlowEdge } from './graphTypes.ts';
import { countBefore } from './countBefore.ts';
import { MANAGEMENT_CANISTER, messageParties, messagesInRounds, phaseAt, type MessageFlight, type MessageParties, type MessagePhase } from './messageFlights.ts';
import { deadlineText, messageColor, messageDetail, messageLabel } from './messageStyle.ts';
import { candidOfCanisters, messagePayload, type DecodeExecution } from './messagePayload.ts';

export interface FlowOptions {
  /** The round whose messages are drawn. */
  readonly round: number;
  /** Positions the user dragged nodes to, by node id (principal). */
  readonly positions?: Readonly<Record<string, XY>>;
  /** Presentation mode: larger nodes for larger text (`LARGE_NODE_SIZE`). */
  readonly large?: boolean;
  /** Messages drawn selected (a call picked in the console), by id: `ingress:<n>`, `request:<n>`, `response:<n>`. */
  readonly highlight?: ReadonlySet<string>;
  /** The Candid decoder of the tooltips, once loaded (`useExecutionCandid`). */
  readonly decode?: DecodeExecution | null;
}

export interface FlowElements {
  readonly nodes: GraphNode[];
  readonly edges: MessageFlowEdge[];
}

/** One centred source and target handle per node, given up front so edges draw before the DOM is measured. */
function centreHandles(size: { width: number; height: number }): NodeHandle[] {
  const at = { x: size.width / 2, y: size.height / 2, width: 1, height: 1, position: 'top' as Position };
  return [{ ...at, type: 'source' }, { ...at, type: 'target' }];
}

function sized(sizes: NodeSizes, kind: keyof NodeSizes) {
  const size = sizes[kind];
  return { width: size.width, height: size.height, measured: { ...size }, handles: centreHandles(size) };
}

function shortPrincipal(principal: string): string {
  return principal.length > 12 ? `${principal.slice(0, 5)}…${principal.slice(-3)}` : principal;
}

interface RoundActivity {
  readonly executions: Map<string, number>;
  readonly traps: Map<string, string>;
  readonly managementCalls: string[];
  /**
   * Each canister's balance at the end of the round before (the latest `round_finished` before `round`), or, before
   * the first round that ran, at the end of the set-up.
   */
  readonly balancesBefore: Map<string, string>;
  /** Each canister's balance at the end of `round`, if it ran. */
  readonly balancesAfter: Map<string, string>;
}

function balancesOf(event: EventView | undefined): Map<string, string> {
  const list = (event?.balances ?? []) as readonly { canister: string; cycles: string }[];
  return new Map(list.map((b) => [b.canister, b.cycles]));
}

/** The fields naming the canisters an event can move cycles of (roundCharges' `balanceEffects` reads these). */
const PARTIES = ['canister', 'from', 'to'] as const;

/**
 * Each canister's balance after the events before `end`, none of which is a round's end: the set-up's creations,
 * installs and top-ups, as the cycles chart sums them (the trace gives balances only at a round's end). Empty when
 * the events do not start with the set-up.
 */
function balancesFromSetUp(events: readonly EventView[], end: number): Map<string, string> {
  const sums = new Map<string, bigint>();
  if (events[0]?.round !== 0) return new Map();
  for (let i = 0; i < end; i++) {
    const event = events[i];
    if (event.kind === 'canister_created') sums.set(text(event, 'canister'), 0n);
    for (const id of new Set(PARTIES.map((field) => text(event, field)))) {
      const sum = sums.get(id);
      if (sum !== undefined) sums.set(id, sum + eventNet(events, i, id));
    }
  }
  return new Map([...sums].map(([id, cycles]) => [id, String(cycles)]));
}

/** What happened on each canister in `round`, for the node badges. */
function activityIn(events: readonly EventView[], round: number): RoundActivity {
  // Events are in round order: the round shown starts where the first event of a later or equal round is.
  const first = countBefore(events, (e) => e.round >= round);
  let before = first - 1;
  while (before >= 0 && events[before].kind !== 'round_finished') before--;
  const activity: RoundActivity = {
    executions: new Map(), traps: new Map(), managementCalls: [], balancesAfter: new Map(),
    balancesBefore: before >= 0 ? balancesOf(events[before]) : round > 0 ? balancesFromSetUp(events, first) : new Map(),
  };
  for (let i = first; i < events.length && events[i].round === round; i++) {
    const e = events[i];
    if (e.kind === 'round_finished') for (const [id, cycles] of balancesOf(e)) activity.balancesAfter.set(id, cycles);
    if (e.kind === 'management_call') activity.managementCalls.push(text(e, 'method'));
    if (e.kind !== 'execution') continue;
    const canister = text(e, 'canister');
    activity.executions.set(canister, (activity.executions.get(canister) ?? 0) + 1);
    if (text(e, 'outcome') === 'trap') activity.traps.set(canister, `${text(e, 'entryPoint')}: ${text(e, 'message')}`);
  }
  return activity;
}

/**
 * The change of a balance in the round shown: from the end of the round before to now (the view, when it is of that
 * round: top-ups and charges made after the round's end count too) or to the end of the round. Null when unknown.
 */
function cyclesChange(c: CanisterView, activity: RoundActivity, current: boolean): string | null {
  const before = activity.balancesBefore.get(c.id);
  const after = current ? c.cycles : activity.balancesAfter.get(c.id);
  if (before === undefined || after === undefined) return null;
  return String(BigInt(after) - BigInt(before));
}

function canisterData(c: CanisterView, activity: RoundActivity, current: boolean): CanisterNodeData {
  return {
    name: c.name, principal: c.id, status: c.status, frozen: c.frozen, empty: c.empty,
    cycles: formatAmount(c.cycles), cyclesExact: c.cycles, cyclesChange: cyclesChange(c, activity, current),
    paused: c.paused ? (c.paused.aborted ? 'aborted' : `${c.paused.slice}/${c.paused.slices}`) : null, pausedEntryPoint: c.paused?.entryPoint ?? null,
    plannedTrap: c.plannedTrap ? c.plannedTrap.method ?? '' : null,
    queueLength: c.queueLength, openCallContexts: c.openCallContexts, outstandingCalls: c.outstandingCalls,
    trap: activity.traps.get(c.id) ?? null, executions: activity.executions.get(c.id) ?? 0,
  };
}

function missingCanisterData(principal: string): CanisterNodeData {
  return {
    name: shortPrincipal(principal), principal, status: 'missing', frozen: false, empty: true, cycles: '0',
    cyclesExact: '0', cyclesChange: null, paused: null, pausedEntryPoint: null, plannedTrap: null, queueLength: 0, openCallContexts: 0,
    outstandingCalls: 0, trap: null, executions: 0,
  };
}

/**
 * Principals messages name that are neither users, canisters nor the management canister (a call to a
 * canister id that does not exist; an ingress from a principal not in the scenario). Taken from the whole
 * trace, not the shown round, so nodes do not come and go while scrubbing.
 */
function strangers(view: SubnetView, parties: MessageParties): { users: string[]; canisters: string[] } {
  const known = new Set<string>([MANAGEMENT_CANISTER, ...view.users.map((u) => u.principal), ...view.canisters.map((c) => c.id)]);
  const users: string[] = [];
  const canisters: string[] = [];
  for (const { principal, asUser } of parties.named) {
    if (principal !== '' && !known.has(principal)) (asUser ? users : canisters).push(principal);
  }
  return { users, canisters };
}

/**
 * Users drawn as nodes besides those who sent a message: the first this many. A workspace may name a thousand users;
 * a node each made React Flow lay out and paint thousands of elements every round (issue 17: a link with 15,000
 * names blocked the page for 35 s). The rest are in the sender lists.
 */
export const MAX_IDLE_USER_NODES = 8;

function buildNodes(view: SubnetView, events: readonly EventView[], options: FlowOptions): GraphNode[] {
  const parties = messageParties(events);
  const extra = strangers(view, parties);
  const users = [...view.users.filter((u, i) => i < MAX_IDLE_USER_NODES || parties.ingressSenders.has(u.principal)).map((u) => ({ name: u.name, principal: u.principal })),
    ...extra.users.map((principal) => ({ name: shortPrincipal(principal), principal }))];
  const activity = activityIn(events, options.round);
  const current = options.round === view.round;
  const canisters = [...view.canisters.map((c) => canisterData(c, activity, current)), ...extra.canisters.map(missingCanisterData)];
  const sizes = options.large ? LARGE_NODE_SIZE : NODE_SIZE;
  const layout = layoutGraph(users.length, canisters.length, sizes);
  const at = (id: string, fallback: XY): XY => {
    const dragged = options.positions?.[id];
    return dragged ? { x: dragged.x, y: dragged.y } : fallback;
  };
  return [
    ...users.map((data, i): GraphNode => ({
      id: data.principal, type: 'user', position: at(data.principal, layout.users[i]), data, ...sized(sizes, 'user'), ariaLabel: `user ${data.name}`,
    })),
    {
      id: MANAGEMENT_CANISTER, type: 'management', position: at(MANAGEMENT_CANISTER, layout.management),
      data: { name: 'ic', principal: MANAGEMENT_CANISTER, calls: activity.managementCalls }, ...sized(sizes, 'management'),
      ariaLabel: 'the management canister, ic',
    },
    ...canisters.map((data, i): GraphNode => ({
      id: data.principal, type: 'canister', position: at(data.principal, layout.canisters[i]), data, ...sized(sizes, 'canister'),
      ariaLabel: `canister ${data.name}, ${data.status}, ${data.cycles} cycles`,
    })),
  ];
}

/**
 * Alike messages (same sender, receiver, colour and phase) beyond this many are drawn as one bundle edge
 * labelled with their number: hundreds of parallel arrows between two canisters read as a smear, and each is a
 * component React Flow renders every round.
 */
export const MAX_PARALLEL_MESSAGES = 3;

interface Shown {
  readonly flight: MessageFlight;
  readonly phase: MessagePhase;
  /** 1, or the number of alike messages a bundle stands for; then `label` and `detail` say so. */
  readonly count: number;
  readonly label: string;
  readonly detail: string;
}

function bundleAlike(inRound: readonly { flight: MessageFlight; phase: MessagePhase }[], detailOf: (flight: MessageFlight) => string): Shown[] {
  const groups = new Map<string, { flight: MessageFlight; phase: MessagePhase }[]>();
  for (const s of inRound) {
    const key = `${s.flight.from} ${s.flight.to} ${messageColor(s.flight)} ${s.phase}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.values()].flatMap((group): Shown[] => {
    if (group.length <= MAX_PARALLEL_MESSAGES) {
      return group.map((s) => ({ ...s, count: 1, label: messageLabel(s.flight), detail: detailOf(s.flight) }));
    }
    const first = group[0];
    const labels = new Set(group.map((s) => messageLabel(s.flight)));
    return [{
      ...first, count: group.length,
      label: labels.size === 1 ? `${group.length} × ${messageLabel(first.flight)}` : `${group.length} messages`,
      detail: `${group.length} alike messages; the first:\n${detailOf(first.flight)}`,
    }];
  });
}

/** The edges at `round` of `flights`, the messages in flight in it. */
function buildEdges(flights: readonly MessageFlight[], round: number, nowNs: bigint | null, detailOf: (flight: MessageFlight) => string, highlight?: ReadonlySet<string>): MessageFlowEdge[] {
  const shown = bundleAlike(flights.flatMap((flight) => {
    const phase = phaseAt(flight, round);
    return phase ? [{ flight, phase }] : [];
  }), detailOf).map((s) => {
    // A bounded-wait call shows its deadline ticking, round by round (ic-reference.md §3.7).
    const deadline = s.count === 1 ? deadlineText(s.flight, nowNs, round) : null;
    return deadline ? { ...s, label: `${s.label} · ${deadline}` } : s;
  });
  // Parallel edges between the same two nodes are fanned out; the pair key ignores direction.
  const pairOf = (f: MessageFlight) => (f.from < f.to ? `${f.from} ${f.to}` : `${f.to} ${f.from}`);
  const pairCounts = new Map<string, number>();
  for (const { flight } of shown) pairCounts.set(pairOf(flight), (pairCounts.get(pairOf(flight)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return shown.map(({ flight, phase, count, label, detail }): MessageFlowEdge => {
    const pair = pairOf(flight);
    const parallelIndex = seen.get(pair) ?? 0;
    seen.set(pair, parallelIndex + 1);
    const color = messageColor(flight);
    return {
      // A bundle is named after its first message, so it keeps its identity while others join or leave it.
      id: count > 1 ? `bundle:${flight.id}` : flight.id, type: 'message', source: flight.from, target: flight.to,
      markerEnd: { type: 'arrowclosed', color, width: 16, height: 16 },
      zIndex: phase === 'arrived' ? 1 : 0,
      selected: highlight?.has(flight.id) ?? false,
      data: {
        kind: flight.kind, phase, label, detail, color,
        trapped: flight.trapped, dropped: flight.dropped, parallelIndex, parallelCount: pairCounts.get(pair)!,
        bendSign: flight.from <= flight.to ? 1 : -1, sentRound: flight.sentRound, endRound: flight.endRound,
        eventIndex: flight.eventIndex, count,
      },
    };
  });
}

/**
 * The graph at `options.round`: node state from `view`, messages from the events up to that round. Events
 * after it (the app may hold them after scrubbing back) must not leak an outcome into an earlier picture,
 * e.g. colour an ingress call red before its reject came back.
 */
export function toFlowElements(view: SubnetView, events: readonly EventView[], options: FlowOptions): FlowElements {
  const end = countBefore(events, (e) => e.round > options.round);
  const flights = messagesInRounds(events, options.round, options.round, end);
  const candidOf = candidOfCanisters(view.canisters);
  const detailOf = (flight: MessageFlight) => messageDetail(flight, messagePayload(flight, events, candidOf, options.decode ?? null));
  return { nodes: buildNodes(view, events, options), edges: buildEdges(flights, options.round, roundTime(events, end), detailOf, options.highlight) };
}

/** The batch time of the last round started before `end` (the round shown), or null before the first. */
function roundTime(events: readonly EventView[], end: number): bigint | null {
  for (let i = end - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'round_started' && typeof e.timeNs === 'string') return BigInt(e.timeNs);
  }
  return null;
}

