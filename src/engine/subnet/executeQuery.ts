/**
 * A non-replicated query: runs now against the committed state, free of charge, and every change it makes
 * is discarded (ic-reference.md §3.2). Queries are refused for missing, empty, stopped or frozen canisters.
 * A composite query runs with the calls it makes to other queries (its call graph, `queryCallGraph.ts`).
 */
import { ErrorCode, type Reject } from '../errors.ts';
import { executeAtomically } from '../execution/executeAtomically.ts';
import { canisterError, emit, findCanister } from './canisterOps.ts';
import { buildContext, recordExecution } from './executionHelpers.ts';
import { canisterAvailability, MANAGEMENT_ID_TEXT } from './ingress.ts';
import { executeManagementQuery } from '../management/managementQueries.ts';
import { evaluateCompositeQuery, type GraphOutcome } from './queryCallGraph.ts';
import type { SubnetState } from './subnetState.ts';

export type QueryResult = { type: 'reply'; data: Uint8Array } | { type: 'reject'; reject: Reject };

export function executeQuery(state: SubnetState, sender: string, canisterId: string, method: string, arg: Uint8Array): QueryResult {
  const result = runQuery(state, sender, canisterId, method, arg);
  emit(state, {
    round: state.round,
    kind: 'query_executed',
    canister: canisterId,
    method,
    caller: sender,
    response: result.type === 'reply'
      ? { type: 'reply', bytes: result.data.length }
      : { type: 'reject', rejectCode: result.reject.rejectCode, errorCode: result.reject.errorCode, message: result.reject.message },
  });
  return result;
}

/** An observer's query (`observeQuery`): its result and what its executions used, which the totals do not count. */
export interface ObservedQuery {
  readonly result: QueryResult;
  readonly instructions: bigint;
  readonly systemApiCalls: number;
}

/**
 * A query as an observer asks it (a scenario's checks, docs/SCENARIO-EXTENSIONS.md "Checks"): the same execution as
 * `executeQuery`, with no trace event, no count in the totals and no note of a limit left behind, so that observing
 * a run never changes its report. Its changes are discarded as any query's are; what it used is returned, for the
 * caller's own budget.
 */
export function observeQuery(state: SubnetState, sender: string, canisterId: string, method: string, arg: Uint8Array): ObservedQuery {
  const traceLength = state.trace.length;
  const totals = { ...state.totals };
  try {
    const result = runQuery(state, sender, canisterId, method, arg);
    return { result, instructions: state.totals.instructions - totals.instructions, systemApiCalls: state.totals.systemApiCalls - totals.systemApiCalls };
  } finally {
    state.trace.length = traceLength;
    Object.assign(state.totals, totals);
  }
}

function runQuery(state: SubnetState, sender: string, canisterId: string, method: string, arg: Uint8Array): QueryResult {
  if (canisterId === MANAGEMENT_ID_TEXT) return executeManagementQuery(state, sender, method, arg);
  const unavailable = canisterAvailability(state, canisterId);
  if (unavailable) return { type: 'reject', reject: unavailable };
  const canister = findCanister(state, canisterId)!;
  const info = canister.runtime!.prepared.info;
  const isComposite = info.compositeQueryMethods.includes(method);
  if (!isComposite && !info.queryMethods.includes(method)) {
    return { type: 'reject', reject: canisterError(canisterId, ErrorCode.CanisterMethodNotFound, `Canister has no query method '${method}'.`) };
  }
  if (isComposite) return compositeQueryResult(evaluateCompositeQuery(state, sender, canister, method, arg));
  const p = state.config.params;
  const exportName = `canister_query ${method}`;
  const ctx = buildContext(state, canister, {
    api: 'non_replicated_query',
    caller: sender,
    arg,
    instructionLimit: p.maxInstructionsPerQuery,
    stableAccessLimitBytes: p.stableDirtyBytesPerQuery,
    maxReplyBytes: p.maxQueryReplyBytes,
  });
  // During a long message, queries run against the state from before it (ic-reference.md §7.4).
  const rt = canister.paused ? canister.runtime!.forkCommitted() : canister.runtime!;
  const outcome = executeAtomically(rt, exportName, ctx, p.maxInstructionsPerQuery, state.round, true);
  recordExecution(state, canister, exportName, sender, null, outcome);
  if (outcome.trap) return { type: 'reject', reject: canisterError(canisterId, outcome.trap.code, outcome.trap.message) };
  const response = ctx.response;
  if (!response) return { type: 'reject', reject: canisterError(canisterId, ErrorCode.CanisterDidNotReply, 'Canister did not reply to the call') };
  if (response.type === 'reply') return { type: 'reply', data: response.data };
  return { type: 'reject', reject: { rejectCode: 4, errorCode: 'IC0406', message: response.message } };
}

/** The user's answer: a canister's own `msg_reject` reaches a user with IC0406, as from a plain query. */
function compositeQueryResult(outcome: GraphOutcome): QueryResult {
  if (outcome.type === 'failed') return { type: 'reject', reject: outcome.reject };
  const answer = outcome.answer;
  if (answer.type === 'reply') return { type: 'reply', data: answer.data };
  return { type: 'reject', reject: { ...answer.reject, errorCode: answer.reject.errorCode ?? 'IC0406' } };
}
