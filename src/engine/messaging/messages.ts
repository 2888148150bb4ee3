/**
 * Inter-canister messages and call contexts as plain data (ic-reference.md §3): a request carries a call
 * from a caller's callback to a callee; a response carries the reply or reject back. A call context is
 * what a canister must eventually answer; a callback is what it waits for.
 */
import type { Closure } from '../execution/executionContext.ts';
import type { Reject } from '../errors.ts';

export interface Request {
  readonly id: number;
  readonly sender: string;
  readonly receiver: string;
  readonly method: string;
  readonly payload: Uint8Array;
  readonly cycles: bigint;
  /** The sender's callback waiting for the response. */
  readonly callbackId: number;
  /** 0 for unbounded-wait calls; else the bounded-wait deadline in ns (§3.7). */
  readonly deadlineNs: bigint;
}

export type ResponseBody = { readonly type: 'reply'; readonly data: Uint8Array } | { readonly type: 'reject'; readonly reject: Reject };

export interface Response {
  readonly requestId: number;
  /** The callee, answering. */
  readonly sender: string;
  /** The caller, receiving. */
  readonly receiver: string;
  readonly callbackId: number;
  readonly body: ResponseBody;
  /** Attached cycles the callee did not accept, going back (§3.5.1). */
  readonly refund: bigint;
  readonly deadlineNs: bigint;
  /** Made by the system for a bounded-wait call past its deadline (§3.7). */
  readonly synthetic?: boolean;
}

/** What a canister's input queue holds, executed in order. */
export type CanisterInput =
  | { readonly type: 'ingress'; readonly messageId: number }
  | { readonly type: 'request'; readonly request: Request }
  | { readonly type: 'response'; readonly response: Response };

/** Who a call context answers (ic-reference.md §3.1). */
export type CallOrigin =
  | { readonly type: 'ingress'; readonly messageId: number; readonly caller: string }
  | { readonly type: 'canister'; readonly request: Request }
  | { readonly type: 'system'; readonly task: string };

export interface CallContext {
  readonly id: number;
  readonly origin: CallOrigin;
  needsToRespond: boolean;
  /** Set when the canister is uninstalled: callbacks of this context never run (§3.9). */
  deleted: boolean;
  /** Attached cycles not yet accepted. */
  availableCycles: bigint;
  /** Instructions of every execution in this context so far (`performance_counter(1)`). */
  instructions: bigint;
  /** Calls made from this context still waiting for their response: kept as a count, since a context with many
   * calls out would otherwise search every callback of the canister on each of their responses. */
  outstandingCalls: number;
}

export interface Callback {
  readonly id: number;
  readonly callContextId: number;
  readonly requestId: number;
  readonly callee: string;
  readonly method: string;
  readonly reply: Closure;
  readonly reject: Closure;
  readonly cleanup: Closure | null;
  readonly cyclesSent: bigint;
  /** Reservations made at `call_perform`, settled when the response arrives (§5.4). */
  readonly replyReservation: bigint;
  readonly executionReservation: bigint;
  readonly deadlineNs: bigint;
  /** A bounded-wait call already answered by the system with SYS_UNKNOWN (§3.7); the real response is dropped. */
  timedOut: boolean;
}

/** A caller's view of a call context: the principal of whoever made the call. */
export function originCaller(origin: CallOrigin): string {
  if (origin.type === 'ingress') return origin.caller;
  if (origin.type === 'canister') return origin.request.sender;
  return 'aaaaa-aa';
}
