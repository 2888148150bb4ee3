/**
 * What one call set in motion, for the console to point at in the graph and the timeline and to price: the ingress
 * message, the executions that ran for it (its method, the calls that method made, the executions serving them,
 * their callbacks, recursively), the messages between them, and the cycles each canister paid for them. Read from
 * the trace alone, through an index built in one pass (the console prices every call it shows after each step).
 */
import type { StepReport } from '../../scenario/reportTypes.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import type { EventView } from '../../worker/protocol.ts';
import { amount, int, text } from '../graph/eventFields.ts';
import { keptScan } from '../graph/continueScan.ts';

export interface CallTrail {
  /** The ingress message's id (`ingress_submitted.messageId`). */
  readonly messageId: number;
  /** Indices (into the events) of the executions and management calls that ran for it. */
  readonly eventIndices: ReadonlySet<number>;
  /** The messages, as the graph and the timeline name them: `ingress:<n>`, `request:<n>`, `response:<n>`. */
  readonly messageIds: ReadonlySet<string>;
  /**
   * Cycles each canister paid for it, by principal: the ingress induction fee, its executions (net of refunds), the
   * fee for each call it made and what the reply's bytes cost out of the reservation; for a management call, what it
   * charged (a snapshot's or an install's instructions). Cycles attached to calls are
   * transfers, not costs, and are left out.
   */
  readonly cost: ReadonlyMap<string, bigint>;
}

/**
 * The trace read once for pricing and tracing calls, kept between calls and resumed for a longer trace; a shorter one
 * (the playhead moved back) is answered from the longer one's scan by leaving out what was written at or after `end`:
 * every entry notes the event that wrote it (`at`). So the console prices its calls after each step, and while the
 * slider moves, without reading the whole trace again (issue 16, targets 1, 2 and 6).
 */
interface TrailScan {
  events: readonly EventView[];
  /** `ingress_submitted` message ids by `<round> <method>`, in order. */
  readonly submitted: Map<string, { readonly id: number; readonly at: number }[]>;
  /** Executions and management calls by the ingress message they ran for (their indices are their `at`). */
  readonly byMessage: Map<number, number[]>;
  /** Executions by the inter-canister request they served or whose response they handled. */
  readonly byRequest: Map<number, number[]>;
  /** The requests each execution sent (its `request_sent` events follow its own event). */
  readonly sentBy: Map<number, { readonly requestId: number; readonly at: number }[]>;
  /** Each request's `request_sent` event, and its `response_delivered`, by index. */
  readonly requests: Map<number, number>;
  readonly deliveries: Map<number, number>;
  /** The ingress induction fee of each message, and who paid it. */
  readonly induction: Map<number, { readonly canister: string; readonly fee: bigint; readonly at: number }>;
  /** The execution prepayment charged for an execution (a callback's comes out of its reservation), by its index. */
  readonly prepaid: Map<number, bigint>;
  /**
   * The latest execution prepayment of each canister, not yet matched with its execution: the execution's event
   * comes after its refund and its log records, and a sliced one rounds later (nothing else runs on the canister
   * meanwhile, ic-reference.md §7.5).
   */
  readonly prepayments: Map<string, bigint>;
  /**
   * What a management call charged, by its ingress message: the charges (positive) and refunds (negative) written
   * between its `management_call` and its answer (a snapshot's instructions, an install's, update_settings' fee).
   */
  readonly managementCharges: Map<number, { readonly charges: readonly { readonly canister: string; readonly cycles: bigint }[]; readonly at: number }>;
  /** A management call not answered yet, collecting its charges. */
  management: { messageId: number; charges: { canister: string; cycles: bigint }[] } | null;
  /** The latest execution, while the events after it are its commit's (the requests it sent). */
  lastExecution: number;
}

export interface TrailIndex {
  readonly events: readonly EventView[];
  readonly scan: TrailScan;
  /** Entries written at or after this event are not of `events`. */
  readonly end: number;
}

