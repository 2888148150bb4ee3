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
import { keptScan } from './continueScan.ts';
import { countBefore } from './countBefore.ts';

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

/** A field's value before the event at `index` changed it. */
interface Change {
  readonly index: number;
  readonly field: keyof Draft;
  readonly old: unknown;
}

/**
 * A message as the matching builds it, with what it needs to answer for a prefix of the events: the changes made to
 * it (undone from the latest back to the prefix's end), a copy of its present state for answers (a draft changes as
 * later events arrive; an answer already given must not), and, for finding messages in a window of rounds without
 * reading all of them, the event that first ended it and the latest round it was said to end in.
 */
interface FlightRecord {
  readonly draft: Draft;
  readonly position: number;
  readonly log: Change[];
  snapshot: MessageFlight | null;
  /** Index of the event that first set `endRound`; Infinity while it is in flight. */
  endedAt: number;
  /** The latest round `endRound` has held, −1 while it has held none. */
  latestEnd: number;
}

interface Matching {
  readonly records: FlightRecord[];
  readonly ingress: Map<number, FlightRecord>;
  readonly requests: Map<number, FlightRecord>;
  /** The response each request's callback waits for (the real one, or the system's timeout). */
  readonly openResponses: Map<number, FlightRecord>;
  /** The callee's own response to each request, once sent (a late one may be dropped later). */
  readonly responses: Map<number, FlightRecord>;
  readonly timedOut: Set<number>;
  readonly deleted: Set<string>;
  /** Requests not yet executed, per `callee caller` pair, in send order. */
  readonly waiting: Map<string, FlightRecord[]>;
  /** Each canister's latest execution that replied, with its round: the reply a `response_sent` or an
   * `ingress_completed` of that round carries. */
  readonly lastReply: Map<string, { readonly round: number; readonly index: number }>;
  /** Per block of `BLOCK` records: the latest `endedAt` and `latestEnd` among them, or null when to be recomputed. */
  readonly blocks: ({ endedAt: number; latestEnd: number } | null)[];
  /** Principals in the order messages first named them (`messageParties`), with the record that did. */
  readonly firstNamed: { readonly principal: string; readonly asUser: boolean; readonly position: number }[];
  readonly named: Set<string>;
  /** Senders of ingress messages, each with the first record it sent. */
  readonly ingressSenders: { readonly principal: string; readonly position: number }[];
  readonly senders: Set<string>;
  /** Index of the event being read. */
  at: number;
}

/** Records per block of the window index: a window skips the blocks whose messages all ended before it. */
const BLOCK = 64;

function addFlight(m: Matching, fields: Pick<Draft, 'id' | 'kind' | 'from' | 'to' | 'method' | 'sentRound' | 'eventIndex'> & Partial<Draft>): FlightRecord {
  const draft: Draft = {
    cycles: '0', refund: '0', deadlineNs: '0', deliveredRound: null, executedRound: null, endRound: null,
    trapped: false, reject: null, dropped: false, reachedIndex: null, completedIndex: null, argFrom: null, replyFrom: null, ...fields,
  };
  const record: FlightRecord = { draft, position: m.records.length, log: [], snapshot: null, endedAt: Infinity, latestEnd: -1 };
  m.records.push(record);
  m.blocks[Math.floor(record.position / BLOCK)] = null;
  const name = (principal: string, asUser: boolean) => {
    if (m.named.has(principal)) return;
    m.named.add(principal);
    m.firstNamed.push({ principal, asUser, position: record.position });
  };
  if (draft.kind === 'ingress' || draft.kind === 'request') {
    name(draft.from, draft.kind === 'ingress');
    name(draft.to, false);
  }
  if (draft.kind === 'ingress' && !m.senders.has(draft.from)) {
    m.senders.add(draft.from);
    m.ingressSenders.push({ principal: draft.from, position: record.position });
  }
  return record;
}

/** Every change to a message goes through here, so that it can be undone for a prefix of the events. */
function update(m: Matching, record: FlightRecord, fields: Partial<Draft>): void {
  const draft = record.draft as Record<keyof Draft, unknown>;
  for (const field of Object.keys(fields) as (keyof Draft)[]) {
    const value = fields[field];
    if (draft[field] === value) continue;
    record.log.push({ index: m.at, field, old: draft[field] });
    draft[field] = value;
    if (field === 'endRound' && typeof value === 'number') {
      if (record.endedAt === Infinity) record.endedAt = m.at;
      record.latestEnd = Math.max(record.latestEnd, value);
    }
  }
  record.snapshot = null;
  m.blocks[Math.floor(record.position / BLOCK)] = null;
}

