/**
 * The canister a selected message is on its way to (issue 14: what-ifs "from a pending message or a canister"):
 * a request sent or delivered between canisters, an ingress message submitted or inducted. Its what-ifs are the
 * receiver's — what if the callee is stopped, frozen, uninstalled when the request arrives.
 */
import type { CanisterView, EventView } from '../../worker/protocol.ts';

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
