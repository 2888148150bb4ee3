/**
 * Messages rebuilt from the trace: every ingress call, inter-canister request and response with the rounds
 * it was sent, delivered, executed and done. The graph draws the ones in flight at a round; the timeline
 * draws all of them as arrows. Both need the same matching, so it lives here once.
 *
 * The trace names requests by `requestId`, and the execution that serves a request carries the same `requestId`.
 * For traces without it (older reports), a request is matched to the first later execution on its callee with the
 * same caller and method: exact too, because requests between a pair of canisters execute in the order sent
 * (ic-reference §3 "Ordering") and a request answered by the system instead (missing canister, stopped …)
 * is taken off the waiting list at its `response_sent`.
 */
import type { EventView } from '../../worker/protocol.ts';
import { calledMethod, int, response, text, type ResponseView } from './eventFields.ts';
import { continueScan } from './continueScan.ts';

export const MANAGEMENT_CANISTER = 'aaaaa-aa';

export type MessageKind = 'ingress' | 'request' | 'response-reply' | 'response-reject';

export interface MessageFlight {
  /** `ingress:<messageId>`, `request:<requestId>`, `response:<requestId>` or `timeout:<requestId>`. */
  readonly id: string;
  readonly kind: MessageKind;
  readonly from: string;
  readonly to: string;
  /** The method called (for a response: the method of its request). */
  readonly method: string;
  /** Cycles attached to a request ("0" otherwise). */
  readonly cycles: string;
  /** Cycles a response gives back ("0" otherwise). */
  readonly refund: string;
  /** A bounded-wait call's deadline in ns since the epoch, on the request and its responses ("0": unbounded wait, §3.7). */
  readonly deadlineNs: string;
  readonly sentRound: number;
  /** Index in the events of the event that sent it (`ingress_submitted`, `request_sent`, `response_sent`,
   * `call_timed_out`), for showing it in the inspector. */
  readonly eventIndex: number;
  /** Inducted (ingress), routed into the callee's queue (request) or handed to the caller (response). */
  readonly deliveredRound: number | null;
  /** The round the execution that handled it ran (its last slice), for ingress and requests. */
  readonly executedRound: number | null;
  /** The round it stopped being in flight; null while it still is. */
  readonly endRound: number | null;
  /** The execution that handled it trapped. */
  readonly trapped: boolean;
  /** A reject response, or the reject an ingress call completed with. */
  readonly reject: ResponseView | null;
  /** A response discarded on arrival (its call had already timed out, or its caller is gone), or a bounded-wait
   * request dropped from its callee's queue at its deadline before it ran. */
  readonly dropped: boolean;
  /** Index of the event at which it reached its receiver (`deliveredRound`, else `endRound`), where one says so. */
  readonly reachedIndex: number | null;
  /** An ingress call's `ingress_completed` event: where its answer goes back to the user. */
  readonly completedIndex: number | null;
  /** Index of the execution whose argument this message carried (ingress and requests a canister ran). */
  readonly argFrom: number | null;
  /** Index of the execution whose reply this message, or the ingress call's answer, carried. */
  readonly replyFrom: number | null;
}

type Draft = { -readonly [K in keyof MessageFlight]: MessageFlight[K] };

interface Matching {
  readonly flights: Draft[];
  readonly ingress: Map<number, Draft>;
  readonly requests: Map<number, Draft>;
  /** The response each request's callback waits for (the real one, or the system's timeout). */
  readonly openResponses: Map<number, Draft>;
  /** The callee's own response to each request, once sent (a late one may be dropped later). */
  readonly responses: Map<number, Draft>;
  readonly timedOut: Set<number>;
  readonly deleted: Set<string>;
  /** Requests not yet executed, per `callee caller` pair, in send order. */
  readonly waiting: Map<string, Draft[]>;
  /** Each canister's latest execution that replied, with its round: the reply a `response_sent` or an
   * `ingress_completed` of that round carries. */
  readonly lastReply: Map<string, { readonly round: number; readonly index: number }>;
}

