/**
 * Builds the execution context for a canister and applies a committed execution's system-state changes.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import { createExecutionContext, type ExecutionContext, type QueueSlots } from '../execution/executionContext.ts';
import type { ExecutionOutcome } from '../execution/executeAtomically.ts';
import type { ApiContext } from '../systemApi/apiContext.ts';
import { appendLogs, canisterFreezingLimit, charge, emit, principalBytes, principalText } from './canisterOps.ts';
import { executionLogCapacity, isLoggedContext } from '../canister/canisterLogStore.ts';
import type { SubnetState } from './subnetState.ts';
import { bytesToHex } from '../hex.ts';
import { notePlaygroundLimit } from './playgroundLimits.ts';

const utf8 = new TextEncoder();

export interface ContextOptions {
  readonly api: ApiContext;
  readonly caller: string;
  readonly arg: Uint8Array;
  readonly methodName?: string;
  readonly instructionLimit: bigint;
  readonly stableAccessLimitBytes: bigint;
  readonly maxReplyBytes?: bigint;
  readonly cyclesAvailable?: bigint;
  readonly deadlineNs?: bigint;
  readonly callContextInstructions?: bigint;
  readonly rejectCode?: number;
  readonly rejectMessage?: string | null;
  readonly cyclesRefunded?: bigint;
  /** What `ic0.canister_version` answers, when not the canister's current version (install_code's new code). */
  readonly version?: bigint;
}

/** Wasm memory limits bind updates, init and post_upgrade only (ic-reference.md §4.1 `wasm_memory_limit`). */
const MEMORY_LIMITED: ReadonlySet<ApiContext> = new Set(['update', 'init', 'start']);

export function buildContext(state: SubnetState, canister: CanisterState, options: ContextOptions): ExecutionContext {
  const envVars = [...canister.settings.environmentVariables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createExecutionContext({
    api: options.api,
    self: canister.idBytes,
    caller: principalBytes(options.caller),
    arg: options.arg,
    methodName: options.methodName ?? '',
    timeNs: state.timeNs,
    status: canister.status,
    version: options.version ?? canister.version,
    controllers: canister.settings.controllers.map(principalBytes),
    subnetId: state.subnetId,
    rootKey: state.rootKey,
    envVars,
    instructionLimit: options.instructionLimit,
    freezingLimit: canisterFreezingLimit(state, canister),
    wasmMemoryLimit: canister.settings.wasmMemoryLimit,
    enforceWasmMemoryLimit: MEMORY_LIMITED.has(options.api),
    stableAccessLimitBytes: options.stableAccessLimitBytes,
    maxReplyBytes: Number(options.maxReplyBytes ?? state.config.params.maxReplyBytes),
    balance: canister.cycles,
    globalTimer: canister.globalTimer,
    cyclesAvailable: options.cyclesAvailable ?? 0n,
    deadlineNs: options.deadlineNs ?? 0n,
    callContextInstructions: options.callContextInstructions ?? 0n,
    queueSlots: queueSlotsOf(state, canister),
    rejectCode: options.rejectCode ?? 0,
    rejectMessage: options.rejectMessage ?? null,
    cyclesRefunded: options.cyclesRefunded ?? 0n,
    logCapacity: executionLogCapacity(state.config.params, canister.settings.logMemoryLimit),
  });
}

/** The canister's calls awaiting a response, in all and by callee (`callbacksByCallee`, kept as they come and go). */
function queueSlotsOf(state: SubnetState, canister: CanisterState): QueueSlots {
  const { callbacksByCallee } = canister;
  return {
    capacity: Number(state.liveParams.queueCapacity),
    awaiting: canister.callbacks.size,
    keyOf: principalText,
    awaitingTo: (key) => callbacksByCallee.get(key) ?? 0,
  };
}

/** Applies the system-state changes of a committed execution (cycles, certified data, timer). */
export function applySystemChanges(state: SubnetState, canister: CanisterState, ctx: ExecutionContext, keepState: boolean): void {
  canister.cycles += ctx.cyclesAccepted;
  charge(state, canister, 'burn', ctx.cyclesBurned);
  if (!keepState) return;
  if (ctx.certifiedData) canister.certifiedData = ctx.certifiedData;
  if (ctx.globalTimerChanged) canister.globalTimer = ctx.globalTimer;
}

/** Records an execution in the trace, the logs and the totals. */
export interface ExecutionExtras {
  /** Net cycles the execution cost: the prepayment less its refund (§5.3). */
  readonly cyclesCharged?: bigint;
  /** The inter-canister request this execution served, or the call whose response it handled. */
  readonly requestId?: number;
}

/**
 * Contexts that run in one piece: queries (also a query method called in replicated mode, ic-reference.md §6.1),
 * composite queries and inspect_message are not time-sliced (§7, point 1).
 */
const UNSLICED: ReadonlySet<ApiContext> = new Set(['replicated_query', 'non_replicated_query', 'transform', 'composite_query', 'inspect_message']);

/** At most this many bytes of argument and reply are kept in the trace (the inspector shows them). */
const PREVIEW_BYTES = 64;

function hexPreview(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const out = bytesToHex(bytes.length > PREVIEW_BYTES ? bytes.subarray(0, PREVIEW_BYTES) : bytes);
  return bytes.length > PREVIEW_BYTES ? `${out}…` : out;
}

export function recordExecution(
  state: SubnetState,
  canister: CanisterState,
  entryPoint: string,
  caller: string,
  messageId: number | null,
  outcome: ExecutionOutcome,
  extras: ExecutionExtras = {},
): void {
  if (isLoggedContext(outcome.ctx.api)) appendLogs(state, canister, outcome.ctx.log);
  state.totals.instructions += outcome.instructions;
  state.totals.executions++;
  state.totals.systemApiCalls += outcome.ctx.systemApiCalls;
  const slice = state.config.params.sliceInstructions;
  const slices = outcome.instructions === 0n || UNSLICED.has(outcome.ctx.api) ? 1 : Number((outcome.instructions + slice - 1n) / slice);
  // A trap by the playground's own limit (not the replica's) is noted before the execution it ended.
  if (outcome.trap?.playgroundLimit) notePlaygroundLimit(state, canister.id, outcome.trap.playgroundLimit);
  emit(state, {
    round: state.round,
    kind: 'execution',
    canister: canister.id,
    entryPoint,
    context: outcome.ctx.api,
    caller,
    messageId,
    instructions: outcome.instructions,
    slices,
    outcome: outcome.trap ? 'trap' : 'ok',
    errorCode: outcome.trap ? `IC${String(outcome.trap.code).padStart(4, '0')}` : null,
    message: outcome.trap ? outcome.trap.message : null,
    rolledBack: outcome.rolledBack,
    systemCalls: { ...outcome.ctx.ic0Calls },
    requestId: extras.requestId ?? null,
    argBytes: outcome.ctx.arg.length,
    arg: hexPreview(outcome.ctx.arg),
    reply: !outcome.trap && outcome.ctx.response?.type === 'reply' ? hexPreview(outcome.ctx.response.data) : null,
    rejectMessage: !outcome.trap && outcome.ctx.response?.type === 'reject' ? outcome.ctx.response.message : null,
    cyclesCharged: extras.cyclesCharged ?? null,
  });
}

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}
