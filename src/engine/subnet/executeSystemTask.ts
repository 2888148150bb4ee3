/**
 * System tasks (ic-reference.md §2.2, §1.2 context T): `canister_global_timer` when the canister's time has
 * reached its timer (the timer is deactivated as the task is scheduled), and `canister_heartbeat` every round.
 * They run only on running, non-frozen canisters, are charged like updates (§5.3), may make calls, and
 * answer nobody.
 */
import { executionCost, instructionsCost } from '../cycles/fees.ts';
import { abandonExecution, runInTransaction, settleExecution } from '../execution/executeAtomically.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import { canisterFreezingLimit, charge, isFrozen, refund } from './canisterOps.ts';
import { buildContext, recordExecution } from './executionHelpers.ts';
import { openCallContext } from './callContexts.ts';
import { finishExecution } from './finishExecution.ts';
import { completeOrPause, type ExecutionRun } from './longExecution.ts';
import { MANAGEMENT_ID_TEXT } from './ingress.ts';
import type { SubnetState } from './subnetState.ts';

type Task = 'global_timer' | 'heartbeat';

/** The tasks due on this canister this round, in the order they run (§2.2; SCHED adds them once per round). */
function dueTasks(state: SubnetState, canister: CanisterState): Task[] {
  const info = canister.runtime?.prepared.info;
  if (!info || canister.status !== 'running' || canister.paused || isFrozen(state, canister)) return [];
  const tasks: Task[] = [];
  if (info.hasGlobalTimer && canister.globalTimer !== 0n && state.timeNs >= canister.globalTimer) tasks.push('global_timer');
  if (info.hasHeartbeat) tasks.push('heartbeat');
  return tasks;
}

export function hasDueTasks(state: SubnetState, canister: CanisterState): boolean {
  return dueTasks(state, canister).length > 0;
}

/**
 * Runs the tasks due on this canister this round; returns the instructions they used, each execution counting
 * `overhead` toward the round (§6.1).
 */
export function executeDueTasks(state: SubnetState, canister: CanisterState, overhead: bigint): bigint {
  let used = 0n;
  for (const task of dueTasks(state, canister)) {
    // A timer task that pauses (a long message) leaves the heartbeat for a later round, as before.
    if (canister.paused) break;
    if (task === 'global_timer') canister.globalTimer = 0n;
    const ran = runTask(state, canister, task);
    if (ran > 0n) used += overhead + ran;
  }
  return used;
}

function runTask(state: SubnetState, canister: CanisterState, task: Task): bigint {
  const p = state.config.params;
  const limit = p.maxInstructionsPerMessage;
  const prepay = executionCost(state.config, limit);
  if (canister.cycles - prepay < canisterFreezingLimit(state, canister)) return 0n;
  charge(state, canister, 'execution', prepay);
  const context = openCallContext(canister, { type: 'system', task }, 0n);
  const exportName = `canister_${task}`;
  const start = (): ExecutionRun => {
    const ctx = buildContext(state, canister, {
      api: task, caller: MANAGEMENT_ID_TEXT, arg: new Uint8Array(0), instructionLimit: limit, stableAccessLimitBytes: p.stableDirtyBytesPerMessage,
    });
    const pending = runInTransaction(canister.runtime!, exportName, ctx, limit);
    return {
      instructions: pending.instructions,
      abandon: () => abandonExecution(pending),
      finish: () => {
        const outcome = settleExecution(pending, state.round);
        context.instructions += outcome.instructions;
        const refunded = instructionsCost(state.config, limit - outcome.instructions);
        refund(state, canister, 'execution', refunded);
        recordExecution(state, canister, exportName, MANAGEMENT_ID_TEXT, null, outcome, { cyclesCharged: prepay - refunded });
        if (!outcome.trap) canister.version++;
        finishExecution(state, canister, context, ctx, { keepState: true, trap: outcome.trap });
      },
    };
  };
  return completeOrPause(state, canister, exportName, start);
}
