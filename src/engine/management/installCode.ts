/**
 * `install_code` in its three modes as one atomic transaction (ic-reference.md §4.3): install and reinstall
 * run `(start)` and `canister_init` on a fresh instance; upgrade runs `canister_pre_upgrade` on the old
 * instance, then `(start)` and `canister_post_upgrade` on the new one with stable memory kept. Any trap rolls
 * back everything, including the old instance's heap and stable memory. Execution is prepaid at the install
 * limit and the unused part refunded (§5.3); compilation costs 6,000 instructions per Wasm instruction (§4.3).
 */
import { moduleHash } from './moduleHash.ts';
import { CanisterRuntime, StableMemory } from '../canister/canisterRuntime.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import type { PreparedModule } from '../wasm/prepareCanisterModule.ts';
import { prepareAndCompile } from './preparedModules.ts';
import { ErrorCode, type Reject, type TrapSignal } from '../errors.ts';
import { executionCost, instructionsCost } from '../cycles/fees.ts';
import type { ExecutionContext } from '../execution/executionContext.ts';
import { classifyTrap } from '../execution/classifyTrap.ts';
import { systemStateUndone } from '../execution/executeAtomically.ts';
import type { ApiContext } from '../systemApi/apiContext.ts';
import { canisterError, canisterFreezingLimit, charge, emit, recordChange, refund } from '../subnet/canisterOps.ts';
import { applySystemChanges, buildContext, recordExecution } from '../subnet/executionHelpers.ts';
import { clearLogStore } from '../canister/canisterLogStore.ts';
import { outOfCycles } from '../subnet/ingress.ts';
import { completeOrPause, sliceCount, type ExecutionRun } from '../subnet/longExecution.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import { playgroundMemoryTrap } from '../canister/memoryMeter.ts';
import { notePlaygroundLimit } from '../subnet/playgroundLimits.ts';

export type InstallMode = 'install' | 'reinstall' | 'upgrade';

export interface InstallRequest {
  readonly mode: InstallMode;
  readonly wasmModule: Uint8Array;
  readonly arg: Uint8Array;
  readonly skipPreUpgrade: boolean;
  readonly sender: string;
  readonly messageId: number | null;
  /**
   * Given, a long install is time-sliced (ic-reference.md §7): the canister is busy for a round per slice and
   * the result is handed to `onDone` at the last one. Absent (scenario set-up), it completes at once.
   */
  readonly onDone?: (result: InstallResult) => void;
  /**
   * install_chunked_code (ic-reference.md §12): the instructions spent assembling `wasmModule` from a chunk store,
   * taken from the install's budget like compilation, and the reject when the chunks did not assemble (a missing
   * chunk, a hash mismatch): the install then ends after its prepayment with those instructions spent (replica
   * `install_code.rs`: `charge_for_large_wasm_assembly`, then `into_canister_module` fails into `finish_err`).
   */
  readonly assembly?: { readonly instructions: bigint; readonly failure: Reject | null };
}

export type InstallResult = { ok: true } | { ok: false; reject: Reject };
export type InstallOutcome = InstallResult | { ok: 'pending' };

interface Step {
  readonly rt: CanisterRuntime;
  readonly exportName: string;
  readonly api: ApiContext;
  readonly arg: Uint8Array;
}

const EMPTY = new Uint8Array(0);

