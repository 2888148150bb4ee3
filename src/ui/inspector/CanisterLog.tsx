/**
 * A canister's log as the ring buffer it is (ic-reference.md §12): a labelled meter of the bytes its records take of
 * `log_memory_limit`, the record indices it holds, how many fell off its front, then the records, oldest first.
 */
import { useId } from 'react';
import type { CanisterView } from '../../worker/protocol.ts';
import { logStoreSummary } from './logStoreSummary.ts';
import './canisterLog.css';

export function CanisterLog({ canister }: { canister: Pick<CanisterView, 'logs' | 'logStore'> }) {
  const labelId = useId();
  const summary = logStoreSummary(canister.logStore);
  const { bytesUsed, limit } = canister.logStore;
  return (
    <>
      <h4 id={labelId}>Log</h4>
      <div className="log-store">
        <meter
          aria-labelledby={labelId}
          aria-valuetext={summary.sentence}
          min={0}
          max={Math.max(limit, 1)}
          value={limit === 0 ? 0 : Math.min(bytesUsed, limit)}
          title={summary.sentence}
        />
        <span data-testid="log-store-summary">
          {summary.usage} · {summary.range}{summary.purged ? ` · ${summary.purged}` : ''}
        </span>
      </div>
      {/* Focusable so a keyboard can scroll it (axe: scrollable-region-focusable). */}
      {canister.logs.length > 0 && (
        <ol className="log log-records" tabIndex={0} aria-label="log records, oldest first">
          {canister.logs.map((l) => <li key={l.index} className={l.trap ? 'trap' : ''}>#{l.index} [round {l.round}] {l.text}</li>)}
        </ol>
      )}
    </>
  );
}