/** The first waiting request from `caller` to `callee` for `method` that has reached the callee. */
function claimRequest(m: Matching, callee: string, caller: string, method: string): FlightRecord | undefined {
  const list = m.waiting.get(`${callee} ${caller}`);
  const index = list?.findIndex((r) => r.draft.method === method && r.draft.deliveredRound !== null) ?? -1;
  return index < 0 ? undefined : list!.splice(index, 1)[0];
}

function unwait(m: Matching, request: FlightRecord): void {
  const list = m.waiting.get(`${request.draft.to} ${request.draft.from}`);
  const index = list?.indexOf(request) ?? -1;
  if (index >= 0) list!.splice(index, 1);
}

/** The event at which a message first reached its receiver (or ended without reaching it). */
function reached(record: FlightRecord, index: number): Partial<Draft> {
  return record.draft.reachedIndex === null ? { reachedIndex: index } : {};
}

function markExecuted(m: Matching, record: FlightRecord | undefined, round: number, trapped: boolean, ends: boolean, index: number): void {
  if (!record || record.draft.executedRound !== null) return;
  update(m, record, { executedRound: round, trapped, argFrom: index, ...(ends && { endRound: round, ...reached(record, index) }) });
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
    const record = addFlight(m, {
      id: `ingress:${int(e, 'messageId')}`, kind: 'ingress', from: text(e, 'from'), to: text(e, 'to'),
      method: text(e, 'method'), sentRound: e.round, eventIndex: index,
    });
    m.ingress.set(int(e, 'messageId'), record);
  },
  ingress_inducted(m, e, index) {
    const record = m.ingress.get(int(e, 'messageId'));
    if (record && record.draft.deliveredRound === null) update(m, record, { deliveredRound: e.round, ...reached(record, index) });
  },
  ingress_completed(m, e, index) {
    const record = m.ingress.get(int(e, 'messageId'));
    if (!record || record.draft.endRound !== null) return;
    const answer = response(e);
    update(m, record, {
      endRound: e.round, completedIndex: index, ...reached(record, index), reject: answer.type === 'reject' ? answer : null,
      ...(answer.type === 'reply' && { replyFrom: replyOf(m, record.draft.to, e.round) }),
    });
  },
  execution(m, e, index) {
    const trapped = text(e, 'outcome') === 'trap';
    if (typeof e.reply === 'string') m.lastReply.set(text(e, 'canister'), { round: e.round, index });
    if (e.messageId !== null && e.messageId !== undefined) {
      markExecuted(m, m.ingress.get(int(e, 'messageId')), e.round, trapped, false, index);
      return;
    }
    const method = calledMethod(text(e, 'entryPoint'));
    if (method === null) return;
    // Executions name the request they served (`requestId`); traces without it are matched by send order.
    const served = typeof e.requestId === 'number' ? m.requests.get(e.requestId) : undefined;
    if (served) {
      unwait(m, served);
      markExecuted(m, served, e.round, trapped, true, index);
      return;
    }
    markExecuted(m, claimRequest(m, text(e, 'canister'), text(e, 'caller'), method), e.round, trapped, true, index);
  },
  management_call(m, e, index) {
    if (e.messageId !== null && e.messageId !== undefined) {
      markExecuted(m, m.ingress.get(int(e, 'messageId')), e.round, false, false, index);
      return;
    }
    markExecuted(m, claimRequest(m, MANAGEMENT_CANISTER, text(e, 'caller'), text(e, 'method')), e.round, false, true, index);
  },
  request_sent(m, e, index) {
    const record = addFlight(m, {
      id: `request:${int(e, 'requestId')}`, kind: 'request', from: text(e, 'from'), to: text(e, 'to'),
      method: text(e, 'method'), cycles: text(e, 'cycles') || '0', deadlineNs: text(e, 'deadlineNs') || '0',
      sentRound: e.round, eventIndex: index,
    });
    m.requests.set(int(e, 'requestId'), record);
    const key = `${record.draft.to} ${record.draft.from}`;
    const waiting = m.waiting.get(key);
    if (waiting) waiting.push(record);
    else m.waiting.set(key, [record]);
  },
  request_delivered(m, e, index) {
    const record = m.requests.get(int(e, 'requestId'));
    if (record && record.draft.deliveredRound === null) update(m, record, { deliveredRound: e.round, ...reached(record, index) });
  },
  response_sent(m, e, index) {
    const requestId = int(e, 'requestId');
    const request = m.requests.get(requestId);
    // Answered without running (by the system, or after the callee's own calls): the request is over now.
    if (request && request.draft.endRound === null) {
      update(m, request, { endRound: e.round, ...reached(request, index) });
      unwait(m, request);
    }
    const answer = response(e);
    const record = addFlight(m, {
      id: `response:${requestId}`, kind: answer.type === 'reject' ? 'response-reject' : 'response-reply',
      from: text(e, 'from'), to: text(e, 'to'), method: request?.draft.method ?? '', refund: text(e, 'refund') || '0',
      deadlineNs: request?.draft.deadlineNs ?? '0', sentRound: e.round, eventIndex: index, reject: answer.type === 'reject' ? answer : null,
      replyFrom: answer.type === 'reply' ? replyOf(m, text(e, 'from'), e.round) : null,
    });
    m.responses.set(requestId, record);
    if (m.timedOut.has(requestId) || m.deleted.has(record.draft.to)) {
      // Nobody waits for it: it is discarded where it arrives (`response_dropped`; traces before that event: next round).
      update(m, record, { dropped: true, endRound: e.round + 1 });
    } else {
      m.openResponses.set(requestId, record);
    }
  },
  response_delivered(m, e, index) {
    const requestId = int(e, 'requestId');
    const record = m.openResponses.get(requestId);
    if (!record) return;
    update(m, record, { deliveredRound: e.round, endRound: e.round, ...reached(record, index) });
    m.openResponses.delete(requestId);
  },
  call_timed_out(m, e, index) {
    const requestId = int(e, 'requestId');
    m.timedOut.add(requestId);
    const late = m.openResponses.get(requestId);
    // The real response was already on its way: the system's answer overtakes it and it is discarded.
    if (late) update(m, late, { dropped: true, endRound: e.round, ...reached(late, index) });
    const request = m.requests.get(requestId);
    // The system answers, not the callee (which may still be running the request, §3.7): drawn from `ic`.
    const record = addFlight(m, {
      id: `timeout:${requestId}`, kind: 'response-reject', from: MANAGEMENT_CANISTER,
      to: text(e, 'canister'), method: request?.draft.method ?? '', deadlineNs: request?.draft.deadlineNs ?? '0', sentRound: e.round, eventIndex: index,
      reject: { type: 'reject', rejectCode: 6, errorCode: null, message: 'Call deadline has expired.' },
    });
    m.openResponses.set(requestId, record);
  },
  message_shed(m, e, index) {
    // Shed at a round's end (§3.7): a request as if it had expired, a response as if it had come late.
    (e.message === 'request' ? HANDLERS.request_expired : HANDLERS.response_dropped)(m, e, index);
  },
  request_expired(m, e, index) {
    // Still in the callee's queue at its deadline: dropped before it ran (§3.7).
    const request = m.requests.get(int(e, 'requestId'));
    if (!request || request.draft.endRound !== null) return;
    update(m, request, { dropped: true, endRound: e.round, ...reached(request, index) });
    unwait(m, request);
  },
  response_dropped(m, e, index) {
    // The real response to a call that had timed out: it reached the caller in this round and was discarded there.
    const late = m.responses.get(int(e, 'requestId'));
    if (late) update(m, late, { dropped: true, endRound: e.round, ...reached(late, index) });
  },
  canister_deleted(m, e) {
    m.deleted.add(text(e, 'canister'));
  },
};

