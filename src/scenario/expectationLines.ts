/**
 * What `canister-playground run --check` prints (docs/SCENARIO-EXTENSIONS.md "Expectations"): one line per
 * expectation, `PASS` or `FAIL`, the step it belongs to as the scenario names it (or the check, by its index and
 * label, and the round it was judged at), what was expected and what was seen; then a line counting them. Greppable and diffable: a scenario file becomes a test a user runs in CI.
 */
import type { ExpectationReport } from './reportTypes.ts';
import type { Step } from './scenarioTypes.ts';

export function expectationLines(expectations: readonly ExpectationReport[], steps: readonly Step[]): string[] {
  const lines = expectations.map((e) => {
    const outcome = e.pass && e.expected === e.seen ? e.seen : `expected ${e.expected}, seen ${e.seen}`;
    const verdict = e.pass ? 'PASS' : 'FAIL';
    if ('step' in e) return `${verdict} step ${e.step} (${describeStep(steps[e.step])}) ${e.what}: ${outcome}`;
    const label = e.label !== undefined ? ` ${JSON.stringify(e.label)}` : '';
    const when = e.when === 'everyRound' ? (e.pass ? ', at every round' : `, first failed at round ${e.round}`) : `, at round ${e.round}`;
    return `${verdict} check ${e.check}${label} (${e.what}${when}): ${outcome}`;
  });
  const failed = expectations.filter((e) => !e.pass).length;
  const count = `${expectations.length} ${expectations.length === 1 ? 'expectation' : 'expectations'}`;
  lines.push(expectations.length === 0
    ? 'no expectations: no step of this scenario has "expect" and it has no "checks"'
    : failed === 0 ? `${count}, all held` : `${count}, ${failed} failed`);
  return lines;
}

/** `call counter.inc "first"`, `query counter.get`, `manage install_code counter`. */
function describeStep(step: Step | undefined): string {
  if (step === undefined) return 'unknown';
  if ('call' in step) return `call ${step.call.to}.${step.call.method}${step.call.label ? ` ${JSON.stringify(step.call.label)}` : ''}`;
  if ('query' in step) return `query ${step.query.to}.${step.query.method}`;
  if ('manage' in step) return `manage ${step.manage.method} ${step.manage.canister}${step.manage.label ? ` ${JSON.stringify(step.manage.label)}` : ''}`;
  return Object.keys(step)[0];
}
