/**
 * The scenario an export carries (`scenario.json`), with every source a file path named written into it — WAT and
 * Motoko as text, anything else as base64 — so that it opens in the playground and runs with the runner from the
 * exported folder, where the files beside the original scenario are not.
 */
import type { ReadSource } from '../scenario/loadScenario.ts';
import { encodeBase64 } from '../scenario/encodeBase64.ts';
import { motokoProjectOf } from '../scenario/motokoProjectOf.ts';
import type { Scenario, Source, Step } from '../scenario/scenarioTypes.ts';

export function inlineSources(scenario: Scenario, readSource?: ReadSource): Scenario {
  const inline = (source: Source): Source => inlineSource(source, readSource);
  return {
    ...scenario,
    canisters: scenario.canisters.map((canister) => ({ ...canister, source: inline(canister.source) })),
    steps: scenario.steps.map((step): Step => {
      if ('deploy' in step) return { deploy: { ...step.deploy, source: inline(step.deploy.source) } };
      if ('manage' in step && step.manage.source) return { manage: { ...step.manage, source: inline(step.manage.source) } } as Step;
      return step;
    }),
  };
}

function inlineSource(source: Source, readSource?: ReadSource): Source {
  if (!('path' in source) || !readSource) return source;
  const motoko = motokoProjectOf(source, readSource);
  if (motoko) return { motoko: { files: { ...motoko.files }, main: motoko.main } };
  const bytes = readSource(source.path);
  if (!(bytes instanceof Uint8Array)) return source; // the export has played the scenario: it was read then
  return source.path.endsWith('.wat') ? { wat: new TextDecoder().decode(bytes) } : { wasm: encodeBase64(bytes) };
}
