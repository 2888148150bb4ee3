/**
 * One execution of one entry point as a transaction (ic-reference.md §3.4): on return its changes commit;
 * on a trap heap memory, globals and stable memory roll back and the context's system-state changes are
 * ignored by the caller. Queries pass `discard` to roll back even on success (§3.2).
 */
import type { CanisterRuntime } from '../canister/canisterRuntime.ts';
import type { TrapSignal } from '../errors.ts';
import type { Closure, ExecutionContext } from './executionContext.ts';

export interface ExecutionOutcome {
  readonly instructions: bigint;
  readonly trap: TrapSignal | null;
  readonly ctx: ExecutionContext;
  /** What a trap (or a discarded query) undid, for the trace; empty when nothing had changed. */
  readonly rolledBack: string[];
}

export type EntryPoint = string | { readonly closure: Closure };

/** An execution that has run but whose transaction is still open (a long message waiting for its last slice). */
export interface PendingExecution {
  readonly rt: CanisterRuntime;
  readonly instructions: bigint;
  readonly trap: TrapSignal | null;
  readonly ctx: ExecutionContext;
}

/** Opens the transaction and runs the entry point to its end. */
export function runInTransaction(rt: CanisterRuntime, entry: EntryPoint, ctx: ExecutionContext, budget: bigint): PendingExecution {
  rt.beginTransaction();
  const { instructions, trap } = typeof entry === 'string' ? rt.invoke(entry, ctx, budget) : rt.invokeClosure(entry.closure, ctx, budget);
  return { rt, instructions, trap, ctx };
}

/**
 * Commits (or, on a trap or for a discarded query, rolls back) a pending execution. `round` is the subnet's round now,
 * which for a long message is a later one than it began in (`CanisterRuntime.commitTransaction`).
 */
export function settleExecution(pending: PendingExecution, round: number, discard = false): ExecutionOutcome {
  const { rt, instructions, trap, ctx } = pending;
  if (!trap && !discard) {
    rt.commitTransaction(round);
    return { instructions, trap, ctx, rolledBack: [] };
  }
  const rolledBack = [...rt.rollbackTransaction(), ...systemStateUndone(ctx, trap !== null)];
  return { instructions, trap, ctx, rolledBack };
}

/**
 * Throws away a pending execution (an abort, ic-reference.md §7.7): its transaction rolled back, its context's
 * system-state changes never applied; nothing of it is recorded.
 */
export function abandonExecution(pending: PendingExecution): void {
  pending.rt.rollbackTransaction();
}

export function executeAtomically(
  rt: CanisterRuntime, entry: EntryPoint, ctx: ExecutionContext, budget: bigint, round: number, discard = false,
): ExecutionOutcome {
  return settleExecution(runInTransaction(rt, entry, ctx, budget), round, discard);
}

/** The system-state changes a trap discards (ic-reference.md §3.4), named for the trace. */
export function systemStateUndone(ctx: ExecutionContext, trapped: boolean): string[] {
  const changes: string[] = [];
  if (ctx.stableDirtyPages.size > 0) changes.push(`${ctx.stableDirtyPages.size * 4} KiB of stable memory written`);
  if (!trapped) return changes;
  if (ctx.certifiedData) changes.push('certified data');
  if (ctx.globalTimerChanged) changes.push('global timer');
  if (ctx.cyclesAccepted > 0n) changes.push(`${ctx.cyclesAccepted} cycles accepted`);
  if (ctx.cyclesBurned > 0n) changes.push(`${ctx.cyclesBurned} cycles burned`);
  if (ctx.response) changes.push(ctx.response.type === 'reply' ? 'the reply' : 'the reject');
  return changes;
}