/** Events an execution's commit writes after its own event; anything else ends the run of requests it sent. */
const COMMIT_EVENTS: ReadonlySet<string> = new Set(['request_sent', 'cycles_charged', 'cycles_refunded', 'log', 'response_sent']);

/** Events a management call writes before its answer; anything else (another execution, round…) ends its charges. */
const MANAGEMENT_EFFECTS: ReadonlySet<string> = new Set([
  'code_installed', 'code_uninstalled', 'status_changed', 'settings_changed', 'canister_created', 'canister_deleted', 'cycles_topped_up',
  'snapshot_taken', 'snapshot_loaded', 'snapshot_deleted', 'chunk_uploaded', 'chunk_store_cleared', 'frozen_changed', 'log',
]);

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

function newScan(events: readonly EventView[]): TrailScan {
  return {
    events, submitted: new Map(), byMessage: new Map(), byRequest: new Map(), sentBy: new Map(), requests: new Map(),
    deliveries: new Map(), induction: new Map(), prepaid: new Map(), prepayments: new Map(), managementCharges: new Map(), management: null, lastExecution: -1,
  };
}

const scanFor = keptScan<TrailScan>(newScan, (scan, events, index) => scanEvent(scan, events, index));

export function trailIndex(events: readonly EventView[]): TrailIndex {
  return { events, scan: scanFor(events), end: events.length };
}

function scanEvent(scan: TrailScan, events: readonly EventView[], index: number): void {
  const event = events[index];
  const { management } = scan;
  if (management) {
    if (event.kind === 'cycles_charged' || event.kind === 'cycles_refunded') {
      management.charges.push({ canister: text(event, 'canister'), cycles: (event.kind === 'cycles_refunded' ? -1n : 1n) * amount(event, 'amount') });
    } else if (event.kind === 'ingress_completed' && event.messageId === management.messageId) {
      scan.managementCharges.set(management.messageId, { charges: management.charges, at: index });
      scan.management = null;
    } else if (!MANAGEMENT_EFFECTS.has(event.kind) && !(event.kind === 'execution' && event.messageId === management.messageId)) {
      scan.management = null; // still pending: what follows is not its doing
    }
  }
  if (event.kind !== 'execution' && !COMMIT_EVENTS.has(event.kind)) scan.lastExecution = -1;
  switch (event.kind) {
    case 'ingress_submitted': push(scan.submitted, `${event.round} ${text(event, 'method')}`, { id: int(event, 'messageId'), at: index }); break;
    case 'ingress_inducted': {
      const charge = events[index - 1];
      if (charge?.kind === 'cycles_charged' && charge.charge === 'ingress_induction') {
        scan.induction.set(int(event, 'messageId'), { canister: text(charge, 'canister'), fee: amount(charge, 'amount'), at: index });
      }
      break;
    }
    case 'execution': {
      if (typeof event.messageId === 'number') push(scan.byMessage, event.messageId, index);
      if (typeof event.requestId === 'number') push(scan.byRequest, event.requestId, index);
      const canister = text(event, 'canister');
      const prepayment = scan.prepayments.get(canister);
      if (prepayment !== undefined) {
        scan.prepaid.set(index, prepayment);
        scan.prepayments.delete(canister);
      }
      scan.lastExecution = index;
      break;
    }
    case 'cycles_charged':
      if (event.charge === 'execution') scan.prepayments.set(text(event, 'canister'), amount(event, 'amount'));
      break;
    case 'management_call':
      if (typeof event.messageId === 'number') {
        push(scan.byMessage, event.messageId, index);
        scan.management = { messageId: event.messageId, charges: [] };
      }
      break;
    case 'request_sent': {
      scan.requests.set(int(event, 'requestId'), index);
      const sender = scan.lastExecution >= 0 ? events[scan.lastExecution] : undefined;
      if (sender && text(sender, 'canister') === text(event, 'from')) push(scan.sentBy, scan.lastExecution, { requestId: int(event, 'requestId'), at: index });
      break;
    }
    case 'response_delivered': scan.deliveries.set(int(event, 'requestId'), index); break;
  }
}