function newMatching(): Matching {
  return {
    records: [], ingress: new Map(), requests: new Map(), openResponses: new Map(), responses: new Map(),
    timedOut: new Set(), deleted: new Set(), waiting: new Map(), lastReply: new Map(), blocks: [],
    firstNamed: [], named: new Set(), ingressSenders: [], senders: new Set(), at: 0,
  };
}

/** Answers of `collectMessages`, by array: the graph and the timeline may ask for the same one in a render. */
let answers = new WeakMap<readonly EventView[], readonly MessageFlight[]>();

/**
 * The matching of the longest history asked about, brought up to `events` (`keptScan`); shorter arrays that are its
 * prefixes are answered from it.
 */
const keptMatching = keptScan<{ events: readonly EventView[]; readonly matching: Matching }>(
  (events) => {
    answers = new WeakMap();
    return { events, matching: newMatching() };
  },
  ({ matching }, events, i) => {
    matching.at = i;
    HANDLERS[events[i].kind]?.(matching, events[i], i);
  },
);

function matchingFor(events: readonly EventView[]): Matching {
  return keptMatching(events).matching;
}

/** The kept matching's messages sent by the first `end` events. */
function recordsBefore(m: Matching, end: number): number {
  return countBefore(m.records, (r) => r.draft.eventIndex >= end);
}

