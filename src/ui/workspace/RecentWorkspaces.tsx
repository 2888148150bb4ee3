/**
 * The recent workspaces (issue "a workspace that is never lost"): every workspace the user had open, newest
 * first, with its title, when it was last saved and what it holds; any of them opens again, and all of them can
 * be exported as one file. A modal dialog: Escape or Close leaves it.
 */
import { useEffect, useRef, useState } from 'react';
import type { WorkspaceSession } from './useWorkspaceSession.ts';
import type { WorkspaceSummary } from './workspaceLibrary.ts';
import { downloadText } from './downloadText.ts';

export interface RecentWorkspacesProps {
  readonly session: WorkspaceSession;
  readonly onClose: () => void;
}

export function RecentWorkspaces({ session, onClose }: RecentWorkspacesProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [entries, setEntries] = useState<WorkspaceSummary[] | null>(null);
  const currentId = session.workspace.getState().id;
  useEffect(() => {
    dialog.current?.showModal?.();
    void session.library.list().then(setEntries);
  }, [session]);

  const open = async (id: string) => {
    const entry = await session.library.load(id);
    if (!entry) {
      session.workspace.getState().setNotice({ text: 'That workspace could not be read back.' });
      return;
    }
    onClose();
    await session.openEntry(entry);
  };

  const exportAll = async () => {
    downloadText(`canister-playground-workspaces-${new Date().toISOString().slice(0, 10)}.json`, await session.library.exportAll());
  };

  return (
    <dialog ref={dialog} className="recent" aria-labelledby="recent-title" onClose={onClose} onCancel={onClose}>
      <h2 id="recent-title">Recent workspaces</h2>
      {entries === null ? <p className="muted">Reading…</p> : entries.length === 0 ? <p className="muted">None saved yet.</p> : (
        <ul className="recent-list">
          {entries.map((e) => (
            <li key={e.id} data-testid="recent-entry">
              <button onClick={() => void open(e.id)} disabled={e.id === currentId} aria-label={`Open ${e.title}, saved ${new Date(e.savedAt).toLocaleString()}`}>
                <strong>{e.title}</strong>{e.id === currentId ? ' (open)' : ''}
                <span className="muted"> · {new Date(e.savedAt).toLocaleString()} · {e.summary}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button onClick={() => void exportAll()}>Export all</button>
        <button onClick={onClose} autoFocus>Close</button>
      </div>
    </dialog>
  );
}
