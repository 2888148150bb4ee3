import { describe, expect, it } from 'vitest';
import { latestSource } from './latestSource.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';

const scenario = (steps: unknown[]): Scenario => ({
  format: 'canister-playground/scenario@1',
  canisters: [{ name: 'a', source: { wat: 'v1' } }, { name: 'w', source: { wasm: 'AGFzbQEAAAA=' } },
    { name: 'm', source: { motoko: 'actor {}' } }, { name: 'p', source: { motoko: { files: { 'Main.mo': 'actor {}' }, main: 'Main.mo' } } }],
  steps,
} as unknown as Scenario);

describe('[ui/workspace/latestSource]', () => {
  const install = (canister: string, wat: string) => ({ manage: { method: 'install_code', mode: 'upgrade', canister, source: { wat } } });
  it.each([
    ['the canister list when nothing was installed since', [], 'a', 'v1'],
    ['the last install_code naming it', [install('a', 'v2'), { tick: 1 }, install('a', 'v3'), install('b', 'other')], 'a', 'v3'],
    ['a canister deployed by a step', [{ deploy: { name: 'd', source: { wat: 'dep' } } }], 'd', 'dep'],
    ['a later upgrade of a deployed canister', [{ deploy: { name: 'd', source: { wat: 'dep' } } }, install('d', 'dep2')], 'd', 'dep2'],
    ['nothing for code given as Wasm', [], 'w', ''],
    ['the text of a one-file Motoko actor', [], 'm', 'actor {}'],
    ['nothing for a multi-file Motoko project', [], 'p', ''],
    ['nothing for an unknown name', [], 'zz', ''],
  ])('%s', (_name, steps, canister, expected) => {
    expect(latestSource(scenario(steps as unknown[]), canister)).toBe(expected);
  });
});
