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

export interface TrailIndex {
  readonly events: readonly EventView[];
  /** `ingress_submitted` message ids by `<round> <method>`, in order. */
  readonly submitted: ReadonlyMap<string, readonly number[]>;
  /** Executions and management calls by the ingress message they ran for. */
  readonly byMessage: ReadonlyMap<number, readonly number[]>;
  /** Executions by the inter-canister request they served or whose response they handled. */
  readonly byRequest: ReadonlyMap<number, readonly number[]>;
  /** The requests each execution sent (its `request_sent` events follow its own event). */
  readonly sentBy: ReadonlyMap<number, readonly number[]>;
  readonly requests: ReadonlyMap<number, EventView>;
  readonly deliveries: ReadonlyMap<number, EventView>;
  /** The ingress induction fee of each message, and who paid it. */
  readonly induction: ReadonlyMap<number, { readonly canister: string; readonly fee: bigint }>;
  /** The execution prepayment charged just before an execution (a callback's comes out of its reservation). */
  readonly prepaid: ReadonlyMap<number, bigint>;
  /**
   * What a management call charged, by its ingress message: the charges (positive) and refunds (negative) written
   * between its `management_call` and its answer (a snapshot's instructions, an install's, update_settings' fee).
   */
  readonly managementCharges: ReadonlyMap<number, readonly { readonly canister: string; readonly cycles: bigint }[]>;
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

export function trailIndex(events: readonly EventView[]): TrailIndex {
  const submitted = new Map<string, number[]>();
  const byMessage = new Map<number, number[]>();
  const byRequest = new Map<number, number[]>();
  const sentBy = new Map<number, number[]>();
  const requests = new Map<number, EventView>();
  const deliveries = new Map<number, EventView>();
  const induction = new Map<number, { canister: string; fee: bigint }>();
  const prepaid = new Map<number, bigint>();
  const managementCharges = new Map<number, { canister: string; cycles: bigint }[]>();
  let management: { messageId: number; charges: { canister: string; cycles: bigint }[] } | null = null;
  let lastExecution = -1;
  events.forEach((event, index) => {
    if (management) {
      if (event.kind === 'cycles_charged' || event.kind === 'cycles_refunded') {
        management.charges.push({ canister: text(event, 'canister'), cycles: (event.kind === 'cycles_refunded' ? -1n : 1n) * amount(event, 'amount') });
      } else if (event.kind === 'ingress_completed' && event.messageId === management.messageId) {
        managementCharges.set(management.messageId, management.charges);
        management = null;
      } else if (!MANAGEMENT_EFFECTS.has(event.kind) && !(event.kind === 'execution' && event.messageId === management.messageId)) {
        management = null; // still pending: what follows is not its doing
      }
    }
    if (event.kind !== 'execution' && !COMMIT_EVENTS.has(event.kind)) lastExecution = -1;
    switch (event.kind) {
      case 'ingress_submitted': push(submitted, `${event.round} ${text(event, 'method')}`, int(event, 'messageId')); break;
      case 'ingress_inducted': {
        const charge = events[index - 1];
        if (charge?.kind === 'cycles_charged' && charge.charge === 'ingress_induction') {
          induction.set(int(event, 'messageId'), { canister: text(charge, 'canister'), fee: amount(charge, 'amount') });
        }
        break;
      }
      case 'execution': {
        if (typeof event.messageId === 'number') push(byMessage, event.messageId, index);
        if (typeof event.requestId === 'number') push(byRequest, event.requestId, index);
        for (let j = index - 1; j >= 0 && (events[j].kind === 'cycles_charged' || events[j].kind === 'cycles_refunded'); j--) {
          if (events[j].kind === 'cycles_charged' && events[j].charge === 'execution') prepaid.set(index, amount(events[j], 'amount'));
        }
        lastExecution = index;
        break;
      }
      case 'management_call':
        if (typeof event.messageId === 'number') {
          push(byMessage, event.messageId, index);
          management = { messageId: event.messageId, charges: [] };
        }
        break;
      case 'request_sent': {
        requests.set(int(event, 'requestId'), event);
        const sender = lastExecution >= 0 ? events[lastExecution] : undefined;
        if (sender && text(sender, 'canister') === text(event, 'from')) push(sentBy, lastExecution, int(event, 'requestId'));
        break;
      }
      case 'response_delivered': deliveries.set(int(event, 'requestId'), event); break;
    }
  });
  return { events, submitted, byMessage, byRequest, sentBy, requests, deliveries, induction, prepaid, managementCharges };
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
    const id = index.submitted.get(key)?.[k];
    taken.set(key, k + 1);
    if (id !== undefined) result.set(report.step, id);
  }
  return result;
}

export function callTrail(index: TrailIndex, messageId: number): CallTrail {
  const { events } = index;
  const eventIndices = new Set<number>();
  const messageIds = new Set([`ingress:${messageId}`]);
  const cost = new Map<string, bigint>();
  const pay = (canister: string, cycles: bigint) => cost.set(canister, (cost.get(canister) ?? 0n) + cycles);
  const paid = index.induction.get(messageId);
  if (paid) pay(paid.canister, paid.fee);
  for (const { canister, cycles } of index.managementCharges.get(messageId) ?? []) pay(canister, cycles);
  const requests: number[] = [];
  const follow = (i: number) => {
    if (eventIndices.has(i)) return;
    eventIndices.add(i);
    const charged = events[i].cyclesCharged;
    if (typeof charged === 'string') pay(text(events[i], 'canister'), BigInt(charged));
    requests.push(...(index.sentBy.get(i) ?? []));
  };
  for (const i of index.byMessage.get(messageId) ?? []) follow(i);
  const seen = new Set<number>();
  while (requests.length > 0) {
    const requestId = requests.pop()!;
    if (seen.has(requestId)) continue;
    seen.add(requestId);
    messageIds.add(`request:${requestId}`).add(`response:${requestId}`);
    const handlers = index.byRequest.get(requestId) ?? [];
    handlers.forEach(follow);
    const request = index.requests.get(requestId);
    const delivered = index.deliveries.get(requestId);
    if (!request) continue;
    // The caller's fee for sending, and what the reply's bytes cost: the reservation less what came back and less
    // the callback's own prepayment (its execution is priced above).
    const caller = text(request, 'from');
    pay(caller, amount(request, 'fee'));
    if (delivered) {
      const callback = handlers.find((i) => text(events[i], 'canister') === caller);
      const prepaid = callback === undefined ? 0n : index.prepaid.get(callback) ?? 0n;
      pay(caller, amount(request, 'reserved') - amount(delivered, 'reservationRefund') - prepaid);
    }
  }
  return { messageId, eventIndices, messageIds, cost };
}