function newFlight(fields: Pick<Draft, 'id' | 'kind' | 'from' | 'to' | 'method' | 'sentRound' | 'eventIndex'> & Partial<Draft>): Draft {
  return {
    cycles: '0', refund: '0', deadlineNs: '0', deliveredRound: null, executedRound: null, endRound: null,
    trapped: false, reject: null, dropped: false, reachedIndex: null, completedIndex: null, argFrom: null, replyFrom: null, ...fields,
  };
}

/** The first waiting request from `caller` to `callee` for `method` that has reached the callee. */
function claimRequest(m: Matching, callee: string, caller: string, method: string): Draft | undefined {
  const list = m.waiting.get(`${callee} ${caller}`);
  const index = list?.findIndex((r) => r.method === method && r.deliveredRound !== null) ?? -1;
  return index < 0 ? undefined : list!.splice(index, 1)[0];
}

function unwait(m: Matching, request: Draft): void {
  const list = m.waiting.get(`${request.to} ${request.from}`);
  const index = list?.indexOf(request) ?? -1;
  if (index >= 0) list!.splice(index, 1);
}

/** Notes the event at which a message first reached its receiver (or ended without reaching it). */
function reach(flight: Draft, index: number): void {
  if (flight.reachedIndex === null) flight.reachedIndex = index;
}

function markExecuted(flight: Draft | undefined, round: number, trapped: boolean, ends: boolean, index: number): void {
  if (!flight || flight.executedRound !== null) return;
  flight.executedRound = round;
  flight.trapped = trapped;
  flight.argFrom = index;
  if (ends) {
    flight.endRound = round;
    reach(flight, index);
  }
}

/** The execution of `canister` in `round` whose reply a response or an ingress answer of that round carries. */
function replyOf(m: Matching, canister: string, round: number): number | null {
  const last = m.lastReply.get(canister);
  return last && last.round === round ? last.index : null;
}

type Handler = (m: Matching, e: EventView, index: number) => void;

