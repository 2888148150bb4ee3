/**
 * The WAT a canister runs now, as far as the workspace says: its last install (a `deploy` step, or an
 * `install_code` step naming it) or else its source in the canister list. The editor opens on it, so after an
 * upgrade or a reload the code shown is the code installed. Empty when the code came as Wasm or a file.
 */
import type { Scenario, Source } from '../../scenario/scenarioTypes.ts';

const watOf = (source: Source): string => ('wat' in source ? source.wat : '');

export function latestSource(scenario: Scenario | null, name: string): string {
  if (!scenario) return '';
  for (let i = scenario.steps.length - 1; i >= 0; i--) {
    const step = scenario.steps[i];
    if ('deploy' in step && step.deploy.name === name) return watOf(step.deploy.source);
    if ('manage' in step && step.manage.method === 'install_code' && step.manage.canister === name) return watOf(step.manage.source);
  }
  const spec = scenario.canisters.find((c) => c.name === name);
  return spec ? watOf(spec.source) : '';
}
