/**
 * What a sentence about an event needs beyond the event itself: names for principals, and, for the events that
 * carry only a message or request id (an ingress completing, a response arriving), the event that started it.
 * The origins are indexed once per events array, so describing or filtering one event never scans the trace.
 */
import type { EventView, SubnetView } from '../../worker/protocol.ts';
import { int } from '../graph/eventFields.ts';
import { MANAGEMENT_CANISTER } from '../graph/messageFlights.ts';

export interface EventOrigins {
  /** Each ingress message's `ingress_submitted`, by message id. */
  readonly submissions: ReadonlyMap<number, EventView>;
  /** Each inter-canister call's `request_sent`, by request id. */
  readonly requests: ReadonlyMap<number, EventView>;
}

export interface EventContext extends EventOrigins {
  /** A canister's or user's name; the principal itself when it has none. */
  nameOf(principal: string): string;
}

export function eventOrigins(events: readonly EventView[]): EventOrigins {
  const submissions = new Map<number, EventView>();
  const requests = new Map<number, EventView>();
  for (const event of events) {
    if (event.kind === 'ingress_submitted') submissions.set(int(event, 'messageId'), event);
    else if (event.kind === 'request_sent') requests.set(int(event, 'requestId'), event);
  }
  return { submissions, requests };
}

export function eventContext(view: Pick<SubnetView, 'canisters' | 'users'> | null, origins: EventOrigins): EventContext {
  const names = new Map<string, string>([[MANAGEMENT_CANISTER, 'the management canister']]);
  for (const user of view?.users ?? []) names.set(user.principal, user.name);
  for (const canister of view?.canisters ?? []) names.set(canister.id, canister.name);
  return { ...origins, nameOf: (principal) => names.get(principal) ?? principal };
}

/** The event that started the message or call this event belongs to (itself for a start), if it is known. */
export function originOf(event: EventView, origins: EventOrigins): EventView | undefined {
  if (typeof event.messageId === 'number') return origins.submissions.get(event.messageId);
  if (typeof event.requestId === 'number') return origins.requests.get(event.requestId);
  return undefined;
}
