import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario/scenarioTypes.ts';
import { installedModule, workspaceFiles } from './workspaceFiles.ts';

const scenario = {
  format: 'canister-playground/scenario@1',
  canisters: [
    { name: 'a', source: { wat: '(module)' } }, { name: 'w', source: { wasm: 'AGFzbQEAAAA=' } },
    { name: 'm', source: { motoko: 'actor {}' } }, { name: 'gone', source: { wat: '(module)' } },
  ],
  steps: [],
} as unknown as Scenario;
const canisters = [{ name: 'a', status: 'running' }, { name: 'w', status: 'running' }, { name: 'm', status: 'stopped' }, { name: 'gone', status: 'deleted' }] as const;

describe('[ui/workspace/workspaceFiles]', () => {
  it('one file per live canister, then the drafts that are no canister yet, each in its language', () => {
    expect(workspaceFiles(canisters, { new: 'persistent actor {}', a: '(module (memory 1))' }, { a: 2 }, scenario)).toEqual([
      { name: 'a', deployed: true, errors: 2, extension: 'wat' },
      { name: 'w', deployed: true, errors: 0, extension: 'wasm' },
      { name: 'm', deployed: true, errors: 0, extension: 'mo' },
      { name: 'new', deployed: false, errors: 0, extension: 'mo' },
    ]);
  });

  it.each([
    ['an uploaded module', 'w', {}, { wasm: 'AGFzbQEAAAA=' }],
    ['a module with a draft written since', 'w', { w: '(module)' }, null],
    ['WAT text', 'a', {}, null],
    ['Motoko text', 'm', {}, null],
  ])('installedModule: %s', (_name, canister, drafts, expected) => {
    expect(installedModule(scenario, drafts, canister)).toEqual(expected);
  });
});