export function installCode(state: SubnetState, canister: CanisterState, request: InstallRequest): InstallOutcome {
  const fail = (code: ErrorCode, message: string): InstallResult => ({ ok: false, reject: canisterError(canister.id, code, message) });
  if (request.mode === 'install' && canister.runtime) {
    return fail(ErrorCode.CanisterNonEmpty, `Canister ${canister.id} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.`);
  }
  if (request.mode === 'upgrade' && !canister.runtime) {
    return fail(ErrorCode.CanisterWasmModuleNotFound, 'Attempted to execute a message, but the canister contains no Wasm module.');
  }
  if (request.assembly?.failure) return failedAssembly(state, canister, request.assembly.instructions, request.assembly.failure);
  const prepared = prepareAndCompile(request.wasmModule);
  if (!prepared.ok) return fail(ErrorCode.CanisterInvalidWasm, `Canister's Wasm module is not valid: ${prepared.error}`);
  const compiled = prepared.compiled;
  const p = state.config.params;
  const limit = p.maxInstructionsPerInstallCode;
  const prepay = executionCost(state.config, limit);
  if (canister.cycles - prepay < canisterFreezingLimit(state, canister)) return { ok: false, reject: outOfCycles(state, canister, prepay) };
  charge(state, canister, 'install_code', prepay);
  // Assembling a chunked module is spent from the same budget, before compilation (replica `install_code.rs`).
  const compilation = p.costToCompileWasmInstruction * BigInt(prepared.module.info.wasmInstructionCount) + (request.assembly?.instructions ?? 0n);
  const attempt = () => {
    const run: InstallRun = compilation > limit
      ? { used: 0n, trap: classifyTrapOverLimit(limit), settle: () => {}, abandon: () => {} }
      : runInstallTransaction(state, canister, request, prepared.module, compiled, limit - compilation);
    const total = compilation + run.used > limit ? limit : compilation + run.used;
    const finish = (): InstallResult => {
      run.settle();
      refund(state, canister, 'install_code', instructionsCost(state.config, limit - total));
      if (run.trap) return { ok: false, reject: canisterError(canister.id, run.trap.code, run.trap.message) };
      finishInstall(state, canister, request, prepared.module);
      return { ok: true };
    };
    return { run, total, finish };
  };
  const first = attempt();
  const onDone = request.onDone;
  if (!onDone || sliceCount(state.config, first.total, p.installCodeSliceInstructions) <= 1) return first.finish();
  // Run again from scratch only after an abort (§7.7); the prepayment above is kept.
  let ran: ReturnType<typeof attempt> | null = first;
  const start = (): ExecutionRun => {
    const install = ran ?? attempt();
    ran = null;
    return { instructions: install.total, finish: () => onDone(install.finish()), abandon: install.run.abandon };
  };
  completeOrPause(state, canister, 'install_code', start, p.installCodeSliceInstructions);
  return { ok: 'pending' };
}

/**
 * A chunked install whose module did not assemble: prepaid like any install, charged for the assembly, the rest
 * refunded (replica `finish_err` refunds the instructions left). The replica assembles an upgrade's module after the
 * old code's `canister_pre_upgrade` ran (and rolls that back with the rest); here it stops before running anything.
 */
function failedAssembly(state: SubnetState, canister: CanisterState, instructions: bigint, failure: Reject): InstallResult {
  const limit = state.config.params.maxInstructionsPerInstallCode;
  const prepay = executionCost(state.config, limit);
  if (canister.cycles - prepay < canisterFreezingLimit(state, canister)) return { ok: false, reject: outOfCycles(state, canister, prepay) };
  charge(state, canister, 'install_code', prepay);
  refund(state, canister, 'install_code', instructionsCost(state.config, instructions < limit ? limit - instructions : 0n));
  return { ok: false, reject: failure };
}

function classifyTrapOverLimit(limit: bigint): TrapSignal {
  return { tag: 'canister-trap', code: ErrorCode.CanisterInstructionLimitExceeded, message: `Canister exceeded the limit of ${limit} instructions for single message execution.` };
}

/**
 * An install that has run; `settle` commits it (or rolls it back on a trap) and records its executions; `abandon`
 * throws it away unrecorded (an abort, ic-reference.md §7.7).
 */
interface InstallRun {
  readonly used: bigint;
  readonly trap: TrapSignal | null;
  readonly settle: () => void;
  readonly abandon: () => void;
}

