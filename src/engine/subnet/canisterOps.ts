/**
 * Small operations on one canister inside the subnet that several message kinds share: creation,
 * charging and refunding cycles, status changes, logs, history, the freezing limit and the reject text.
 */
import { Principal } from '@dfinity/principal';
import { canisterIdFromIndex } from '../ids/canisterIdFromIndex.ts';
import { defaultSettings, memoryUsage, messageMemoryUsage, type CanisterChangeDetails, type CanisterLogRecord, type CanisterSettings, type CanisterState } from '../canister/canisterState.ts';
import { appendToLogStore, executionLogLines, type ExecutionLog } from '../canister/canisterLogStore.ts';
import { freezingLimit, idleCyclesBurnedPerDay, type ResourceUsage } from '../cycles/fees.ts';
import { systemReject, type ErrorCode, type Reject } from '../errors.ts';
import type { CanisterStatus, ChargeKind, TraceEvent } from '../trace/traceEvent.ts';
import type { SubnetState } from './subnetState.ts';
import { CYCLES_MAX } from '../paramRanges.ts';

/**
 * Appends an event. Callers write `round: state.round` first in a fresh literal: the event is stored as it is,
 * with no copy (a copy per event was a tenth of a message's cost), and a literal that holds all its keys from
 * the start needs no property added later. `round` first is also the report's key order, so the runner can
 * write the trace as JSON without copying each event to reorder it (BENCHMARKS.md, issue #5).
 */
export function emit(state: SubnetState, event: TraceEvent): void {
  state.trace.push(event);
}

/** Mints the next canister id (SCENARIO.md: the n-th canister gets `u64 n ‖ 0x01 ‖ 0x01`) and creates it, empty. */
export function createCanister(state: SubnetState, controllers: string[], cycles: bigint, settings?: Partial<CanisterSettings>): CanisterState {
  const index = state.nextCanisterIndex++;
  const principal = canisterIdFromIndex(index);
  const id = principal.toText();
  const canister: CanisterState = {
    id,
    idBytes: principal.toUint8Array(),
    index,
    status: 'running',
    deleted: false,
    settings: { ...defaultSettings(state.config, controllers), ...settings },
    cycles,
    reservedCycles: 0n,
    version: 0n,
    certifiedData: new Uint8Array(0),
    globalTimer: 0n,
    moduleHash: null,
    moduleBytes: 0n,
    runtime: null,
    history: [],
    logs: [],
    nextLogIndex: 0,
    logBytesUsed: 0,
    logRecordsPurged: 0,
    chunkStore: new Map(),
    snapshots: [],
    nextSnapshotIndex: 0n,
    inputQueue: [],
    callContexts: new Map(),
    callbacks: new Map(),
    boundedWaitCallbacks: 0,
    callbacksByCallee: new Map(),
    nextCallContextId: 0,
    nextCallbackId: 0,
    paused: null,
    frozen: false,
    pendingStops: [],
    chargedUntilNs: state.timeNs,
    plannedTrap: null,
  };
  state.canisters.set(id, canister);
  recordChange(state, canister, controllers[0] ?? id, { type: 'creation', controllers: [...controllers] });
  emit(state, { round: state.round, kind: 'canister_created', canister: id, cycles, controllers: [...controllers] });
  return canister;
}

/** A live (not deleted) canister by id text. */
export function findCanister(state: SubnetState, id: string): CanisterState | null {
  const canister = state.canisters.get(id);
  return canister && !canister.deleted ? canister : null;
}

export function recordChange(state: SubnetState, canister: CanisterState, origin: string, details: CanisterChangeDetails): void {
  canister.history.push({ timeNs: state.timeNs, version: canister.version, origin, details });
}

/** Takes cycles from a canister's balance; they are burned (fees go nowhere on the IC). */
export function charge(state: SubnetState, canister: CanisterState, kind: ChargeKind, amount: bigint): void {
  if (amount === 0n) return;
  canister.cycles -= amount;
  state.totals.cyclesBurned += amount;
  emit(state, { round: state.round, kind: 'cycles_charged', canister: canister.id, charge: kind, amount });
}

/**
 * Cycles that come into the subnet from outside (a scenario's canister, a top-up, `provisional_top_up_canister`):
 * at most what keeps everything ever minted within 2^128 − 1, so no balance, which can never hold more than was
 * minted, outgrows the 128 bits `ic0.canister_cycle_balance128` reports (ic-reference.md §5). Returns what was
 * minted; the rest is not created.
 */
export function mintableCycles(state: SubnetState, amount: bigint): bigint {
  const room = CYCLES_MAX - state.cyclesMinted;
  const minted = amount < room ? amount : room;
  state.cyclesMinted += minted;
  return minted;
}

export function refund(state: SubnetState, canister: CanisterState, kind: ChargeKind, amount: bigint): void {
  if (amount === 0n) return;
  canister.cycles += amount;
  state.totals.cyclesBurned -= amount;
  emit(state, { round: state.round, kind: 'cycles_refunded', canister: canister.id, charge: kind, amount });
}

export function setStatus(state: SubnetState, canister: CanisterState, to: CanisterStatus): void {
  if (canister.status === to) return;
  const from = canister.status;
  canister.status = to;
  canister.version++;
  emit(state, { round: state.round, kind: 'status_changed', canister: canister.id, from, to });
}

