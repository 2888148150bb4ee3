/**
 * What a message carried, as Candid text for the graph's and the timeline's tooltips: a call's argument (from the
 * execution that ran it) and a reply (from the execution that gave it), typed by the receiving canister's
 * interface (`candid:service`) when it has one, by the wire types otherwise. Null where the bytes are not Candid,
 * longer than the trace keeps, or no execution carried them (the management canister answers without one).
 */
import type { CandidMetadata } from '../../engine/index.ts';
import type { EventView } from '../../worker/protocol.ts';
import type { executionCandid, ExecutionCandid } from '../inspector/executionCandid.ts';
import type { MessageFlight } from './messageFlights.ts';

export interface MessagePayload {
  readonly arg: string | null;
  readonly reply: string | null;
}

/** `executionCandid`, handed in: the views load it after the first graph (`useExecutionCandid`). */
export type DecodeExecution = typeof executionCandid;

/** The canister's Candid metadata, or null. */
export type CandidOf = (principal: string) => CandidMetadata | null;

/** Decoding is done once per execution event, method and interface: the views ask again every round. */
const decoded = new WeakMap<EventView, Map<string, { readonly metadata: CandidMetadata | null; readonly candid: ExecutionCandid }>>();

function decode(event: EventView | undefined, metadata: CandidMetadata | null, method: string, executionCandid: DecodeExecution): ExecutionCandid | null {
  if (!event || event.kind !== 'execution') return null;
  let byMethod = decoded.get(event);
  if (!byMethod) decoded.set(event, (byMethod = new Map()));
  const cached = byMethod.get(method);
  if (cached && cached.metadata === metadata) return cached.candid;
  const candid = executionCandid(event, metadata, method);
  byMethod.set(method, { metadata, candid });
  return candid;
}

/** Without a decoder (not loaded yet), nothing: the tooltip says what it can without Candid. */
export function messagePayload(flight: MessageFlight, events: readonly EventView[], candidOf: CandidOf, executionCandid: DecodeExecution | null): MessagePayload {
  if (!executionCandid) return { arg: null, reply: null };
  const isCall = flight.kind === 'ingress' || flight.kind === 'request';
  // A call's argument and an ingress call's answer are typed by the callee; a response by the canister that gave it.
  const metadata = candidOf(isCall ? flight.to : flight.from);
  const arg = isCall && flight.argFrom !== null ? decode(events[flight.argFrom], metadata, flight.method, executionCandid)?.arg ?? null : null;
  const reply = flight.replyFrom !== null ? decode(events[flight.replyFrom], metadata, flight.method, executionCandid)?.reply ?? null : null;
  return { arg, reply };
}

/** `candidOf` for the canisters of a view. */
export function candidOfCanisters(canisters: readonly { readonly id: string; readonly candid: CandidMetadata | null }[]): CandidOf {
  const byId = new Map(canisters.map((c) => [c.id, c.candid]));
  return (principal) => byId.get(principal) ?? null;
}
