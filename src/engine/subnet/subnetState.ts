/**
 * The whole subnet as plain data: canisters, ingress history and queues, the clock, the trace and the
 * running totals. Free functions in this folder change it; `Subnet` is the facade that owns one.
 */
import type { SubnetConfig } from '../params.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import type { Reject } from '../errors.ts';
import type { TraceEvent } from '../trace/traceEvent.ts';
import type { Request, Response } from '../messaging/messages.ts';
import { MemoryMeter } from '../canister/memoryMeter.ts';
import { initialLiveParams, type LiveParams } from './liveParams.ts';

export type IngressStatus = 'received' | 'processing' | 'replied' | 'rejected';

export interface IngressRecord {
  readonly id: number;
  readonly sender: string;
  /** Canister id text, or `aaaaa-aa` for the management canister. */
  readonly receiver: string;
  readonly method: string;
  readonly arg: Uint8Array;
  /** For management calls: the canister the call is about (pays the ingress fee, ic-reference.md §4). */
  readonly effectiveCanister: string | null;
  readonly submittedRound: number;
  completedRound: number | null;
  status: IngressStatus;
  reply: Uint8Array | null;
  reject: Reject | null;
}

/** Who a management-canister call answers: a user's ingress message or a canister's request. */
export type ManagementReplyTo = { readonly type: 'ingress'; readonly messageId: number } | { readonly type: 'request'; readonly request: Request };

export interface SubnetTotals {
  cyclesBurned: bigint;
  instructions: bigint;
  executions: number;
  /** `ic0` calls of the executions recorded (the runner's limit `maxSystemApiCallsPerRun`). */
  systemApiCalls: number;
}

export interface SubnetState {
  readonly config: SubnetConfig;
  /** Rounds executed so far; the next round is `round + 1`. */
  round: number;
  timeNs: bigint;
  /** By id text, in creation order (Map iteration order is insertion order: deterministic). */
  readonly canisters: Map<string, CanisterState>;
  nextCanisterIndex: bigint;
  readonly ingress: Map<number, IngressRecord>;
  nextMessageId: number;
  /** Submitted, not yet inducted. */
  pendingIngress: number[];
  /** Inducted management-canister messages (ingress ids or canister requests), executed first in a round. */
  subnetQueue: ({ type: 'ingress'; messageId: number } | { type: 'request'; request: Request })[];
  /** Requests and responses produced this round; routed to their queues at the start of the next. */
  outbox: ({ type: 'request'; request: Request } | { type: 'response'; response: Response })[];
  nextRequestId: number;
  /** How many `raw_rand` answers were given: with the seed, it makes each answer (ic-reference.md §4.2). */
  randomDraws: number;
  readonly trace: TraceEvent[];
  readonly subnetId: Uint8Array;
  readonly rootKey: Uint8Array;
  readonly totals: SubnetTotals;
  /** Management answers decided later (e.g. stop_canister once stopped), delivered at the end of the round. */
  deferredResponses: { replyTo: ManagementReplyTo; response: { type: 'reply'; data: Uint8Array } | { type: 'reject'; reject: Reject } }[];
  /** Cycles added from outside: initial balances and top-ups (for the conservation check). */
  cyclesMinted: bigint;
  /** The parameters a `setParams` step may change during the run, as they are now (`liveParams.ts`). */
  liveParams: LiveParams;
  /**
   * The memory the engine holds for this subnet, against the playground's budget (`playgroundMemoryBytes`,
   * `canister/memoryMeter.ts`). Not plain data: a checkpoint leaves it out and a restore counts afresh.
   */
  readonly memory: MemoryMeter;
}

/** A meter with the subnet's budget, counting nothing yet. */
export function createMemoryMeter(config: SubnetConfig): MemoryMeter {
  return new MemoryMeter(Number(config.params.playgroundMemoryBytes));
}

export function createSubnetState(config: SubnetConfig, subnetId: Uint8Array, rootKey: Uint8Array): SubnetState {
  return {
    config,
    round: 0,
    timeNs: config.params.genesisTimeNs,
    canisters: new Map(),
    nextCanisterIndex: 0n,
    ingress: new Map(),
    nextMessageId: 0,
    pendingIngress: [],
    subnetQueue: [],
    outbox: [],
    nextRequestId: 0,
    randomDraws: 0,
    trace: [],
    subnetId,
    rootKey,
    totals: { cyclesBurned: 0n, instructions: 0n, executions: 0, systemApiCalls: 0 },
    deferredResponses: [],
    cyclesMinted: 0n,
    liveParams: initialLiveParams(config.params),
    memory: createMemoryMeter(config),
  };
}
