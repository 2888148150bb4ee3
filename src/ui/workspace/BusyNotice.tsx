/**
 * The notice a long computation gets: after a moment, how long the engine has been at it, why that can be faithful,
 * and Stop. A command computing rounds cannot be interrupted inside the worker; Stop ends the worker, and a new
 * one replays the workspace without the command (`SimulationActions.stop`, `useEngine.ts`).
 */
import { useEffect, useState } from 'react';

/** Commands shorter than this show nothing: most answer within a frame or two. */
export const BUSY_NOTICE_AFTER_MS = 1_500;

export function BusyNotice({ since, stop }: { since: number; stop: () => void }) {
  // The seconds shown are the clock's, ticking while the command runs: view state of this notice alone.
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [since]);
  const elapsed = now - since;
  if (elapsed < BUSY_NOTICE_AFTER_MS) return null;
  return (
    <div className="banner info" role="status" data-testid="busy-notice">
      <span>
        The engine has been computing for {Math.floor(elapsed / 1000)} s. Long executions are faithful: under the
        {' '}<code>ic</code> preset one message may run 40 billion instructions (several seconds here), and a run stops
        at 50 billion. Stop leaves out what is being computed and keeps your workspace.
      </span>
      <span className="banner-actions">
        <button onClick={stop}>Stop</button>
      </span>
    </div>
  );
}
