/**
 * The engine parameters a scenario may change during a run (the `setParams` step, docs/SCENARIO-EXTENSIONS.md): the
 * ones the subnet reads as it goes, kept in its state so a checkpoint carries them. The rest are fixed for a run:
 * they shape modules already instrumented, fees already charged, memory already granted.
 */
import type { EngineParams } from '../params.ts';

export const LIVE_PARAM_NAMES = ['queueCapacity'] as const;
export type LiveParamName = (typeof LIVE_PARAM_NAMES)[number];
export type LiveParams = { [K in LiveParamName]: bigint };

export function initialLiveParams(params: EngineParams): LiveParams {
  return { queueCapacity: params.queueCapacity };
}

export function isLiveParamName(name: string): name is LiveParamName {
  return (LIVE_PARAM_NAMES as readonly string[]).includes(name);
}
