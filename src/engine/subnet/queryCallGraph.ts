/**
 * A composite query's call graph, evaluated as the replica's query handler does (ic-reference.md §2.2, §3.2, §6.1;
 * replica `query_handler/query_call_graph.rs` `evaluate_query_call_graph` and `query_context.rs`, dfinity/ic @ 0004277f).
 *
 * Each node is one call context: a canister's query method and the callbacks of the calls it made. A node's calls
 * are queued when its execution ends and run one after another, depth first: the callee executes at once as a
 * non-replicated query against the committed state, and its answer goes to the caller's reply or reject callback
 * (cleanup if that traps), which may answer the node or queue more calls. A node's answer ends it: calls it had
 * not made yet are dropped. Nothing any of it changes is kept, but within a node its executions see each other's
 * changes, so a composite node runs on a copy of its canister's committed state that lives as long as the node.
 *
 * Limits (§6.1): every execution takes its instructions from the graph's total, each call to a canister another 50 M;
 * a node deeper than the depth limit that has calls to make, or a graph out of instructions, fails the whole query
 * (IC0525 / IC0526) rather than one call. Calls to anything but a query method of a canister on the subnet are
 * answered with the reject the replica gives (§3.6).
 */
import type { CanisterRuntime } from '../canister/canisterRuntime.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import { ErrorCode, RejectCode, systemReject, type Reject } from '../errors.ts';
import { executeAtomically, runInTransaction, settleExecution, systemStateUndone, type EntryPoint, type ExecutionOutcome } from '../execution/executeAtomically.ts';
import type { ExecutionContext, ExecutionResponse, PerformedCall } from '../execution/executionContext.ts';
import type { ResponseBody } from '../messaging/messages.ts';
import type { ApiContext } from '../systemApi/apiContext.ts';
import { canisterError, emit, findCanister, principalText } from './canisterOps.ts';
import { buildContext, recordExecution } from './executionHelpers.ts';
import { canisterAvailability } from './ingress.ts';
import type { SubnetState } from './subnetState.ts';

/** How a node or a call ended: with an answer for its caller, or with an error that fails the whole query. */
export type GraphOutcome = Answered | { readonly type: 'failed'; readonly reject: Reject };
type Answered = { readonly type: 'answer'; readonly answer: ResponseBody };

/** The whole query fails with these (both CANISTER_ERROR; the texts of `query_call_graph.rs`). */
const CALL_GRAPH_TOO_DEEP: Reject = systemReject(ErrorCode.QueryCallGraphTooDeep, 'Composite query calls exceeded the maximum call depth.');
const CALL_GRAPH_OUT_OF_INSTRUCTIONS: Reject = systemReject(
  ErrorCode.QueryCallGraphTotalInstructionLimitExceeded, 'Composite query calls exceeded the instruction limit.',
);

interface QueryGraph {
  readonly state: SubnetState;
  /** Instructions the graph may still use (the replica's `round_limits.instructions` of the query context). */
  remaining: bigint;
}

interface QueryNode {
  readonly canister: CanisterState;
  /** Where the node's executions run: a copy of the committed state for a composite query, discarded with the node. */
  readonly rt: CanisterRuntime;
  /** Who called the node: the user for the queried canister, else the calling canister (`msg_caller` in its callbacks). */
  readonly caller: string;
  /** 0 for the queried canister. */
  readonly depth: number;
  /** Calls made and not yet executed, in `call_perform` order. */
  readonly calls: PerformedCall[];
  /** Instructions of the node's executions so far (`performance_counter(1)`). */
  instructions: bigint;
}

/** Runs the composite query `method` of `canister` for `sender` with its whole call graph. */
export function evaluateCompositeQuery(state: SubnetState, sender: string, canister: CanisterState, method: string, arg: Uint8Array): GraphOutcome {
  const graph: QueryGraph = { state, remaining: state.config.params.maxInstructionsPerCompositeQueryGraph };
  const started = startNode(graph, canister, method, sender, arg, 0);
  return 'answer' in started ? started : driveNode(graph, started);
}

/**
 * Executes a node's method. Its answer, if it gave one (or trapped), is the outcome; else the node, to be driven.
 * Only a composite query can have calls, so only it gets a copy of the state; a plain query runs on the canister's
 * own instance and is rolled back at once, as a user's query is (on a copy while a long message is paused, §7.4).
 */