/** The entry if the events of the index wrote it. */
function ofIndex<T extends { readonly at: number }>(index: TrailIndex, entry: T | undefined): T | undefined {
  return entry && entry.at < index.end ? entry : undefined;
}

function methodOf(step: Step | undefined): string | null {
  if (!step) return null;
  if ('call' in step) return step.call.method;
  if ('manage' in step) return step.manage.method;
  return null;
}

/**
 * The ingress message each call or management step submitted. Within a round the engine submits in step order,
 * so the k-th step calling `m` in round r is the k-th `ingress_submitted` of `m` in round r.
 */
export function ingressOfSteps(steps: readonly Step[], reports: readonly StepReport[], index: TrailIndex): Map<number, number> {
  const taken = new Map<string, number>();
  const result = new Map<number, number>();
  for (const report of reports) {
    const method = methodOf(steps[report.step]);
    if (method === null || report.submittedRound === undefined) continue;
    const key = `${report.submittedRound} ${method}`;
    const k = taken.get(key) ?? 0;
    const id = ofIndex(index, index.scan.submitted.get(key)?.[k])?.id;
    taken.set(key, k + 1);
    if (id !== undefined) result.set(report.step, id);
  }
  return result;
}

export function callTrail(index: TrailIndex, messageId: number): CallTrail {
  const { events, scan, end } = index;
  const before = (list: readonly number[] | undefined) => (list ?? []).filter((i) => i < end);
  const eventIndices = new Set<number>();
  const messageIds = new Set([`ingress:${messageId}`]);
  const cost = new Map<string, bigint>();
  const pay = (canister: string, cycles: bigint) => cost.set(canister, (cost.get(canister) ?? 0n) + cycles);
  const paid = ofIndex(index, scan.induction.get(messageId));
  if (paid) pay(paid.canister, paid.fee);
  for (const { canister, cycles } of ofIndex(index, scan.managementCharges.get(messageId))?.charges ?? []) pay(canister, cycles);
  const requests: number[] = [];
  const follow = (i: number) => {
    if (eventIndices.has(i)) return;
    eventIndices.add(i);
    const charged = events[i].cyclesCharged;
    if (typeof charged === 'string') pay(text(events[i], 'canister'), BigInt(charged));
    for (const sent of scan.sentBy.get(i) ?? []) if (sent.at < end) requests.push(sent.requestId);
  };
  for (const i of before(scan.byMessage.get(messageId))) follow(i);
  const seen = new Set<number>();
  while (requests.length > 0) {
    const requestId = requests.pop()!;
    if (seen.has(requestId)) continue;
    seen.add(requestId);
    messageIds.add(`request:${requestId}`).add(`response:${requestId}`);
    const handlers = before(scan.byRequest.get(requestId));
    handlers.forEach(follow);
    const requestAt = scan.requests.get(requestId);
    const deliveredAt = scan.deliveries.get(requestId);
    if (requestAt === undefined || requestAt >= end) continue;
    const request = events[requestAt];
    // The caller's fee for sending, and what the reply's bytes cost: the reservation less what came back and less
    // the callback's own prepayment (its execution is priced above).
    const caller = text(request, 'from');
    pay(caller, amount(request, 'fee'));
    if (deliveredAt !== undefined && deliveredAt < end) {
      const callback = handlers.find((i) => text(events[i], 'canister') === caller);
      const prepaid = callback === undefined ? 0n : scan.prepaid.get(callback) ?? 0n;
      pay(caller, amount(request, 'reserved') - amount(events[deliveredAt], 'reservationRefund') - prepaid);
    }
  }
  return { messageId, eventIndices, messageIds, cost };
}