/**
 * A message as the events before `end` left it: its present state with the changes made at or after `end` undone.
 * Both are copies a later event cannot change.
 */
function asOf(record: FlightRecord, end: number): MessageFlight {
  const { log } = record;
  if (log.length === 0 || log[log.length - 1].index < end) return (record.snapshot ??= { ...record.draft });
  const copy = { ...record.draft } as Record<keyof Draft, unknown>;
  for (let i = log.length - 1; i >= 0 && log[i].index >= end; i--) copy[log[i].field] = log[i].old;
  return copy as MessageFlight;
}

/**
 * Every message in the trace, in the order it was sent. Pure: the same events give equal flights (what matching them
 * from the start gives). The matching is kept between calls: a longer array is read from where it stopped, a prefix
 * (the playhead moved back) is answered by undoing what later events changed, instead of matching it again from the
 * first event (issue 16, target 1).
 */
export function collectMessages(events: readonly EventView[]): readonly MessageFlight[] {
  const known = answers.get(events);
  if (known) return known;
  const m = matchingFor(events);
  const end = events.length;
  const flights = m.records.slice(0, recordsBefore(m, end)).map((r) => asOf(r, end));
  answers.set(events, flights);
  return flights;
}

/**
 * The messages of the first `end` events (all of them by default) in flight at some round from `from` to `to`: sent
 * by `to` and not done before `from`, in the order they were sent. What `collectMessages(events.slice(0, end))`
 * filtered so would give, at a cost that grows with the messages of the window, not with the whole trace: the graph
 * asks for one round each time the playhead moves, the timeline for the rounds in view.
 */
export function messagesInRounds(events: readonly EventView[], from: number, to: number, end = events.length): MessageFlight[] {
  const m = matchingFor(events);
  const { records } = m;
  const count = Math.min(recordsBefore(m, end), countBefore(records, (r) => r.draft.sentRound > to));
  const out: MessageFlight[] = [];
  for (let block = 0; block * BLOCK < count; block++) {
    const first = block * BLOCK;
    const last = Math.min(first + BLOCK, count);
    const bounds = m.blocks[block] ??= blockBounds(records, first, Math.min(first + BLOCK, records.length));
    // A message in this block can be in flight at `from` only if it was still in flight at `end` or said to end then.
    if (bounds.endedAt < end && bounds.latestEnd < from) continue;
    for (let i = first; i < last; i++) {
      const record = records[i];
      if (record.endedAt < end && record.latestEnd < from) continue;
      const flight = asOf(record, end);
      if (flight.endRound === null || flight.endRound >= from) out.push(flight);
    }
  }
  return out;
}

function blockBounds(records: readonly FlightRecord[], first: number, last: number): { endedAt: number; latestEnd: number } {
  let endedAt = -1;
  let latestEnd = -1;
  for (let i = first; i < last; i++) {
    endedAt = Math.max(endedAt, records[i].endedAt);
    latestEnd = Math.max(latestEnd, records[i].latestEnd);
  }
  return { endedAt, latestEnd };
}

export interface MessageParties {
  /** Every principal the messages name as sender or receiver of a call, in the order first named; `asUser` when that
   * was as the sender of an ingress message. */
  readonly named: readonly { readonly principal: string; readonly asUser: boolean }[];
  /** Every principal that sent an ingress message. */
  readonly ingressSenders: ReadonlySet<string>;
}

/** Who the messages of `events` name, from the kept matching (a scan of the principals, not of the messages). */
export function messageParties(events: readonly EventView[]): MessageParties {
  const m = matchingFor(events);
  const count = recordsBefore(m, events.length);
  return {
    named: m.firstNamed.filter((n) => n.position < count).map(({ principal, asUser }) => ({ principal, asUser })),
    ingressSenders: new Set(m.ingressSenders.filter((s) => s.position < count).map((s) => s.principal)),
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
