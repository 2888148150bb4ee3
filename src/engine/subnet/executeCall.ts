/**
 * Executes an incoming call on its canister, from a user (ingress) or from a canister (request): method
 * lookup, execution prepayment and refund (ic-reference.md §5.3), a new call context holding the attached
 * cycles, the transaction (§3.4), replicated queries (§3.2), and the system rejects of §3.6.
 */
import { ErrorCode, type Reject } from '../errors.ts';
import { executionCost, instructionsCost } from '../cycles/fees.ts';
import { abandonExecution, runInTransaction, settleExecution } from '../execution/executeAtomically.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import type { ApiContext } from '../systemApi/apiContext.ts';
import type { CallOrigin } from '../messaging/messages.ts';
import { canisterError, canisterFreezingLimit, charge, refund } from './canisterOps.ts';
import { buildContext, recordExecution } from './executionHelpers.ts';
import { canisterAvailability, outOfCycles } from './ingress.ts';
import { openCallContext } from './callContexts.ts';
import { finishExecution } from './finishExecution.ts';
import { completeOrPause, type ExecutionRun } from './longExecution.ts';
import { takePlannedTrap, trapAtEntry } from './plannedTrap.ts';
import type { SubnetState } from './subnetState.ts';

interface ResolvedMethod {
  readonly exportName: string;
  readonly api: ApiContext;
}

/** Finds the export a call runs: an update method, or a query run in replicated mode (§2.2). */
export function resolveUpdateMethod(canister: CanisterState, method: string): ResolvedMethod | Reject {
  const info = canister.runtime!.prepared.info;
  if (info.updateMethods.includes(method)) return { exportName: `canister_update ${method}`, api: 'update' };
  if (info.queryMethods.includes(method)) return { exportName: `canister_query ${method}`, api: 'replicated_query' };
  if (info.compositeQueryMethods.includes(method)) {
    return canisterError(canister.id, ErrorCode.CompositeQueryCalledInReplicatedMode, 'Composite query cannot be called in replicated mode');
  }
  return canisterError(canister.id, ErrorCode.CanisterMethodNotFound, `Canister has no update method '${method}'.`);
}

export interface IncomingCall {
  readonly origin: Exclude<CallOrigin, { type: 'system' }>;
  readonly caller: string;
  readonly method: string;
  readonly arg: Uint8Array;
  readonly cycles: bigint;
  readonly deadlineNs: bigint;
  readonly messageId: number | null;
}

export type CallRefusal = { readonly reject: Reject };

/** Runs one call; returns the instructions used, or the reject when the canister cannot take it. */
export function executeCall(state: SubnetState, canister: CanisterState, call: IncomingCall): bigint | CallRefusal {
  const unavailable = canisterAvailability(state, canister.id);
  if (unavailable && unavailable.errorCode !== 'IC0207') return { reject: unavailable };
  const method = resolveUpdateMethod(canister, call.method);
  if (!('exportName' in method)) return { reject: method };
  const p = state.config.params;
  const isQuery = method.api === 'replicated_query';
  // A query method keeps the 5 B query limit however it is called, and is not time-sliced (ic-reference.md §6.1:
  // `InstructionLimits::new(max_instructions_per_message_without_dts, slice)`); it is prepaid at that limit (§5.3).
  const limit = isQuery ? p.maxInstructionsPerQuery : p.maxInstructionsPerMessage;
  const prepay = executionCost(state.config, limit);
  if (canister.cycles - prepay < canisterFreezingLimit(state, canister)) return { reject: outOfCycles(state, canister, prepay) };
  if (call.origin.type === 'ingress') state.ingress.get(call.origin.messageId)!.status = 'processing';
  charge(state, canister, 'execution', prepay);
  const context = openCallContext(canister, call.origin, call.cycles);
  const start = (): ExecutionRun => {
    const ctx = buildContext(state, canister, {
      api: method.api,
      caller: call.caller,
      arg: call.arg,
      instructionLimit: limit,
      stableAccessLimitBytes: isQuery ? p.stableDirtyBytesPerQuery : p.stableDirtyBytesPerMessage,
      cyclesAvailable: call.cycles,
      deadlineNs: call.deadlineNs,
    });
    const planned = takePlannedTrap(canister, call.method);
    const pending = planned
      ? trapAtEntry(canister.runtime!, ctx, planned, p)
      : runInTransaction(canister.runtime!, method.exportName, ctx, limit);
    return {
      instructions: pending.instructions,
      abandon: () => abandonExecution(pending),
      finish: () => {
        const outcome = settleExecution(pending, state.round, isQuery);
        context.instructions += outcome.instructions;
        const refunded = instructionsCost(state.config, limit - outcome.instructions);
        refund(state, canister, 'execution', refunded);
        recordExecution(state, canister, method.exportName, call.caller, call.messageId, outcome, {
          cyclesCharged: prepay - refunded,
          ...(call.origin.type === 'canister' && { requestId: call.origin.request.id }),
        });
        // A replicated query keeps only cycles accepted or burned (and logs); it still bumps the version (§3.2).
        if (!outcome.trap) canister.version++;
        finishExecution(state, canister, context, ctx, { keepState: !isQuery, trap: outcome.trap });
      },
    };
  };
  return completeOrPause(state, canister, method.exportName, start, isQuery ? limit : undefined);
}
