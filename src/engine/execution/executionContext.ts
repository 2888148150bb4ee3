/**
 * Everything one execution of one entry point can see and change through the System API. It is created
 * before the execution and read afterwards; changes to system state are collected here and applied only if
 * the execution commits (ic-reference.md §3.4: a trap discards all of them except instructions and logs).
 */
import { emptyExecutionLog, type ExecutionLog } from '../canister/canisterLogStore.ts';
import type { ApiContext } from '../systemApi/apiContext.ts';
import type { CanisterStatus } from '../trace/traceEvent.ts';

export type ExecutionResponse =
  | { readonly type: 'reply'; readonly data: Uint8Array }
  | { readonly type: 'reject'; readonly message: string };

/** A closure in the canister's table: function index and its environment (ic-reference.md §1.2 `call_new`). */
export interface Closure {
  readonly fun: number;
  readonly env: number;
}

/** An inter-canister call being built between `call_new` and `call_perform` (ic-reference.md §1.2). */
export interface CallUnderConstruction {
  readonly callee: Uint8Array;
  readonly method: string;
  readonly reply: Closure;
  readonly reject: Closure;
  cleanup: Closure | null;
  payload: Uint8Array[];
  payloadBytes: number;
  cycles: bigint;
  timeoutSeconds: number | null;
}

/** A call `call_perform` accepted; it is sent only if the execution commits (§1.2). */
export interface PerformedCall {
  readonly callee: Uint8Array;
  readonly method: string;
  readonly reply: Closure;
  readonly reject: Closure;
  readonly cleanup: Closure | null;
  readonly payload: Uint8Array;
  readonly cycles: bigint;
  readonly timeoutSeconds: number | null;
  /** `xnet_call_fee` + bytes, not refundable (§5.4). */
  readonly transmissionFee: bigint;
  /** Reserved for the largest reply's transmission (§5.4). */
  readonly replyReservation: bigint;
  /** Reserved to execute the callback (§5.4). */
  readonly executionReservation: bigint;
}

/**
 * The slots of the queues between the canister and its callees (ic-reference.md §6.3): each of its calls awaiting a
 * response holds one, and `call_perform` needs one free.
 */
export interface QueueSlots {
  /** Messages a queue holds: the subnet's `queueCapacity` as it is now (at most 10,000: an exact number). */
  readonly capacity: number;
  /** The canister's calls awaiting a response when the execution started. */
  readonly awaiting: number;
  /** A callee's key (its principal text), and how many of those calls went to it. */
  readonly keyOf: (callee: Uint8Array) => string;
  readonly awaitingTo: (key: string) => number;
}

/** For a context made outside a subnet (unit tests): no bound. */
const UNBOUNDED_QUEUES: QueueSlots = { capacity: Infinity, awaiting: 0, keyOf: () => '', awaitingTo: () => 0 };

export interface ExecutionContext {
  readonly api: ApiContext;
  readonly self: Uint8Array;
  readonly caller: Uint8Array;
  /** Argument (or reply payload in a reply callback). */
  readonly arg: Uint8Array;
  /** The method name, visible to `canister_inspect_message`. */
  readonly methodName: string;
  readonly timeNs: bigint;
  readonly status: CanisterStatus;
  readonly version: bigint;
  readonly controllers: readonly Uint8Array[];
  readonly subnetId: Uint8Array;
  readonly rootKey: Uint8Array;
  /** Sorted by name (ic-reference.md §1.2 env vars). */
  readonly envVars: readonly (readonly [string, string])[];
  /** The budget this execution started with; the IC0522 message names it. */
  readonly instructionLimit: bigint;
  /** Instructions already spent by earlier executions of the same call context (performance_counter(1)). */
  readonly callContextInstructions: bigint;
  readonly queueSlots: QueueSlots;
  /** The freezing limit in force; liquid balance = balance − this (ic-reference.md §1.2 cycles). */
  readonly freezingLimit: bigint;
  /** Wasm memory limit in bytes, 0 = none; enforced only where `enforceWasmMemoryLimit` (§4.1). */
  readonly wasmMemoryLimit: bigint;
  readonly enforceWasmMemoryLimit: boolean;
  /** Max bytes of stable memory written (and accessed) in this execution (§6.2). */
  readonly stableAccessLimitBytes: bigint;
  /** Max reply size (2 MiB replicated, 3 MiB non-replicated query; §1.2). */
  readonly maxReplyBytes: number;
  /** Reject code seen by callbacks (0 in a reply callback); unused elsewhere. */
  readonly rejectCode: number;
  readonly rejectMessage: string | null;
  readonly cyclesRefunded: bigint;
  readonly deadlineNs: bigint;