/**
 * Appends an execution's log to the canister's log store, numbering its records (lines the execution's own log
 * dropped took their numbers too), and purges the oldest records to make room (`canister/canisterLogStore.ts`).
 */
export function appendLogs(state: SubnetState, canister: CanisterState, log: ExecutionLog): void {
  const lines = executionLogLines(log);
  if (lines.length === 0 && log.dropped === 0) return;
  canister.nextLogIndex += log.dropped;
  canister.logRecordsPurged += log.dropped;
  const records: CanisterLogRecord[] = [];
  for (const { text, content, trap } of lines) {
    records.push({ index: canister.nextLogIndex++, round: state.round, timeNs: state.timeNs, text, trap, content });
    emit(state, { round: state.round, kind: 'log', canister: canister.id, text, trap });
  }
  appendToLogStore(state.config.params, canister, records);
}

/** The last freezing limit computed for a canister and the inputs it was computed from. */
interface FreezingLimitMemo {
  readonly config: SubnetState['config'];
  readonly memoryBytes: bigint;
  readonly messageMemoryBytes: bigint;
  readonly freezingThreshold: bigint;
  readonly memoryAllocation: bigint;
  readonly computeAllocation: bigint;
  readonly reservedCycles: bigint;
  readonly limit: bigint;
}

/**
 * Memoised per canister: a message asks for the limit half a dozen times (submission, induction, prepayment, the
 * execution context, the round's balances) and it changes only with memory, outstanding calls, settings or reserved
 * cycles.
 */
const freezingLimits = new WeakMap<CanisterState, FreezingLimitMemo>();

export function canisterFreezingLimit(state: SubnetState, canister: CanisterState): bigint {
  const memoryBytes = memoryUsage(canister);
  const messageMemoryBytes = messageMemoryUsage(state.config, canister);
  const settings = canister.settings;
  const memo = freezingLimits.get(canister);
  if (memo && memo.config === state.config && memo.memoryBytes === memoryBytes && memo.messageMemoryBytes === messageMemoryBytes
    && memo.freezingThreshold === settings.freezingThreshold
    && memo.memoryAllocation === settings.memoryAllocation && memo.computeAllocation === settings.computeAllocation
    && memo.reservedCycles === canister.reservedCycles) {
    return memo.limit;
  }
  const usage = { memoryBytes, messageMemoryBytes, memoryAllocation: settings.memoryAllocation, computeAllocation: settings.computeAllocation };
  const limit = freezingLimit(state.config, usage, settings.freezingThreshold, canister.reservedCycles);
  freezingLimits.set(canister, {
    config: state.config, memoryBytes, messageMemoryBytes, freezingThreshold: settings.freezingThreshold, memoryAllocation: settings.memoryAllocation,
    computeAllocation: settings.computeAllocation, reservedCycles: canister.reservedCycles, limit,
  });
  return limit;
}

export function canisterIdleBurnPerDay(state: SubnetState, canister: CanisterState): bigint {
  return idleCyclesBurnedPerDay(state.config, resourceUsage(state, canister));
}

/** What a canister is billed for by the second: storage, message memory, allocations (ic-reference.md §5.2, §5.5). */
export function resourceUsage(state: SubnetState, canister: CanisterState): ResourceUsage {
  return {
    memoryBytes: memoryUsage(canister),
    messageMemoryBytes: messageMemoryUsage(state.config, canister),
    memoryAllocation: canister.settings.memoryAllocation,
    computeAllocation: canister.settings.computeAllocation,
  };
}

/** Frozen: the balance is below the freezing limit (ic-reference.md §5.2). */
export function isFrozen(state: SubnetState, canister: CanisterState): boolean {
  return canister.cycles < canisterFreezingLimit(state, canister);
}

/** A reject in the replica's words: `Error from Canister <id>: <message>` (ic-reference.md §3.6). */
export function canisterError(canisterId: string, code: ErrorCode, message: string): Reject {
  return systemReject(code, `Error from Canister ${canisterId}: ${message}`);
}

/** Whether `principal` (text) controls `canister`. */
export function isController(canister: CanisterState, principal: string): boolean {
  return canister.settings.controllers.includes(principal);
}

/** Principal text → bytes, memoised: every execution needs its caller's and controllers' bytes. */
const principalBytesCache = new Map<string, Uint8Array>();

export function principalBytes(text: string): Uint8Array {
  let bytes = principalBytesCache.get(text);
  if (!bytes) {
    bytes = Principal.fromText(text).toUint8Array();
    principalBytesCache.set(text, bytes);
  }
  return bytes;
}

/** Principal bytes → text, memoised: every inter-canister call names its callee by bytes (checksum and base32). */
const principalTextCache = new Map<string, string>();
/** A canister can name any bytes as a callee: the memo is emptied rather than let grow without bound. */
const MAX_MEMOISED_TEXTS = 10_000;

export function principalText(bytes: Uint8Array): string {
  let key = '';
  for (let i = 0; i < bytes.length; i++) key += String.fromCharCode(bytes[i]);
  let text = principalTextCache.get(key);
  if (text === undefined) {
    text = Principal.fromUint8Array(bytes).toText();
    if (principalTextCache.size >= MAX_MEMOISED_TEXTS) principalTextCache.clear();
    principalTextCache.set(key, text);
  }
  return text;
}
