/**
 * The results of the calls, queries, deploys and management calls up to the playhead, newest last: who called
 * what, the rounds it was submitted and completed in, its status, its argument, the reply read as text, a number
 * or Candid, or the reject with its codes and what they mean, the cycles it cost each canister, and the step's
 * label, and what the step expects of its response (`expect`), held or not. Picking a call shows what it set in
 * motion in the graph, the timeline and the inspector.
 */
import { useMemo } from 'react';
import type { StepReport } from '../../scenario/reportTypes.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import type { EventView } from '../../worker/protocol.ts';
import { groupDigits } from '../graph/formatAmount.ts';
import { callTrail, ingressOfSteps, trailIndex } from './callTrail.ts';
import { describeArg } from './describeArg.ts';
import { describeReply } from './describeReply.ts';
import { describeExpectation, expectationSummary } from './describeExpectation.ts';
import { explainErrorCode, explainRejectCode } from './errorExplanations.ts';

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
  /** The trace up to the playhead: what each call cost. */
  readonly events: readonly EventView[];
  /** A canister's name by principal. */
  readonly nameOf: (principal: string) => string;
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

function argOf(step: Step | undefined): string | null {
  if (step && 'call' in step) return describeArg(step.call.arg);
  if (step && 'query' in step) return describeArg(step.query.arg);
  return null;
}

/** "6,475,000 cycles (caller 1,423,000 · counter 5,052,000)": what each canister paid for the call. */
function costText(cost: ReadonlyMap<string, bigint>, nameOf: (principal: string) => string): string | null {
  if (cost.size === 0) return null;
  const total = [...cost.values()].reduce((a, b) => a + b, 0n);
  const each = cost.size > 1 ? ` (${[...cost].map(([id, cycles]) => `${nameOf(id)} ${groupDigits(String(cycles))}`).join(' · ')})` : ` (paid by ${nameOf([...cost.keys()][0])})`;
  return `${groupDigits(String(total))} cycles${each}`;
}

export function CallConsole({ reports, steps, defaultSender, onPick, picked = null, events, nameOf }: CallConsoleProps) {
  const shown = useMemo(() => reports.filter((r) => r.status !== undefined).slice(-SHOWN), [reports]);
  // One pass over the trace prices every call shown (the console re-renders after each step).
  const costs = useMemo(() => {
    const index = trailIndex(events);
    const messages = ingressOfSteps(steps, shown, index);
    return new Map([...messages].map(([step, messageId]) => [step, callTrail(index, messageId).cost]));
  }, [events, steps, shown]);
  const summary = useMemo(() => expectationSummary(reports), [reports]);
  if (shown.length === 0) return null;
  return (
    <section className="call-log" aria-label="Results">
      <h3>Results</h3>
      {summary && <p className="expectation-summary" data-testid="expectation-summary">{summary}</p>}
      <ol>
        {shown.map((r) => {
          const reply = r.reply !== undefined ? describeReply(r.reply, r.replyText, r.replyCandid) : null;
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
              {argOf(steps[r.step]) !== null && <div className="muted">argument <span className="mono">{argOf(steps[r.step])}</span></div>}
              {reply && <div className="mono reply" title={`${reply.bytes} bytes`}>{reply.shown}</div>}
              {r.status === 'rejected' && (
                <div>
                  reject code {r.rejectCode}{r.errorCode ? ` · ${r.errorCode}` : ''} — {r.rejectMessage}
                  <div className="explanation" data-testid="error-explanation">
                    {explainErrorCode(r.errorCode) ?? explainRejectCode(r.rejectCode) ?? ''}
                  </div>
                </div>
              )}
              {costs.get(r.step) && costText(costs.get(r.step)!, nameOf) && (
                <div className="muted" data-testid="call-cost">cost {costText(costs.get(r.step)!, nameOf)}</div>
              )}
              {r.label && <div className="muted">{r.label}</div>}
              {r.expectations && (
                <ul className="expectations" aria-label="Expectations">
                  {r.expectations.map((e) => {
                    const shown = describeExpectation(e, r.status === 'pending');
                    return <li key={e.what} className={shown.state} data-testid="expectation"><span aria-hidden="true">{shown.mark}</span> {shown.text}</li>;
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
