/**
 * The `trap` step's what-if (issue 14, docs/SCENARIO-EXTENSIONS.md "What-ifs"): the canister's next call — to one
 * method, or any update call — traps as it begins, as if its code's first instruction were `ic0.trap(message)`. The
 * replica has no setting that makes a given call trap (a trap is always the canister's own code), so the scenario
 * plans the trap; from its entry on the call is an ordinary trapped execution: prepaid and refunded, its transaction
 * rolled back, the trap in the canister's log, the caller answered CANISTER_ERROR (reject code 5, IC0503) by the
 * same path every trap takes (ic-reference.md §3.4).
 */
import { addExecutionLogLine } from '../canister/canisterLogStore.ts';
import type { CanisterRuntime } from '../canister/canisterRuntime.ts';
import type { CanisterState, PlannedTrap } from '../canister/canisterState.ts';
import type { ExecutionContext } from '../execution/executionContext.ts';
import type { PendingExecution } from '../execution/executeAtomically.ts';
import type { EngineParams } from '../params.ts';
import { calledTrap, trapLogLine } from '../systemApi/handlers/debugHandlers.ts';
import { emit } from './canisterOps.ts';
import type { SubnetState } from './subnetState.ts';

/**
 * Plans the trap (the step's `trap_planned` event), replacing one planned before and not yet taken. The message is
 * kept as `ic0.trap` reads one: at most `maxDebugMessageBytes` of it (ic-reference.md §1.2), decoded lossily.
 */
export function planTrap(state: SubnetState, canister: CanisterState, method: string | null, message: string): void {
  const bytes = new TextEncoder().encode(message).subarray(0, Number(state.config.params.maxDebugMessageBytes));
  const kept = new TextDecoder().decode(bytes);
  canister.plannedTrap = { method, message: kept };
  emit(state, { round: state.round, kind: 'trap_planned', canister: canister.id, method, message: kept });
}

/** The trap planned for a call of `method` on `canister`, taken (it traps one call), or null. */
export function takePlannedTrap(canister: CanisterState, method: string): PlannedTrap | null {
  const planned = canister.plannedTrap;
  if (planned === null || (planned.method !== null && planned.method !== method)) return null;
  canister.plannedTrap = null;
  return planned;
}

/** An execution that traps at its entry, before any of its code runs (0 instructions), with `ic0.trap`'s error and log line. */
export function trapAtEntry(rt: CanisterRuntime, ctx: ExecutionContext, planned: PlannedTrap, params: EngineParams): PendingExecution {
  rt.beginTransaction();
  addExecutionLogLine(params, ctx.log, ctx.logCapacity, trapLogLine(planned.message));
  return { rt, instructions: 0n, trap: calledTrap(planned.message), ctx };
}