function startNode(graph: QueryGraph, canister: CanisterState, method: string, caller: string, arg: Uint8Array, depth: number): Answered | QueryNode {
  const { state } = graph;
  const rt = canister.runtime!;
  const composite = rt.prepared.info.compositeQueryMethods.includes(method);
  const exportName = composite ? `canister_composite_query ${method}` : `canister_query ${method}`;
  const budget = executionBudget(graph);
  const ctx = contextFor(graph, canister, composite ? 'composite_query' : 'non_replicated_query', caller, arg, budget);
  const nodeRt = composite || canister.paused ? rt.forkCommitted() : rt;
  const outcome = composite ? executeKept(nodeRt, exportName, ctx, budget, state.round) : executeAtomically(nodeRt, exportName, ctx, budget, state.round, true);
  graph.remaining -= outcome.instructions;
  recordExecution(state, canister, exportName, caller, null, outcome);
  if (outcome.trap) return failedWith(canister, outcome);
  if (ctx.response) return { type: 'answer', answer: answerOf(ctx.response) };
  return { canister, rt: nodeRt, caller, depth, calls: [...ctx.performedCalls], instructions: outcome.instructions };
}

/** Makes a node's calls one by one, each answer to its callback, until the node answers or has no call left. */
function driveNode(graph: QueryGraph, node: QueryNode): GraphOutcome {
  const p = graph.state.config.params;
  let answered: { readonly call: PerformedCall; readonly answer: ResponseBody } | null = null;
  for (;;) {
    // The replica checks both limits each time it comes back to a node (`run_call_graph`), and fails the query.
    if (BigInt(node.depth) >= p.maxCompositeQueryDepth) return { type: 'failed', reject: CALL_GRAPH_TOO_DEEP };
    if (graph.remaining <= 0n) return { type: 'failed', reject: CALL_GRAPH_OUT_OF_INSTRUCTIONS };
    if (answered) {
      const outcome = runCallback(graph, node, answered.call, answered.answer);
      answered = null;
      if (outcome) return outcome;
      continue;
    }
    const call = node.calls.shift();
    if (!call) return didNotReply(node.canister);
    const outcome = executeQueryCall(graph, node, call);
    if (outcome.type === 'failed') return outcome;
    answered = { call, answer: outcome.answer };
  }
}

/** One call of a node: refused, or executed with the callee's own calls (`query_context.rs` `handle_request`). */
function executeQueryCall(graph: QueryGraph, node: QueryNode, call: PerformedCall): GraphOutcome {
  const { state } = graph;
  const calleeId = principalText(call.callee);
  const refusal = queryCallRefusal(graph, calleeId, call.method);
  let outcome: GraphOutcome;
  if (refusal) {
    outcome = { type: 'answer', answer: { type: 'reject', reject: refusal } };
  } else {
    const started = startNode(graph, findCanister(state, calleeId)!, call.method, node.canister.id, call.payload, node.depth + 1);
    // Charged after the callee's first execution, before its own calls (`handle_request`).
    graph.remaining -= state.config.params.compositeQueryCallOverhead;
    outcome = 'answer' in started ? started : driveNode(graph, started);
  }
  if (outcome.type === 'answer') {
    const answer = outcome.answer;
    emit(state, {
      round: state.round,
      kind: 'query_executed',
      canister: calleeId,
      method: call.method,
      caller: node.canister.id,
      response: answer.type === 'reply'
        ? { type: 'reply', bytes: answer.data.length }
        : { type: 'reject', rejectCode: answer.reject.rejectCode, errorCode: answer.reject.errorCode, message: answer.reject.message },
      depth: node.depth + 1,
    });
  }
  return outcome;
}

/**
 * Why a call from a composite query is answered without executing (ic-reference.md §3.6): the callee does not exist
 * (IC0301, also the management canister, whose query methods the simulator does not serve to composite queries), is
 * empty, stopped or stopping; the method is not a query or composite query, e.g. an update method (IC0536,
 * `wasm_query_method`); or the callee is frozen (IC0207), found only when it was about to execute and so charged
 * the call's overhead like an executed call (`query_context.rs` `execute_query`).
 */
function queryCallRefusal(graph: QueryGraph, calleeId: string, method: string): Reject | null {
  const { state } = graph;
  const unavailable = canisterAvailability(state, calleeId);
  if (unavailable && unavailable.errorCode !== 'IC0207') return unavailable;
  const info = findCanister(state, calleeId)!.runtime!.prepared.info;
  if (!info.compositeQueryMethods.includes(method) && !info.queryMethods.includes(method)) {
    return canisterError(calleeId, ErrorCode.CanisterMethodNotFound, `Canister has no query method '${method}'.`);
  }
  if (unavailable) graph.remaining -= state.config.params.compositeQueryCallOverhead;
  return unavailable;
}

