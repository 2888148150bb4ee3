/**
 * The canister a selected message is on its way to (issue 14: what-ifs "from a pending message or a canister"):
 * a request sent or delivered between canisters, an ingress message submitted or inducted. Its what-ifs are the
 * receiver's — what if the callee is stopped, frozen, uninstalled, traps when the request arrives — and the method it
 * calls (`messageMethod`) is the one a planned trap waits for.
 */
import type { CanisterView, EventView } from '../../worker/protocol.ts';
import { originOf, type EventOrigins } from '../events/eventContext.ts';

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

/** The method a selected message calls: its start's (`originOf`: itself, or the submission or request it belongs to). */
export function messageMethod(event: EventView | null, origins: EventOrigins): string | null {
  if (!event || !RECEIVER_FIELD[event.kind]) return null;
  const method = originOf(event, origins)?.method;
  return typeof method === 'string' ? method : null;
}