  // ---- changed by the execution ----
  /** The balance as the canister sees it: its balance minus prepayments, plus accepted, minus burned. */
  balance: bigint;
  cyclesAvailable: bigint;
  cyclesAccepted: bigint;
  cyclesBurned: bigint;
  response: ExecutionResponse | null;
  replyBuffer: Uint8Array[];
  replyBufferBytes: number;
  messageAccepted: boolean;
  certifiedData: Uint8Array | null;
  /** The timer as it is now in this execution (`global_timer_set` returns the previous value). */
  globalTimer: bigint;
  globalTimerChanged: boolean;
  /** This execution's log (`canister/canisterLogStore.ts`); it survives a trap. */
  log: ExecutionLog;
  /** Bytes this execution's log may hold: min(`log_memory_limit`, 2 MiB); 0 when logging is off. */
  readonly logCapacity: number;
  /** 4 KiB stable pages written / read in this execution (overhead and limits, §6.2, §8.3). */
  stableDirtyPages: Set<number>;
  stableAccessedPages: Set<number>;
  callUnderConstruction: CallUnderConstruction | null;
  performedCalls: PerformedCall[];
  /** Calls performed in this execution by callee key: counted once the queues near their capacity (`call_perform`). */
  queueSlotsTaken: Map<string, number> | null;
  /** How many times each `ic0` function was called (for the inspector's "System API calls" list). */
  ic0Calls: Record<string, number>;
  /** `ic0` calls of this execution in all (the playground's limit `maxSystemApiCallsPerMessage`). */
  systemApiCalls: number;
}

export type ExecutionContextInit = Omit<
  ExecutionContext,
  | 'cyclesAccepted' | 'cyclesBurned' | 'response' | 'replyBuffer' | 'replyBufferBytes' | 'messageAccepted'
  | 'certifiedData' | 'globalTimerChanged' | 'log' | 'stableDirtyPages' | 'stableAccessedPages'
  | 'callUnderConstruction' | 'performedCalls' | 'queueSlotsTaken' | 'ic0Calls' | 'systemApiCalls'
  | 'rejectCode' | 'rejectMessage' | 'cyclesRefunded' | 'deadlineNs' | 'callContextInstructions' | 'cyclesAvailable' | 'logCapacity'
  | 'queueSlots'
> & Partial<Pick<ExecutionContext, 'rejectCode' | 'rejectMessage' | 'cyclesRefunded' | 'deadlineNs' | 'callContextInstructions' | 'cyclesAvailable' | 'logCapacity' | 'queueSlots'>>;

/**
 * Every field is written out (no spread of `init`): one is made per execution, and a literal of known shape is
 * several times cheaper to build than a spread of thirty properties (BENCHMARKS.md, issue #5).
 */
export function createExecutionContext(init: ExecutionContextInit): ExecutionContext {
  return {
    api: init.api, self: init.self, caller: init.caller, arg: init.arg, methodName: init.methodName, timeNs: init.timeNs,
    status: init.status, version: init.version, controllers: init.controllers, subnetId: init.subnetId, rootKey: init.rootKey,
    envVars: init.envVars, instructionLimit: init.instructionLimit, callContextInstructions: init.callContextInstructions ?? 0n,
    queueSlots: init.queueSlots ?? UNBOUNDED_QUEUES,
    freezingLimit: init.freezingLimit, wasmMemoryLimit: init.wasmMemoryLimit, enforceWasmMemoryLimit: init.enforceWasmMemoryLimit,
    stableAccessLimitBytes: init.stableAccessLimitBytes, maxReplyBytes: init.maxReplyBytes, rejectCode: init.rejectCode ?? 0,
    rejectMessage: init.rejectMessage ?? null, cyclesRefunded: init.cyclesRefunded ?? 0n, deadlineNs: init.deadlineNs ?? 0n,
    balance: init.balance, cyclesAvailable: init.cyclesAvailable ?? 0n, globalTimer: init.globalTimer,
    logCapacity: init.logCapacity ?? 0,
    cyclesAccepted: 0n, cyclesBurned: 0n, response: null, replyBuffer: [], replyBufferBytes: 0,
    messageAccepted: false, certifiedData: null, globalTimerChanged: false, log: emptyExecutionLog(),
    stableDirtyPages: new Set(), stableAccessedPages: new Set(), callUnderConstruction: null, performedCalls: [], queueSlotsTaken: null, ic0Calls: {},
    systemApiCalls: 0,
  };
}

/** What an execution may change in its context, as it was before the execution (`restartExecutionContext`). */
export interface ExecutionContextStart {
  readonly balance: bigint;
  readonly cyclesAvailable: bigint;
  readonly globalTimer: bigint;
}

export function executionContextStart(ctx: ExecutionContext): ExecutionContextStart {
  return { balance: ctx.balance, cyclesAvailable: ctx.cyclesAvailable, globalTimer: ctx.globalTimer };
}

/**
 * Puts every field an execution changes back as `createExecutionContext` made it, so the same execution can run
 * again from the start (the fast path's replay, `canister/canisterRuntime.ts`).
 */
export function restartExecutionContext(ctx: ExecutionContext, start: ExecutionContextStart): void {
  ctx.balance = start.balance;
  ctx.cyclesAvailable = start.cyclesAvailable;
  ctx.globalTimer = start.globalTimer;
  ctx.cyclesAccepted = 0n;
  ctx.cyclesBurned = 0n;
  ctx.response = null;
  ctx.replyBuffer = [];
  ctx.replyBufferBytes = 0;
  ctx.messageAccepted = false;
  ctx.certifiedData = null;
  ctx.globalTimerChanged = false;
  ctx.log = emptyExecutionLog();
  ctx.stableDirtyPages = new Set();
  ctx.stableAccessedPages = new Set();
  ctx.callUnderConstruction = null;
  ctx.performedCalls = [];
  ctx.queueSlotsTaken = null;
  ctx.ic0Calls = {};
  ctx.systemApiCalls = 0;
}
