/**
 * A response arriving at its caller (ic-reference.md §3.5, §5.4): the unused part of the reply-transmission
 * reservation and the unaccepted cycles come back; then the reply or reject callback runs from the module's
 * table, paid from the execution reservation made at `call_perform`. A trapping callback is rolled back and
 * the cleanup closure, if any, runs on the state as it was before the callback. A context deleted by an
 * uninstall runs nothing: the reservation comes back less the base fee.
 */
import { instructionsCost } from '../cycles/fees.ts';
import { scaleFee } from '../params.ts';
import { utf8Length } from '../utf8Length.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import { abandonExecution, executeAtomically, runInTransaction, settleExecution, type ExecutionOutcome } from '../execution/executeAtomically.ts';
import type { Callback, Response } from '../messaging/messages.ts';
import { emit, refund } from './canisterOps.ts';
import { buildContext, recordExecution } from './executionHelpers.ts';
import { closeIfDone } from './callContexts.ts';
import { finishExecution } from './finishExecution.ts';
import { completeOrPause, type ExecutionRun } from './longExecution.ts';
import type { SubnetState } from './subnetState.ts';

function responseBytes(response: Response): bigint {
  const body = response.body;
  return BigInt(body.type === 'reply' ? body.data.length : utf8Length(body.reject.message));
}

/** Returns the instructions used by the callback (and cleanup). */
export function executeResponse(state: SubnetState, canister: CanisterState, response: Response): bigint {
  const callback = canister.callbacks.get(response.callbackId);
  if (!callback || (callback.timedOut && !response.synthetic)) {
    // Already answered (a bounded-wait call the system timed out, §3.7): the response is dropped unseen, but the
    // cycles it refunds are credited to the caller (system_state `credit_refund`: "Best effort response whose
    // callback is gone. Silently drop it.").
    canister.cycles += response.refund;
    emit(state, { round: state.round, kind: 'response_dropped', requestId: response.requestId, canister: canister.id, refund: response.refund });
    return 0n;
  }
  canister.callbacks.delete(callback.id);
  if (callback.deadlineNs !== 0n) canister.boundedWaitCallbacks--;
  const toCallee = canister.callbacksByCallee.get(callback.callee)! - 1;
  if (toCallee === 0) canister.callbacksByCallee.delete(callback.callee);
  else canister.callbacksByCallee.set(callback.callee, toCallee);
  const context = canister.callContexts.get(callback.callContextId);
  if (context) context.outstandingCalls--;
  const p = state.config.params;
  const transmission = scaleFee(state.config, p.xnetByteTransmissionFee * responseBytes(response));
  const reservationRefund = callback.replyReservation > transmission ? callback.replyReservation - transmission : 0n;
  canister.cycles += reservationRefund + response.refund;
  state.totals.cyclesBurned += callback.replyReservation - reservationRefund;
  emit(state, { round: state.round, kind: 'response_delivered', requestId: response.requestId, to: canister.id, refund: response.refund, reservationRefund });
  if (!canister.runtime || !context || context.deleted) {
    // Not executed: only the base fee of the reserved execution is kept (§5.4).
    const baseFee = scaleFee(state.config, p.updateMessageExecutionFee);
    canister.cycles += callback.executionReservation - baseFee;
    state.totals.cyclesBurned += baseFee;
    if (context) closeIfDone(canister, context);
    return 0n;
  }
  return runCallback(state, canister, callback, response);
}

function runCallback(state: SubnetState, canister: CanisterState, callback: Callback, response: Response): bigint {
  const p = state.config.params;
  const context = canister.callContexts.get(callback.callContextId)!;
  const limit = p.maxInstructionsPerMessage;
  const cleanupBudget = (limit * p.cleanupReservePercent) / 100n;
  const body = response.body;
  // The execution was prepaid at call_perform: the reservation is spent now and what is unused comes back after.
  chargeReserved(state, canister, callback.executionReservation);
  const closure = body.type === 'reply' ? callback.reply : callback.reject;
  const entry = body.type === 'reply' ? 'reply callback' : 'reject callback';
  const start = (): ExecutionRun => {
    const ctx = buildContext(state, canister, {
      api: body.type === 'reply' ? 'reply_callback' : 'reject_callback',
      caller: response.sender,
      arg: body.type === 'reply' ? body.data : new Uint8Array(0),
      instructionLimit: limit - cleanupBudget,
      stableAccessLimitBytes: p.stableDirtyBytesPerMessage,
      cyclesAvailable: context.availableCycles,
      cyclesRefunded: response.refund,
      rejectCode: body.type === 'reply' ? 0 : body.reject.rejectCode,
      rejectMessage: body.type === 'reply' ? null : body.reject.message,
      callContextInstructions: context.instructions,
      deadlineNs: response.deadlineNs,
    });
    const pending = runInTransaction(canister.runtime!, { closure }, ctx, limit - cleanupBudget);
    return {
      instructions: pending.instructions,
      abandon: () => abandonExecution(pending),
      finish: () => {
        const outcome = settleExecution(pending, state.round);
        const cleanup = outcome.trap && callback.cleanup ? runCleanup(state, canister, callback, cleanupBudget, response) : null;
        const used = outcome.instructions + (cleanup?.instructions ?? 0n);
        context.instructions += used;
        const refunded = instructionsCost(state.config, limit - (used > limit ? limit : used));
        refund(state, canister, 'execution', refunded);
        recordExecution(state, canister, entry, response.sender, null, outcome, {
          cyclesCharged: callback.executionReservation - refunded, requestId: response.requestId,
        });
        if (cleanup) recordExecution(state, canister, 'cleanup', response.sender, null, cleanup, { requestId: response.requestId });
        if (!outcome.trap) canister.version++;
        finishExecution(state, canister, context, ctx, { keepState: true, trap: outcome.trap });
      },
    };
  };
  return completeOrPause(state, canister, entry, start);
}

/** Spends cycles already taken off the balance when they were reserved. */
function chargeReserved(state: SubnetState, canister: CanisterState, amount: bigint): void {
  state.totals.cyclesBurned += amount;
  emit(state, { round: state.round, kind: 'cycles_charged', canister: canister.id, charge: 'execution', amount });
}

/** Cleanup runs on the state before the callback and commits on its own; it cannot reply or call (§3.5.3). */
function runCleanup(state: SubnetState, canister: CanisterState, callback: Callback, budget: bigint, response: Response): ExecutionOutcome {
  const ctx = buildContext(state, canister, {
    api: 'cleanup',
    caller: response.sender,
    arg: new Uint8Array(0),
    instructionLimit: budget,
    stableAccessLimitBytes: state.config.params.stableDirtyBytesPerMessage,
    // `msg_reject_code` is allowed in cleanup (spec ≥ v0.54, context C): the code of the reject whose callback
    // trapped, 0 after a reply (ic-reference.md §1.2 `msg_reject_code`, §3.5.3, §11.3).
    rejectCode: response.body.type === 'reply' ? 0 : response.body.reject.rejectCode,
  });
  const outcome = executeAtomically(canister.runtime!, { closure: callback.cleanup! }, ctx, budget, state.round);
  if (!outcome.trap) {
    canister.cycles -= outcome.ctx.cyclesBurned;
    state.totals.cyclesBurned += outcome.ctx.cyclesBurned;
    if (ctx.globalTimerChanged) canister.globalTimer = ctx.globalTimer;
  }
  return outcome;
}
