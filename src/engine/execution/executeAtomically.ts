/**
 * One execution of one entry point as a transaction (ic-reference.md §3.4): on return its changes commit;
 * on a trap heap memory, globals and stable memory roll back and the context's system-state changes are
 * ignored by the caller. Queries pass `discard` to roll back even on success (§3.2).
 */
import type { CanisterRuntime, HeapSnapshot } from '../canister/canisterRuntime.ts';
import type { TrapSignal } from '../errors.ts';
import type { ExecutionContext } from './executionContext.ts';

export interface ExecutionOutcome {
  readonly instructions: bigint;
  readonly trap: TrapSignal | null;
  readonly ctx: ExecutionContext;
  /** What a trap (or a discarded query) undid, for the trace; empty when nothing had changed. */
  readonly rolledBack: string[];
}

export function executeAtomically(
  rt: CanisterRuntime,
  exportName: string,
  ctx: ExecutionContext,
  budget: bigint,
  discard = false,
): ExecutionOutcome {
  const snapshot = rt.takeSnapshot();
  rt.stable.begin();
  const { instructions, trap } = rt.invoke(exportName, ctx, budget);
  if (!trap && !discard) {
    rt.stable.commit();
    return { instructions, trap, ctx, rolledBack: [] };
  }
  const rolledBack = describeChanges(rt, snapshot, ctx, trap !== null);
  rt.restoreSnapshot(snapshot);
  rt.stable.rollback();
  return { instructions, trap, ctx, rolledBack };
}

/** Names what the execution had changed and is being undone: the "what was rolled back" of the timeline. */
export function describeChanges(rt: CanisterRuntime, before: HeapSnapshot, ctx: ExecutionContext, trapped: boolean): string[] {
  const changes: string[] = [];
  const now = rt.takeSnapshot();
  if (now.bytes.length !== before.bytes.length) {
    changes.push(`memory growth of ${(now.bytes.length - before.bytes.length) / 65536} pages`);
  }
  let changed = 0;
  const common = Math.min(now.bytes.length, before.bytes.length);
  for (let i = 0; i < common; i++) if (now.bytes[i] !== before.bytes[i]) changed++;
  for (let i = common; i < now.bytes.length; i++) if (now.bytes[i] !== 0) changed++;
  if (changed > 0) changes.push(`${changed} bytes of Wasm memory`);
  const globals = now.globals.filter((g, i) => g !== before.globals[i]).length;
  if (globals > 0) changes.push(`${globals} global${globals === 1 ? '' : 's'}`);
  if (ctx.stableDirtyPages.size > 0) changes.push(`${ctx.stableDirtyPages.size * 4} KiB of stable memory written`);
  if (trapped) {
    if (ctx.certifiedData) changes.push('certified data');
    if (ctx.globalTimerChanged) changes.push('global timer');
    if (ctx.cyclesAccepted > 0n) changes.push(`${ctx.cyclesAccepted} cycles accepted`);
    if (ctx.cyclesBurned > 0n) changes.push(`${ctx.cyclesBurned} cycles burned`);
    if (ctx.response) changes.push(ctx.response.type === 'reply' ? 'the reply' : 'the reject');
  }
  return changes;
}
