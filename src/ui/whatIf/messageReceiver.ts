/**
 * The canister a selected message is on its way to (issue 14: what-ifs "from a pending message or a canister"):
 * a request sent or delivered between canisters, an ingress message submitted or inducted. Its what-ifs are the
 * receiver's — what if the callee is stopped, frozen, uninstalled, traps when the request arrives — and the method it
 * calls (`messageMethod`) is the one a planned trap waits for.
 */
import type { CanisterView, EventView } from '../../worker/protocol.ts';
import { int } from '../graph/eventFields.ts';

const RECEIVER_FIELD: Readonly<Record<string, string>> = {
  request_sent: 'to',
  request_delivered: 'to',
  ingress_submitted: 'to',
  ingress_inducted: 'canister',
};

export function messageReceiver(event: EventView | null, canisters: readonly CanisterView[]): CanisterView | null {
  const field = event ? RECEIVER_FIELD[event.kind] : undefined;
  if (!event || !field) return null;
  const id = event[field];
  return canisters.find((canister) => canister.id === id && canister.status !== 'deleted') ?? null;
}

/** The event that starts a message, for those that carry only its id: the field naming it and the start's kind. */
const STARTED_BY: Readonly<Record<string, { readonly id: string; readonly kind: string }>> = {
  request_delivered: { id: 'requestId', kind: 'request_sent' },
  ingress_inducted: { id: 'messageId', kind: 'ingress_submitted' },
};

/** The method a selected message calls: its own `method`, or its start's (looked up in `events`, newest first). */
export function messageMethod(event: EventView | null, events: readonly EventView[]): string | null {
  if (!event || !RECEIVER_FIELD[event.kind]) return null;
  if (typeof event.method === 'string') return event.method;
  const start = STARTED_BY[event.kind];
  if (!start) return null;
  const id = int(event, start.id);
  for (let i = events.length - 1; i >= 0; i--) {
    const candidate = events[i];
    if (candidate.kind === start.kind && int(candidate, start.id) === id) return typeof candidate.method === 'string' ? candidate.method : null;
  }
  return null;
}
