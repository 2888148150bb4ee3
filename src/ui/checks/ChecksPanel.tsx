/**
 * The workspace's checks under its narration (docs/SCENARIO-EXTENSIONS.md "Checks"): each one as it stands at the
 * playhead, in words, with its mark; a check judged at every round that failed offers to go to the round it failed
 * in; and "Run until a check fails" plays the recorded script forward and stops on the round where one does, with
 * the event that broke it selected (in the inspector, the timeline and the events list).
 */
import { useState } from 'react';
import { useSimulation, type SimulationStore } from '../../state/simulationStore.ts';
import type { WorkspaceStore } from '../../state/workspaceStore.ts';
import type { CheckViolation } from '../../scenario/checkMonitor.ts';
import { checkSummary, describeCheckReport } from './describeCheckReport.ts';

export function ChecksPanel({ simulation, workspace }: { simulation: SimulationStore; workspace: WorkspaceStore }) {
  const checks = useSimulation(simulation, (s) => s.checks);
  const busy = useSimulation(simulation, (s) => s.busy);
  const atEnd = useSimulation(simulation, (s) => s.playhead.atEnd);
  const [status, setStatus] = useState<string | null>(null);
  if (!checks) return null;

  /** Selects the event that broke `failure`, as a click on it in the timeline would. */
  const showFailure = (failure: CheckViolation) => {
    const event = failure.event === null ? undefined : simulation.getState().recordedEvents[failure.event];
    if (event) workspace.getState().select({ type: 'event', id: `event:${failure.event}`, event });
  };
  const goTo = async (check: number, round: number) => {
    if (!(await simulation.getState().seek(round))) return;
    const failure = simulation.getState().checks?.failures.find((f) => f.check === check);
    if (failure) showFailure(failure);
  };
  const runUntilFails = async () => {
    const failedBefore = new Set(checks.failures.map((f) => f.check));
    setStatus(null);
    if (!(await simulation.getState().runUntilCheckFails())) return;
    const { checks: now, playhead } = simulation.getState();
    const failure = now?.failures.find((f) => !failedBefore.has(f.check));
    if (!failure) {
      setStatus(`No check failed: played to the end of the script (round ${playhead.round}).`);
      return;
    }
    const report = now!.reports[failure.check];
    setStatus(`Stopped in round ${failure.round}: “${report.label ?? report.what}” failed.`);
    showFailure(failure);
  };
  const everyRound = checks.reports.some((r) => r.when === 'everyRound');

  return (
    <section className="checks" aria-labelledby="checks-title" data-testid="checks">
      <h3 id="checks-title">Checks <span className="muted">· {checkSummary(checks.reports)}</span></h3>
      <ul>
        {checks.reports.map((report) => {
          const text = describeCheckReport(report);
          return (
            <li key={report.check} className={text.pass ? 'held' : 'not-held'}>
              <span aria-hidden="true">{text.mark} </span>
              <strong>{text.title}</strong> <span>{text.text}</span>
              {text.failedAt !== null && (
                <button className="link" disabled={busy} onClick={() => void goTo(report.check, text.failedAt!)}>Go to round {text.failedAt}</button>
              )}
            </li>
          );
        })}
      </ul>
      {everyRound && (
        <p>
          <button onClick={() => void runUntilFails()} disabled={busy || atEnd}
            title={atEnd ? 'The playhead is at the end of the script' : 'Plays forward round by round and stops where a check fails'}>
            Run until a check fails
          </button>
        </p>
      )}
      <p role="status" className="check-status">{status}</p>
    </section>
  );
}
