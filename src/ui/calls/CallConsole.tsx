/**
 * The results of the calls, queries, deploys and management calls up to the playhead, newest last: who called
 * what, the rounds it was submitted and completed in, its status, the reply read as text, a number or Candid, or
 * the reject with its codes, and the step's label. Picking a call shows what it set in motion in the graph, the
 * timeline and the inspector.
 */
import type { StepReport } from '../../scenario/reportTypes.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import { describeReply } from './describeReply.ts';

/** The newest entries shown (the workspace keeps every one). */
const SHOWN = 30;

export interface CallConsoleProps {
  readonly reports: readonly StepReport[];
  readonly steps: readonly Step[];
  /** Who sends a step that names no sender: the scenario's first user. */
  readonly defaultSender: string;
  /** Shows what the call set in motion (graph, timeline, inspector); absent for steps that sent no message. */
  readonly onPick?: (report: StepReport) => void;
  /** The step whose call is picked. */
  readonly picked?: number | null;
}

/** "alice → counter.inc", "user → ic.install_code (counter)", "deploy counter". */
function callTitle(step: Step | undefined, report: StepReport, sender: string): string {
  if (!step) return report.kind;
  if ('call' in step) return `${step.call.from ?? sender} → ${step.call.to}.${step.call.method}`;
  if ('query' in step) return `${step.query.from ?? sender} → ${step.query.to}.${step.query.method} (query)`;
  if ('manage' in step) return `${step.manage.from ?? sender} → ic.${step.manage.method} (${step.manage.canister})`;
  if ('deploy' in step) return `deploy ${step.deploy.name}`;
  return report.kind;
}

/** Steps that sent an ingress message, whose trail can be shown. */
const TRACEABLE = new Set(['call', 'manage']);

export function CallConsole({ reports, steps, defaultSender, onPick, picked = null }: CallConsoleProps) {
  const shown = reports.filter((r) => r.status !== undefined).slice(-SHOWN);
  if (shown.length === 0) return null;
  return (
    <section className="call-log" aria-label="Results">
      <h3>Results</h3>
      <ol>
        {shown.map((r) => {
          const reply = r.reply !== undefined ? describeReply(r.reply, r.replyText) : null;
          return (
            <li key={r.step} className={r.status ?? ''} data-testid="step-result">
              <div>
                <strong>{r.kind}</strong> {r.status} · {onPick && TRACEABLE.has(r.kind) && r.submittedRound !== undefined
                  ? <button className="link mono" aria-pressed={picked === r.step} title="Show its executions and messages in the graph and the timeline"
                      onClick={() => onPick(r)}>{callTitle(steps[r.step], r, defaultSender)}</button>
                  : <span className="mono">{callTitle(steps[r.step], r, defaultSender)}</span>}
                {r.submittedRound !== undefined && (
                  <span className="muted"> · round {r.submittedRound}{r.completedRound !== null && r.completedRound !== undefined && r.completedRound !== r.submittedRound ? ` → ${r.completedRound}` : ''}</span>
                )}
              </div>
              {reply && <div className="mono reply" title={`${reply.bytes} bytes`}>{reply.shown}</div>}
              {r.status === 'rejected' && <div>reject code {r.rejectCode}{r.errorCode ? ` · ${r.errorCode}` : ''} — {r.rejectMessage}</div>}
              {r.label && <div className="muted">{r.label}</div>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