/** Runs the entry points of the mode in order on one budget; commits all or nothing. */
function runInstallTransaction(
  state: SubnetState,
  canister: CanisterState,
  request: InstallRequest,
  prepared: PreparedModule,
  compiled: WebAssembly.Module,
  budget: bigint,
): InstallRun {
  const old = canister.runtime;
  const upgrading = request.mode === 'upgrade' && old !== null;
  const stable = upgrading ? old.stable : new StableMemory(state.memory);
  // The old instance's heap and the (shared, on upgrade) stable memory are journaled for the whole install.
  if (upgrading) old.beginTransaction();
  else stable.begin();
  let used = 0n;
  let trap: TrapSignal | null = null;
  let fresh: CanisterRuntime | null = null;
  const contexts: ExecutionContext[] = [];
  const records: ((failed: boolean) => void)[] = [];
  const steps = function* (): Generator<Step> {
    if (upgrading && !request.skipPreUpgrade && old.prepared.info.hasPreUpgrade) {
      yield { rt: old, exportName: 'canister_pre_upgrade', api: 'pre_upgrade', arg: EMPTY };
    }
    try {
      // A heap the playground's memory budget cannot hold is refused before it is allocated (`memoryMeter.ts`).
      const heapBytes = CanisterRuntime.initialHeapBytes(prepared);
      if (!state.memory.fits(heapBytes)) throw playgroundMemoryTrap(state.memory, heapBytes, 'the new module\'s initial Wasm memory');
      fresh = new CanisterRuntime(prepared, compiled, stable, state.config, state.memory);
      fresh.beginHeapTransaction(!upgrading);
    } catch (error) {
      trap = classifyTrap(error);
      if (trap.playgroundLimit) notePlaygroundLimit(state, canister.id, trap.playgroundLimit);
      return;
    }
    if (prepared.info.hasStart) yield { rt: fresh, exportName: 'canister_start', api: 'start', arg: EMPTY };
    const entry = upgrading ? 'canister_post_upgrade' : 'canister_init';
    if (upgrading ? prepared.info.hasPostUpgrade : prepared.info.hasInit) yield { rt: fresh, exportName: entry, api: 'init', arg: request.arg };
  };
  for (const step of steps()) {
    const ctx = buildContext(state, canister, {
      api: step.api,
      caller: request.sender,
      arg: step.arg,
      instructionLimit: budget,
      stableAccessLimitBytes: state.config.params.stableDirtyBytesPerInstall,
      // pre_upgrade sees the old version; the new code's init / post_upgrade the new one, bumped before they run
      // (ic-reference.md §1.2: a first install's `canister_init` sees 1; SPEC-AB install, `install.rs`).
      version: step.rt === fresh ? canister.version + 1n : canister.version,
    });
    // The timer starts cleared for the new code unless init/post_upgrade sets it (§4.3).
    if (step.rt === fresh) ctx.globalTimer = 0n;
    const outcome = step.rt.invoke(step.exportName, ctx, budget - used);
    used += outcome.instructions;
    const rolledBack = !outcome.trap ? [] : step.rt === old
      ? [...old.describeUndo(), ...systemStateUndone(ctx, true)]
      : ['the new instance', ...systemStateUndone(ctx, true)];
    const exportName = step.exportName;
    // An entry point that returned is still undone if a later one traps: the install is one transaction (§4.3).
    records.push((failed) => recordExecution(state, canister, exportName, request.sender, request.messageId, {
      ...outcome, ctx, rolledBack: failed && !outcome.trap ? ['undone with the failed install_code', ...systemStateUndone(ctx, false)] : rolledBack,
    }));
    contexts.push(ctx);
    if (outcome.trap) {
      trap = outcome.trap;
      break;
    }
  }
  const failed: TrapSignal | null = trap;
  const undo = (): void => {
    if (upgrading) old.rollbackTransaction();
    else stable.rollback();
    // What the failed (or aborted) install made no longer belongs to the subnet: its memory leaves the budget.
    (fresh as CanisterRuntime | null)?.detachMeter();
    if (!upgrading) stable.detachMeter();
  };
  const settle = (): void => {
    // install and reinstall replace the log with what the new code logs (SPEC-AB install: `canister_logs = New_canister_logs`).
    if (!failed && request.mode !== 'upgrade') clearLogStore(canister);
    for (const record of records) record(failed !== null);
    if (failed) {
      undo();
      return;
    }
    if (upgrading) old.commitTransaction(state.round);
    else stable.commit();
    (fresh as CanisterRuntime | null)?.commitHeapTransaction(state.round);
    // The replaced instance leaves the budget; its stable memory too unless the upgrade kept it.
    if (old) {
      old.detachMeter();
      if (!upgrading) old.stable.detachMeter();
    }
    canister.runtime = fresh;
    applyInstallSystemChanges(state, canister, request.mode, contexts);
  };
  return { used, trap: failed, settle, abandon: undo };
}

/** Certified data and timer after a successful install_code (ic-reference.md §4.3). */
function applyInstallSystemChanges(state: SubnetState, canister: CanisterState, mode: InstallMode, contexts: ExecutionContext[]): void {
  if (mode !== 'upgrade') canister.certifiedData = new Uint8Array(0);
  canister.globalTimer = 0n;
  for (const ctx of contexts) {
    const isNewCode = ctx.api !== 'pre_upgrade';
    applySystemChanges(state, canister, ctx, true);
    if (!isNewCode && ctx.globalTimerChanged) canister.globalTimer = 0n;
  }
}

function finishInstall(state: SubnetState, canister: CanisterState, request: InstallRequest, prepared: PreparedModule): void {
  const hash = moduleHash(request.wasmModule);
  canister.moduleHash = hash;
  canister.moduleBytes = BigInt(request.wasmModule.length);
  canister.version++; // the version canister_init / post_upgrade already saw (§1.2)
  recordChange(state, canister, request.sender, { type: 'code_deployment', mode: request.mode, moduleHash: hash });
  emit(state, { round: state.round, kind: 'code_installed', canister: canister.id, mode: request.mode, moduleHash: hash });
  void prepared;
}

