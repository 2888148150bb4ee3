/**
 * An exercise's verdict in words (docs/SCENARIO-EXTENSIONS.md "Exercises"): a headline — solved, or how many hold —
 * and one line per expectation: a step's named by its label (or its kind and method), a check by its label (or what
 * it checks), each saying what was expected and what was seen.
 */
import type { ExerciseVerdict } from '../../worker/protocol.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import { describeExpectation } from '../calls/describeExpectation.ts';
import { describeCheckReport } from './describeCheckReport.ts';

export interface VerdictText {
  readonly solved: boolean;
  readonly headline: string;
  readonly lines: readonly { readonly pass: boolean; readonly text: string }[];
}

export function describeVerdict(result: ExerciseVerdict, steps: readonly Step[]): VerdictText {
  if (!result.ok) return { solved: false, headline: `Your code could not be played: ${result.error}`, lines: [] };
  const { expectations } = result;
  const held = expectations.filter((e) => e.pass).length;
  const cut = result.limitReached ? ` (${result.limitReached})` : '';
  const headline = expectations.length > 0 && held === expectations.length
    ? `✓ Solved: all ${expectations.length} hold.${cut}`
    : `Not yet: ${held} of ${expectations.length} hold.${cut}`;
  const lines = expectations.map((entry) => {
    if ('step' in entry) return { pass: entry.pass, text: `${stepName(steps[entry.step])}: ${describeExpectation(entry, false).text}` };
    const check = describeCheckReport(entry);
    return { pass: entry.pass, text: `${check.title}: ${check.text}` };
  });
  return { solved: expectations.length > 0 && held === expectations.length, headline, lines };
}

/** “a second withdrawal…”, else `bank.withdraw`. */
function stepName(step: Step | undefined): string {
  if (step && 'call' in step) return step.call.label ? `“${step.call.label}”` : `${step.call.to}.${step.call.method}`;
  if (step && 'manage' in step) return step.manage.label ? `“${step.manage.label}”` : `${step.manage.method} ${step.manage.canister}`;
  if (step && 'query' in step) return `${step.query.to}.${step.query.method}`;
  return 'a step';
}
