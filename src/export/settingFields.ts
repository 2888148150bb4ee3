/**
 * The numeric settings a canister of a scenario may start with: by the name the scenario and pic-js's
 * `createCanister` give them (camel case), and the key icp.yaml's `settings` gives them (snake case).
 * (`environmentVariables` is a map, written apart.)
 */
import type { InitialCanisterSettings } from '../scenario/scenarioTypes.ts';

export const SETTING_FIELDS: readonly (readonly [Exclude<keyof InitialCanisterSettings, 'environmentVariables'>, string])[] = [
  ['freezingThreshold', 'freezing_threshold'],
  ['computeAllocation', 'compute_allocation'],
  ['memoryAllocation', 'memory_allocation'],
  ['reservedCyclesLimit', 'reserved_cycles_limit'],
  ['wasmMemoryLimit', 'wasm_memory_limit'],
];
