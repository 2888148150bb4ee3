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
import { RESULTS_PAGE } from '../../state/workspaceStore.ts';
import { deployCost } from './deployCost.ts';

export interface CallConsoleProps {
  readonly reports: readonly StepReport[];
  readonly steps: readonly Step[];
  /** How many of the newest entries are shown (the workspace keeps every one); `onShowMore` asks for a page more. */
  readonly limit: number;
  readonly onShowMore: () => void;
  /** Who sends a step that names no sender: the scenario's first user. */
  readonly defaultSender: string;
  /** Shows what the call set in motion (graph, timeline, inspector); absent for steps that sent no message. */
  readonly onPick?: (report: StepReport) => void;
  /** The step whose call is picked. */
  readonly picked?: number | null;
  /** The trace up to the playhead: what each call cost. */
  readonly events: readonly EventView[];
  /** A canister's name by principal, and a canister's principal by name (null when there is none). */
  readonly nameOf: (principal: string) => string;
  readonly principalOf: (name: string) => string | null;
}

/** "alice → counter.inc", "user → ic.install_code (counter, upgrade)", "deploy counter". */
function callTitle(step: Step | undefined, report: StepReport, sender: string): string {
  if (!step) return report.kind;
  if ('call' in step) return `${step.call.from ?? sender} → ${step.call.to}.${step.call.method}`;
  if ('query' in step) return `${step.query.from ?? sender} → ${step.query.to}.${step.query.method} (query)`;
  if ('manage' in step) {
    const mode = step.manage.method === 'install_code' ? `, ${step.manage.mode}` : '';
    return `${step.manage.from ?? sender} → ic.${step.manage.method} (${step.manage.canister}${mode})`;
  }
  if ('deploy' in step) return `deploy ${step.deploy.name}`;
  return report.kind;
}

/** Steps that sent an ingress message, whose trail can be shown. */
const TRACEABLE = new Set(['call', 'manage']);

/** The argument a step gave: a call's or query's, an install's (`canister_init`, `canister_post_upgrade`), a deploy's init. */
function argOf(step: Step | undefined): { readonly name: string; readonly text: string } | null {
  if (step && 'call' in step) return { name: 'argument', text: describeArg(step.call.arg) };
  if (step && 'query' in step) return { name: 'argument', text: describeArg(step.query.arg) };
  if (step && 'manage' in step && step.manage.method === 'install_code') return { name: 'install argument', text: describeArg(step.manage.arg) };
  if (step && 'deploy' in step) return { name: 'init argument', text: describeArg(step.deploy.initArg) };
  return null;
}

/** "6,475,000 cycles (caller 1,423,000 · counter 5,052,000)": what each canister paid for the call. */
function costText(cost: ReadonlyMap<string, bigint>, nameOf: (principal: string) => string): string | null {
  if (cost.size === 0) return null;
  const total = [...cost.values()].reduce((a, b) => a + b, 0n);
  const each = cost.size > 1 ? ` (${[...cost].map(([id, cycles]) => `${nameOf(id)} ${groupDigits(String(cycles))}`).join(' · ')})` : ` (paid by ${nameOf([...cost.keys()][0])})`;
  return `${groupDigits(String(total))} cycles${each}`;
}

export function CallConsole({ reports, steps, limit, onShowMore, defaultSender, onPick, picked = null, events, nameOf, principalOf }: CallConsoleProps) {
  const answered = useMemo(() => reports.filter((r) => r.status !== undefined), [reports]);
  const shown = useMemo(() => answered.slice(-limit), [answered, limit]);
  const hidden = answered.length - shown.length;
  // One pass over the trace prices every call shown (the console re-renders after each step).
  const costs = useMemo(() => {
    const index = trailIndex(events);
    const messages = ingressOfSteps(steps, shown, index);
    return new Map([...messages].map(([step, messageId]) => [step, callTrail(index, messageId).cost]));
  }, [events, steps, shown]);
  // A deploy sends no message: its round and cost are its canister's creation and install.
  const deploys = useMemo(() => new Map(shown.flatMap((r) => {
    const step = steps[r.step];
    const id = step && 'deploy' in step ? principalOf(step.deploy.name) : null;
    const cost = id === null ? null : deployCost(events, id);
    return cost && id ? [[r.step, { ...cost, id }] as const] : [];
  })), [events, steps, shown, principalOf]);
  const summary = useMemo(() => expectationSummary(reports), [reports]);
  if (shown.length === 0) return null;
  return (
    <section className="call-log" aria-label="Results">
      <h3>Results</h3>
      {summary && <p className="expectation-summary" data-testid="expectation-summary">{summary}</p>}
      {hidden > 0 && (
        <p className="muted" data-testid="results-hidden">
          The {shown.length} newest of {answered.length}.{' '}
          <button className="link" onClick={onShowMore}>Show {Math.min(hidden, RESULTS_PAGE)} earlier</button>
        </p>
      )}
      <ol start={hidden + 1}>
        {shown.map((r) => {
          const reply = r.reply !== undefined ? describeReply(r.reply, r.replyText, r.replyCandid) : null;
          return (
            <li key={r.step} className={r.status ?? ''} data-testid="step-result">
              <div>
                <strong>{r.kind}</strong> {r.status} · {onPick && TRACEABLE.has(r.kind) && r.submittedRound !== undefined
                  ? <button className="link mono" aria-pressed={picked === r.step} title="Show its executions and messages in the graph and the timeline"
                      onClick={() => onPick(r)}>{callTitle(steps[r.step], r, defaultSender)}</button>
                  : <span className="mono">{callTitle(steps[r.step], r, defaultSender)}</span>}
                {deploys.has(r.step) && <span className="muted"> · round {deploys.get(r.step)!.round}</span>}
                {r.submittedRound !== undefined && (
                  <span className="muted"> · round {r.submittedRound}{r.completedRound !== null && r.completedRound !== undefined && r.completedRound !== r.submittedRound ? ` → ${r.completedRound}` : ''}</span>
                )}
              </div>
              {argOf(steps[r.step]) !== null && <div className="muted">{argOf(steps[r.step])!.name} <span className="mono">{argOf(steps[r.step])!.text}</span></div>}
              {reply && <div className="mono reply" title={`${reply.bytes} bytes`}>{reply.shown}</div>}
              {r.status === 'rejected' && (
                <div>
                  reject code {r.rejectCode}{r.errorCode ? ` · ${r.errorCode}` : ''} — {r.rejectMessage}
                  <div className="explanation" data-testid="error-explanation">
                    {explainErrorCode(r.errorCode) ?? explainRejectCode(r.rejectCode) ?? ''}
                  </div>
                </div>
              )}
              {deploys.has(r.step) && (
                <div className="muted" data-testid="call-cost">cost {costText(new Map([[deploys.get(r.step)!.id, deploys.get(r.step)!.cycles]]), nameOf)} to install its code</div>
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
