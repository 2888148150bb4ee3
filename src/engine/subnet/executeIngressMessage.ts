/**
 * Executes an inducted ingress message on its canister: method lookup, execution prepayment and refund
 * (ic-reference.md §5.3), the transaction (§3.4), replicated queries (§3.2) and the system rejects for a
 * missing method or a missing reply (§3.6).
 */
import { ErrorCode, type Reject } from '../errors.ts';
import { executionCost, instructionsCost } from '../cycles/fees.ts';
import { executeAtomically } from '../execution/executeAtomically.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import type { ApiContext } from '../systemApi/apiContext.ts';
import { canisterError, canisterFreezingLimit, charge, refund } from './canisterOps.ts';
import { applySystemChanges, buildContext, recordExecution } from './executionHelpers.ts';
import { canisterAvailability, completeIngress, outOfCycles } from './ingress.ts';
import type { IngressRecord, SubnetState } from './subnetState.ts';

interface ResolvedMethod {
  readonly exportName: string;
  readonly api: ApiContext;
}

/** Finds the export an update call runs: an update method, or a query run in replicated mode (§2.2). */
export function resolveUpdateMethod(canister: CanisterState, method: string): ResolvedMethod | Reject {
  const info = canister.runtime!.prepared.info;
  if (info.updateMethods.includes(method)) return { exportName: `canister_update ${method}`, api: 'update' };
  if (info.queryMethods.includes(method)) return { exportName: `canister_query ${method}`, api: 'replicated_query' };
  if (info.compositeQueryMethods.includes(method)) {
    return canisterError(canister.id, ErrorCode.CompositeQueryCalledInReplicatedMode, 'Composite query cannot be called in replicated mode');
  }
  return canisterError(canister.id, ErrorCode.CanisterMethodNotFound, `Canister has no update method '${method}'.`);
}

/** Runs one ingress message; returns the instructions it used (0 when it did not run). */
export function executeIngressMessage(state: SubnetState, canister: CanisterState, record: IngressRecord): bigint {
  const unavailable = canisterAvailability(state, canister.id);
  if (unavailable && unavailable.errorCode !== 'IC0207') {
    completeIngress(state, record, { type: 'reject', reject: unavailable });
    return 0n;
  }
  const method = resolveUpdateMethod(canister, record.method);
  if (!('exportName' in method)) {
    completeIngress(state, record, { type: 'reject', reject: method });
    return 0n;
  }
  const p = state.config.params;
  const limit = p.maxInstructionsPerMessage;
  const prepay = executionCost(state.config, limit);
  if (canister.cycles - prepay < canisterFreezingLimit(state, canister)) {
    completeIngress(state, record, { type: 'reject', reject: outOfCycles(state, canister, prepay) });
    return 0n;
  }
  record.status = 'processing';
  charge(state, canister, 'execution', prepay);
  const isQuery = method.api === 'replicated_query';
  const ctx = buildContext(state, canister, {
    api: method.api,
    caller: record.sender,
    arg: record.arg,
    instructionLimit: limit,
    stableAccessLimitBytes: isQuery ? p.stableDirtyBytesPerQuery : p.stableDirtyBytesPerMessage,
  });
  const outcome = executeAtomically(canister.runtime!, method.exportName, ctx, limit, isQuery);
  refund(state, canister, 'execution', instructionsCost(state.config, limit - outcome.instructions));
  recordExecution(state, canister, method.exportName, record.sender, record.id, outcome);
  if (outcome.trap) {
    completeIngress(state, record, { type: 'reject', reject: canisterError(canister.id, outcome.trap.code, outcome.trap.message) });
    return outcome.instructions;
  }
  // A replicated query keeps only cycles accepted or burned (and logs); it still bumps the version (§3.2).
  applySystemChanges(state, canister, ctx, !isQuery);
  canister.version++;
  completeIngress(state, record, responseOf(canister, ctx.response));
  return outcome.instructions;
}

/** The response an execution produced, or IC0506 when it returned without replying (§3.5.6). */
export function responseOf(canister: CanisterState, response: import('../execution/executionContext.ts').ExecutionResponse | null) {
  if (!response) {
    return { type: 'reject' as const, reject: canisterError(canister.id, ErrorCode.CanisterDidNotReply, 'Canister did not reply to the call') };
  }
  if (response.type === 'reply') return { type: 'reply' as const, data: response.data };
  return { type: 'reject' as const, reject: { rejectCode: 4 as const, errorCode: 'IC0406', message: response.message } };
}