/**
 * Runs the callback of `call` with its answer; returns the node's outcome if this ends it, null if it goes on
 * (`query_context.rs` `handle_response`, `execute_callback`, `execute_cleanup`). A trapping callback is rolled back
 * and its cleanup runs with what is left of its budget; the trap answers the node only if no call is left that could.
 */
function runCallback(graph: QueryGraph, node: QueryNode, call: PerformedCall, answer: ResponseBody): GraphOutcome | null {
  const { state } = graph;
  const budget = executionBudget(graph);
  const reply = answer.type === 'reply';
  const ctx = contextFor(graph, node.canister, reply ? 'composite_reply_callback' : 'composite_reject_callback', node.caller,
    reply ? answer.data : new Uint8Array(0), budget, node.instructions, reply ? null : answer.reject);
  const entry = reply ? 'reply callback' : 'reject callback';
  const outcome = executeKept(node.rt, { closure: reply ? call.reply : call.reject }, ctx, budget, state.round);
  graph.remaining -= outcome.instructions;
  node.instructions += outcome.instructions;
  recordExecution(state, node.canister, entry, node.caller, null, outcome);
  if (outcome.trap) {
    if (call.cleanup) {
      const cleanupBudget = budget - outcome.instructions;
      const cleanupCtx = contextFor(graph, node.canister, 'composite_cleanup', node.caller, new Uint8Array(0), cleanupBudget, node.instructions);
      const cleanup = executeKept(node.rt, { closure: call.cleanup }, cleanupCtx, cleanupBudget, state.round);
      graph.remaining -= cleanup.instructions;
      node.instructions += cleanup.instructions;
      recordExecution(state, node.canister, 'cleanup', node.caller, null, cleanup);
    }
    return node.calls.length > 0 ? null : failedWith(node.canister, outcome);
  }
  if (ctx.response) return { type: 'answer', answer: answerOf(ctx.response) };
  for (const call of ctx.performedCalls) node.calls.push(call);
  return node.calls.length > 0 ? null : didNotReply(node.canister);
}

/** Each execution may use the query limit, but no more than the graph has left (`query_context.rs`). */
function executionBudget(graph: QueryGraph): bigint {
  const { maxInstructionsPerQuery } = graph.state.config.params;
  const left = graph.remaining > 0n ? graph.remaining : 0n;
  return left < maxInstructionsPerQuery ? left : maxInstructionsPerQuery;
}

function contextFor(
  graph: QueryGraph, canister: CanisterState, api: ApiContext, caller: string, arg: Uint8Array, budget: bigint,
  callContextInstructions = 0n, reject: Reject | null = null,
): ExecutionContext {
  const p = graph.state.config.params;
  return buildContext(graph.state, canister, {
    api,
    caller,
    arg,
    instructionLimit: budget,
    stableAccessLimitBytes: p.stableDirtyBytesPerQuery,
    maxReplyBytes: p.maxQueryReplyBytes,
    callContextInstructions,
    ...(reject && { rejectCode: reject.rejectCode, rejectMessage: reject.message }),
  });
}

/**
 * One execution of a composite node on its copy of the state: a trap rolls it back; else it stays for the node's
 * later executions and, since the query discards it in the end, the trace names it as rolled back, as for any query.
 */
function executeKept(rt: CanisterRuntime, entry: EntryPoint, ctx: ExecutionContext, budget: bigint, round: number): ExecutionOutcome {
  const pending = runInTransaction(rt, entry, ctx, budget);
  if (pending.trap) return settleExecution(pending, round);
  const rolledBack = [...rt.describeUndo(), ...systemStateUndone(ctx, false)];
  rt.commitTransaction(round);
  return { instructions: pending.instructions, trap: null, ctx, rolledBack };
}

/** A canister's own `msg_reject` is CANISTER_REJECT with no error code (errors.ts `Reject`). */
function answerOf(response: ExecutionResponse): ResponseBody {
  return response.type === 'reply'
    ? { type: 'reply', data: response.data }
    : { type: 'reject', reject: { rejectCode: 4, errorCode: null, message: response.message } };
}

function failedWith(canister: CanisterState, outcome: ExecutionOutcome): Answered {
  const trap = outcome.trap!;
  return { type: 'answer', answer: { type: 'reject', reject: canisterError(canister.id, trap.code, trap.message) } };
}

function didNotReply(canister: CanisterState): Answered {
  return { type: 'answer', answer: { type: 'reject', reject: canisterError(canister.id, ErrorCode.CanisterDidNotReply, 'Canister did not reply to the call') } };
}
