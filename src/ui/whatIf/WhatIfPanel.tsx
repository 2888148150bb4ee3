/**
 * "What if…" for the selected canister, or the receiver of a selected message (issue 14, docs/SCENARIO-EXTENSIONS.md "What-ifs"): outcomes the replica
 * could produce from here — it traps, is stopped, frozen, its code uninstalled, a bounded-wait call's deadline passes,
 * the queues between canisters have no room —
 * each applied as the step that produces it naturally (`whatIfChoices`). Behind the end of the script it forks, as
 * any action does (undoable), and the step travels with the workspace: a what-if is shared by its link.
 */
import type { CanisterView, SubnetView } from '../../worker/protocol.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import { whatIfChoices } from './whatIfChoices.ts';
import { nextCall } from './nextCall.ts';

export interface WhatIfPanelProps {
  readonly canister: CanisterView;
  readonly view: Pick<SubnetView, 'users' | 'timeNs' | 'queueCapacity'>;
  readonly onStep: (step: Step) => void;
  /** Opened from a selected message: the canister is its receiver, and the heading says so. */
  readonly fromMessage?: boolean;
  /** The method the selected message calls, if known (the trap what-if waits for a call to it). */
  readonly method?: string | null;
}

export function WhatIfPanel({ canister, view, onStep, fromMessage = false, method = null }: WhatIfPanelProps) {
  const choices = whatIfChoices(canister, view.users, BigInt(view.timeNs), BigInt(view.queueCapacity), method);
  const planned = canister.plannedTrap;
  if (choices.length === 0 && planned === null) return null;
  return (
    <section className="what-if" aria-labelledby="what-if-title" data-testid="what-if">
      <h3 id="what-if-title">What if… <small className="muted">{fromMessage ? `for ${canister.name}, where this message is going, ` : ''}from this round, as the IC could</small></h3>
      {planned && (
        <p role="status" data-testid="planned-trap">
          Planned: {canister.name}&apos;s next {nextCall(planned.method)} traps as it begins.
        </p>
      )}
      <ul>
        {choices.map((choice) => (
          <li key={choice.id}>
            <button onClick={() => choice.step && onStep(choice.step)} disabled={choice.step === null}
              aria-describedby={`what-if-${choice.id}`}>{choice.title}</button>
            <p id={`what-if-${choice.id}`} className="muted">{choice.unavailable ?? choice.outcome}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