/** One handler per event kind that moves a message along (style-anchors §9.4 rule 10: dispatch is a table). */
const HANDLERS: Readonly<Record<string, Handler>> = {
  ingress_submitted(m, e, index) {
    const flight = newFlight({
      id: `ingress:${int(e, 'messageId')}`, kind: 'ingress', from: text(e, 'from'), to: text(e, 'to'),
      method: text(e, 'method'), sentRound: e.round, eventIndex: index,
    });
    m.flights.push(flight);
    m.ingress.set(int(e, 'messageId'), flight);
  },
  ingress_inducted(m, e, index) {
    const flight = m.ingress.get(int(e, 'messageId'));
    if (flight && flight.deliveredRound === null) {
      flight.deliveredRound = e.round;
      reach(flight, index);
    }
  },
  ingress_completed(m, e, index) {
    const flight = m.ingress.get(int(e, 'messageId'));
    if (!flight || flight.endRound !== null) return;
    const answer = response(e);
    flight.endRound = e.round;
    flight.completedIndex = index;
    reach(flight, index);
    flight.reject = answer.type === 'reject' ? answer : null;
    if (answer.type === 'reply') flight.replyFrom = replyOf(m, flight.to, e.round);
  },
  execution(m, e, index) {
    const trapped = text(e, 'outcome') === 'trap';
    if (typeof e.reply === 'string') m.lastReply.set(text(e, 'canister'), { round: e.round, index });
    if (e.messageId !== null && e.messageId !== undefined) {
      markExecuted(m.ingress.get(int(e, 'messageId')), e.round, trapped, false, index);
      return;
    }
    const method = calledMethod(text(e, 'entryPoint'));
    if (method === null) return;
    // Executions name the request they served (`requestId`); traces without it are matched by send order.
    const served = typeof e.requestId === 'number' ? m.requests.get(e.requestId) : undefined;
    if (served) {
      unwait(m, served);
      markExecuted(served, e.round, trapped, true, index);
      return;
    }
    markExecuted(claimRequest(m, text(e, 'canister'), text(e, 'caller'), method), e.round, trapped, true, index);
  },
  management_call(m, e, index) {
    if (e.messageId !== null && e.messageId !== undefined) {
      markExecuted(m.ingress.get(int(e, 'messageId')), e.round, false, false, index);
      return;
    }
    markExecuted(claimRequest(m, MANAGEMENT_CANISTER, text(e, 'caller'), text(e, 'method')), e.round, false, true, index);
  },
  request_sent(m, e, index) {
    const flight = newFlight({
      id: `request:${int(e, 'requestId')}`, kind: 'request', from: text(e, 'from'), to: text(e, 'to'),
      method: text(e, 'method'), cycles: text(e, 'cycles') || '0', deadlineNs: text(e, 'deadlineNs') || '0',
      sentRound: e.round, eventIndex: index,
    });
    m.flights.push(flight);
    m.requests.set(int(e, 'requestId'), flight);
    const key = `${flight.to} ${flight.from}`;
    const waiting = m.waiting.get(key);
    if (waiting) waiting.push(flight);
    else m.waiting.set(key, [flight]);
  },
  request_delivered(m, e, index) {
    const flight = m.requests.get(int(e, 'requestId'));
    if (flight && flight.deliveredRound === null) {
      flight.deliveredRound = e.round;
      reach(flight, index);
    }
  },
  response_sent(m, e, index) {
    const requestId = int(e, 'requestId');
    const request = m.requests.get(requestId);
    // Answered without running (by the system, or after the callee's own calls): the request is over now.
    if (request && request.endRound === null) {
      request.endRound = e.round;
      reach(request, index);
      unwait(m, request);
    }
    const answer = response(e);
    const flight = newFlight({
      id: `response:${requestId}`, kind: answer.type === 'reject' ? 'response-reject' : 'response-reply',
      from: text(e, 'from'), to: text(e, 'to'), method: request?.method ?? '', refund: text(e, 'refund') || '0',
      deadlineNs: request?.deadlineNs ?? '0', sentRound: e.round, eventIndex: index, reject: answer.type === 'reject' ? answer : null,
      replyFrom: answer.type === 'reply' ? replyOf(m, text(e, 'from'), e.round) : null,
    });
    m.flights.push(flight);
    m.responses.set(requestId, flight);
    if (m.timedOut.has(requestId) || m.deleted.has(flight.to)) {
      // Nobody waits for it: it is discarded where it arrives (`response_dropped`; traces before that event: next round).
      flight.dropped = true;
      flight.endRound = e.round + 1;
    } else {
      m.openResponses.set(requestId, flight);
    }
  },
  response_delivered(m, e, index) {
    const requestId = int(e, 'requestId');
    const flight = m.openResponses.get(requestId);
    if (!flight) return;
    flight.deliveredRound = e.round;
    flight.endRound = e.round;
    reach(flight, index);
    m.openResponses.delete(requestId);
  },
  call_timed_out(m, e, index) {
    const requestId = int(e, 'requestId');
    m.timedOut.add(requestId);
    const late = m.openResponses.get(requestId);
    if (late) {
      // The real response was already on its way: the system's answer overtakes it and it is discarded.
      late.dropped = true;
      late.endRound = e.round;
      reach(late, index);
    }
    const request = m.requests.get(requestId);
    // The system answers, not the callee (which may still be running the request, §3.7): drawn from `ic`.
    const flight = newFlight({
      id: `timeout:${requestId}`, kind: 'response-reject', from: MANAGEMENT_CANISTER,
      to: text(e, 'canister'), method: request?.method ?? '', deadlineNs: request?.deadlineNs ?? '0', sentRound: e.round, eventIndex: index,
      reject: { type: 'reject', rejectCode: 6, errorCode: null, message: 'Call deadline has expired.' },
    });
    m.flights.push(flight);
    m.openResponses.set(requestId, flight);
  },
  message_shed(m, e, index) {
    // Shed at a round's end (§3.7): a request as if it had expired, a response as if it had come late.
    (e.message === 'request' ? HANDLERS.request_expired : HANDLERS.response_dropped)(m, e, index);
  },
  request_expired(m, e, index) {
    // Still in the callee's queue at its deadline: dropped before it ran (§3.7).
    const request = m.requests.get(int(e, 'requestId'));
    if (!request || request.endRound !== null) return;
    request.dropped = true;
    request.endRound = e.round;
    reach(request, index);
    unwait(m, request);
  },
  response_dropped(m, e, index) {
    // The real response to a call that had timed out: it reached the caller in this round and was discarded there.
    const late = m.responses.get(int(e, 'requestId'));
    if (!late) return;
    late.dropped = true;
    late.endRound = e.round;
    reach(late, index);
  },
  canister_deleted(m, e) {
    m.deleted.add(text(e, 'canister'));
  },
};

