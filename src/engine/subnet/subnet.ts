/**
 * The subnet facade: owns one `SubnetState` (and through it the canisters' live instances) and offers the
 * coarse operations the scenario runner, the worker and the tests drive it with. Logic lives in the free
 * functions beside it; this class only sequences them.
 */
import type { SubnetConfig } from '../params.ts';
import type { CanisterSettings, CanisterState } from '../canister/canisterState.ts';
import { ErrorCode, systemReject } from '../errors.ts';
import { createCanister, emit, findCanister, isController, mintableCycles } from './canisterOps.ts';
import { createSubnetState, type IngressRecord, type SubnetState } from './subnetState.ts';
import { submitIngress, type IngressRequest } from './ingress.ts';
import { executeQuery, observeQuery, type ObservedQuery, type QueryResult } from './executeQuery.ts';
import { chargeForResources, executeRound, noteFreezing } from './executeRound.ts';
import { installCode, type InstallMode, type InstallResult } from '../management/installCode.ts';
import { installInChunks } from '../management/installInChunks.ts';
import { notController } from '../management/managementMethods.ts';
import { subnetId, subnetRootKey } from './subnetIdentity.ts';
import { checkpointSubnet, restoreSubnet, type SubnetCheckpoint } from './subnetCheckpoint.ts';
import { onlyPeriodicWorkLeft, periodicTasks, type PeriodicTask } from './periodicWork.ts';
import { LIVE_PARAM_NAMES, type LiveParams } from './liveParams.ts';
import { abortAtCheckpoint, midExecution } from './longExecution.ts';
import { planTrap } from './plannedTrap.ts';

export interface CreateCanisterOptions {
  readonly controllers: string[];
  readonly cycles: bigint;
  readonly settings?: Partial<CanisterSettings>;
}

export class Subnet {
  readonly state: SubnetState;

  constructor(config: SubnetConfig, state?: SubnetState) {
    this.state = state ?? createSubnetState(config, subnetId(), subnetRootKey());
  }

  /**
   * The subnet as it was when `checkpoint` was taken (`subnetCheckpoint.ts`). With `recycle`, a subnet that is not
   * used any more afterwards lends its canisters' instances (much cheaper than new ones).
   */
  static fromCheckpoint(checkpoint: SubnetCheckpoint, config: SubnetConfig, recycle: Subnet | null = null): Subnet {
    return new Subnet(config, restoreSubnet(checkpoint, config, recycle?.state ?? null));
  }

  /**
   * A checkpoint of the subnet now, or null while a long message is paused; `previous` is of its own history
   * (`checkpointSubnet`).
   */
  checkpoint(previous: SubnetCheckpoint | null): SubnetCheckpoint | null {
    return checkpointSubnet(this.state, previous);
  }

  /** Creates a canister with cycles and no fee, as a development subnet's provisional creation does. */
  createCanister(options: CreateCanisterOptions): string {
    return createCanister(this.state, options.controllers, mintableCycles(this.state, options.cycles), options.settings).id;
  }

  /** Installs code right now on behalf of `sender` (scenario set-up); the same transaction install_code runs. */
  installCode(canisterId: string, sender: string, mode: InstallMode, wasmModule: Uint8Array, arg: Uint8Array): InstallResult {
    const canister = findCanister(this.state, canisterId);
    if (!canister) return { ok: false, reject: systemReject(ErrorCode.CanisterNotFound, `Canister ${canisterId} not found`) };
    if (!isController(canister, sender)) return { ok: false, reject: notController(canister, sender) };
    const outcome = installCode(this.state, canister, { mode, wasmModule, arg, sender, skipPreUpgrade: false, messageId: null });
    if (outcome.ok === 'pending') throw new Error('engine invariant violated: an install without onDone was sliced');
    return outcome;
  }

  /**
   * Installs code right now as dfx and icp-cli install a module too large for one ingress message: its 1 MiB chunks
   * uploaded to the canister's own store, `install_chunked_code`, `clear_chunk_store` (`installInChunks.ts`).
   */
  installCodeInChunks(canisterId: string, sender: string, mode: InstallMode, wasmModule: Uint8Array, arg: Uint8Array): InstallResult {
    return installInChunks(this.state, canisterId, sender, mode, wasmModule, arg);
  }

