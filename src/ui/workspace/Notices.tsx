/**
 * The notices above the workspace, each with its way back: the last command's error, a message about the
 * workspace (storage, a link opened, another tab) with its action, and a fork's notice with Undo (then Redo), so
 * acting behind the end of the script never loses the steps it set aside.
 */
import type { SimulationStore } from '../../state/simulationStore.ts';
import { useSimulation } from '../../state/simulationStore.ts';
import type { WorkspaceStore } from '../../state/workspaceStore.ts';
import { useWorkspace } from '../../state/workspaceStore.ts';
import { BusyNotice } from './BusyNotice.tsx';

export function Notices({ simulation, workspace }: { simulation: SimulationStore; workspace: WorkspaceStore }) {
  const error = useSimulation(simulation, (s) => s.error);
  const fork = useSimulation(simulation, (s) => s.fork);
  const notice = useWorkspace(workspace, (s) => s.notice);
  const limitReached = useSimulation(simulation, (s) => s.limitReached);
  const busySince = useSimulation(simulation, (s) => s.busySince);
  const steps = (n: number) => `${n} later step${n === 1 ? '' : 's'}`;
  return (
    <div className="notices">
      {busySince !== null && <BusyNotice since={busySince} stop={() => simulation.getState().stop()} />}
      {error && (
        <div className="banner error" role="alert">
          <span>{error}</span>
          <button onClick={() => simulation.getState().clearError()} aria-label="Dismiss the error">×</button>
        </div>
      )}
      {fork && (
        <div className="banner fork" role="status" data-testid="fork-notice">
          <span>{fork.undone
            ? `The ${steps(fork.setAside)} are back; what you did instead is kept too.`
            : `You acted behind the end of the script: ${steps(fork.setAside)} were set aside.`}</span>
          <span className="banner-actions">
            <button onClick={() => void simulation.getState().undoFork()}>{fork.undone ? 'Redo' : 'Undo'}</button>
            <button onClick={() => simulation.getState().dismissFork()} aria-label="Dismiss the fork notice">×</button>
          </span>
        </div>
      )}
      {limitReached && (
        <div className="banner info" role="status" data-testid="limit-notice">
          <span>No more rounds here: {limitReached}. Step back to an earlier round to act there.</span>
        </div>
      )}
      {notice && (
        <div className="banner info" role="status" data-testid="workspace-notice">
          <span>{notice.text}</span>
          <span className="banner-actions">
            {notice.action && <button onClick={() => { notice.action!.run(); workspace.getState().setNotice(null); }}>{notice.action.label}</button>}
            <button onClick={() => workspace.getState().setNotice(null)} aria-label="Dismiss the notice">×</button>
          </span>
        </div>
      )}
    </div>
  );
}