/** The matching kept between calls (`continueScan`): the graph and the timeline ask for the same arrays each round. */
let cache: { readonly events: readonly EventView[]; readonly matching: Matching; readonly flights: readonly MessageFlight[] } | null = null;
/** Answers for prefixes of the kept events, by array: the graph and the timeline ask for the same one in a render. */
let prefixAnswers = new WeakMap<readonly EventView[], readonly MessageFlight[]>();

/**
 * Every message in the trace, in the order it was sent. Pure: the same events give equal flights. The flights of
 * the kept matching are copies: its own drafts change when a later, longer array is fed to it (a request delivered,
 * a reply back), and an answer already given must not change with them. A prefix of the kept events (the playhead
 * moved back) is matched from the start by a matching thrown away afterwards, whose drafts need no copying: copying
 * them was most of the cost of a move of the slider over a long workspace (issue 16, target 1). Copies of the kept
 * matching to resume a prefix from were tried, and cost more than matching again (in Node, prefixes of 101,003
 * events: 13 ms median with a `structuredClone` every 8,192 events, 4 ms without; BENCHMARKS.md).
 */
export function collectMessages(events: readonly EventView[]): readonly MessageFlight[] {
  if (cache?.events === events) return cache.flights;
  const known = prefixAnswers.get(events);
  if (known) return known;
  const plan = continueScan(cache?.events ?? null, events);
  const matching = plan.resume ? cache!.matching : newMatching();
  for (let i = plan.from; i < events.length; i++) HANDLERS[events[i].kind]?.(matching, events[i], i);
  if (!plan.keep) {
    prefixAnswers.set(events, matching.flights);
    return matching.flights;
  }
  const flights = matching.flights.map((f): MessageFlight => ({ ...f }));
  if (!plan.resume) prefixAnswers = new WeakMap();
  cache = { events, matching, flights };
  return flights;
}

function newMatching(): Matching {
  return {
    flights: [], ingress: new Map(), requests: new Map(), openResponses: new Map(), responses: new Map(),
    timedOut: new Set(), deleted: new Set(), waiting: new Map(), lastReply: new Map(),
  };
}

/** Where a message stands at `round`: travelling, delivered (queued or executing), awaiting a reply, done. */
export type MessagePhase = 'in-flight' | 'delivered' | 'awaiting' | 'arrived';

/** The phase at `round`, or null when the message is not sent yet or was done in an earlier round. */
export function phaseAt(flight: MessageFlight, round: number): MessagePhase | null {
  if (flight.sentRound > round) return null;
  if (flight.endRound !== null && flight.endRound < round) return null;
  if (flight.endRound === round) return 'arrived';
  if (flight.executedRound !== null && flight.executedRound <= round) return 'awaiting';
  if (flight.deliveredRound !== null && flight.deliveredRound <= round) return 'delivered';
  return 'in-flight';
}
