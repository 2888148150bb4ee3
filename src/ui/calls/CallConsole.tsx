/**
 * The results of the calls, queries, deploys and management calls up to the playhead, newest last: who called
 * what, the rounds it was submitted and completed in, its status, the reply read as text, a number or Candid, or
 * the reject with its codes, and the step's label.
 */
import type { StepReport } from '../../scenario/reportTypes.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import { describeReply } from './describeReply.ts';

/** The newest entries shown (the workspace keeps every one). */
const SHOWN = 30;

export interface CallConsoleProps {
  readonly reports: readonly StepReport[];
  readonly steps: readonly Step[];
}

/** "alice → counter.inc", "user → ic.install_code (counter)", "deploy counter". */
export function callTitle(step: Step | undefined, report: StepReport): string {
  if (!step) return report.kind;
  if ('call' in step) return `${step.call.from ?? 'first user'} → ${step.call.to}.${step.call.method}`;
  if ('query' in step) return `${step.query.from ?? 'first user'} → ${step.query.to}.${step.query.method} (query)`;
  if ('manage' in step) return `${step.manage.from ?? 'first user'} → ic.${step.manage.method} (${step.manage.canister})`;
  if ('deploy' in step) return `deploy ${step.deploy.name}`;
  return report.kind;
}

export function CallConsole({ reports, steps }: CallConsoleProps) {
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
                <strong>{r.kind}</strong> {r.status} · <span className="mono">{callTitle(steps[r.step], r)}</span>
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