  submitIngress(request: IngressRequest): number {
    return submitIngress(this.state, request);
  }

  query(sender: string, canisterId: string, method: string, arg: Uint8Array): QueryResult {
    return executeQuery(this.state, sender, canisterId, method, arg);
  }

  /** A query that leaves no trace: a scenario's check asking it (`observeQuery`). */
  observe(sender: string, canisterId: string, method: string, arg: Uint8Array): ObservedQuery {
    return observeQuery(this.state, sender, canisterId, method, arg);
  }

  executeRound(): void {
    executeRound(this.state);
  }

  /** Moves the clock forward; the periodic charges for the gap are made at once (SCENARIO.md `advanceTime`). */
  advanceTime(seconds: bigint): void {
    this.state.timeNs += seconds * 1_000_000_000n;
    emit(this.state, { round: this.state.round, kind: 'time_advanced', seconds, timeNs: this.state.timeNs });
    chargeForResources(this.state);
    noteFreezing(this.state);
  }

  /** Changes parameters the subnet reads as it goes (`liveParams.ts`), from now on; the caller checked their ranges. */
  setParams(changes: Partial<LiveParams>): void {
    const changed = LIVE_PARAM_NAMES.filter((name) => changes[name] !== undefined).map((name) => ({ name, value: changes[name]! }));
    for (const { name, value } of changed) this.state.liveParams[name] = value;
    emit(this.state, { round: this.state.round, kind: 'params_changed', params: changed });
  }

  /**
   * A checkpoint at the end of the round just played (the `checkpoint` step): every paused long execution is aborted
   * and restarts from scratch (ic-reference.md §7.7), as at the end of a checkpoint round. Returns how many were.
   */
  checkpointNow(): number {
    const paused = midExecution(this.state.canisters.values());
    abortAtCheckpoint(this.state, paused);
    return paused.length;
  }

  /** The ids of the canisters with an execution part-way, which a checkpoint now would abort. */
  canistersMidExecution(): string[] {
    return midExecution(this.state.canisters.values()).map((c) => c.id);
  }

  /**
   * The `trap` step: the canister's next call to `method` (any update call when null) traps as it begins
   * (`plannedTrap.ts`); replaces a trap planned before and not yet taken. False when there is no such canister.
   */
  planTrap(canisterId: string, method: string | null, message: string): boolean {
    const canister = findCanister(this.state, canisterId);
    if (!canister) return false;
    planTrap(this.state, canister, method, message);
    return true;
  }

  topUp(canisterId: string, amount: bigint): boolean {
    const canister = findCanister(this.state, canisterId);
    if (!canister) return false;
    const minted = mintableCycles(this.state, amount);
    canister.cycles += minted;
    emit(this.state, { round: this.state.round, kind: 'cycles_topped_up', canister: canisterId, amount: minted });
    noteFreezing(this.state);
    return true;
  }

  ingress(id: number): IngressRecord | undefined {
    return this.state.ingress.get(id);
  }

  canister(id: string): CanisterState | undefined {
    return this.state.canisters.get(id);
  }

  /** Nothing queued, in flight or paused anywhere on the subnet. */
  isIdle(): boolean {
    const s = this.state;
    if (s.pendingIngress.length > 0 || s.subnetQueue.length > 0 || s.deferredResponses.length > 0 || s.outbox.length > 0) return false;
    for (const canister of s.canisters.values()) {
      if (canister.deleted) continue;
      if (canister.inputQueue.length > 0 || canister.callbacks.size > 0 || canister.paused) return false;
      if (canister.status === 'stopping' && canister.callContexts.size === 0) return false;
    }
    return true;
  }

  /**
   * The heartbeats and timers that alone keep the subnet from being idle: everything queued, in flight or paused
   * was set off by them (`periodicWork.ts`). Null when other work is left, or no such task exists.
   */
  busyOnlyWithPeriodicTasks(): PeriodicTask[] | null {
    const tasks = periodicTasks(this.state);
    return tasks.length > 0 && onlyPeriodicWorkLeft(this.state) ? tasks : null;
  }

  /** Nothing left for a drain to wait for: idle, or busy only with periodic tasks that never end by themselves. */
  isSettled(): boolean {
    return this.isIdle() || this.busyOnlyWithPeriodicTasks() !== null;
  }
}
