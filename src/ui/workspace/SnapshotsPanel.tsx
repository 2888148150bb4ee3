/**
 * A canister's snapshots in the manage panel (ic-reference.md §12): take one (before an upgrade, say), and load or
 * delete any it holds. Each action is a `manage` step, sent by the panel's user: only controllers may (the engine
 * refuses the others, live). What a load restores — code, heap, stable memory, globals, not cycles — the event
 * list and the inspector show once it has run.
 */
import type { SnapshotView } from '../../worker/protocol.ts';
import { snapshotLabel } from './snapshotLabel.ts';

export interface SnapshotsPanelProps {
  readonly snapshots: readonly SnapshotView[];
  /** No code installed: the replica refuses to snapshot an empty canister. */
  readonly empty: boolean;
  readonly onManage: (method: string, extra?: Record<string, unknown>) => void;
}

export function SnapshotsPanel({ snapshots, empty, onManage }: SnapshotsPanelProps) {
  return (
    <section className="snapshots" aria-label="snapshots">
      <h4>Snapshots</h4>
      {snapshots.length === 0
        ? <p className="muted">None yet. A snapshot keeps the code, heap, stable memory and globals to load back later.</p>
        : (
          <ul className="compact" data-testid="snapshot-list">
            {snapshots.map((s) => (
              <li key={s.id}>
                <span className="mono">{snapshotLabel(s)}</span>{' '}
                <button onClick={() => onManage('load_canister_snapshot', { snapshot: s.id })} aria-label={`Load snapshot ${snapshotLabel(s)}`}>Load</button>{' '}
                <button onClick={() => onManage('delete_canister_snapshot', { snapshot: s.id })} aria-label={`Delete snapshot ${snapshotLabel(s)}`}>Delete</button>
              </li>
            ))}
          </ul>
        )}
      <div className="button-row">
        <button onClick={() => onManage('take_canister_snapshot')} disabled={empty} title={empty ? 'A canister with no code cannot be snapshotted' : 'Take a snapshot of the code and the memories'}>
          Take snapshot
        </button>
      </div>
    </section>
  );
}
