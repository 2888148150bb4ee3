/**
 * The Candid decoder of what messages carried (`executionCandid`, with @dfinity/candid: about 20 KB gzip), for the
 * graph's and the timeline's tooltips. Fetched after the first graph (`loadAfterFirstGraph`), so the graph does not
 * wait for it: until then the tooltips say what they can without it, then the views derive them again.
 */
import { loadAfterFirstGraph } from '../app/afterFirstGraph.ts';
import type { DecodeExecution } from './messagePayload.ts';

export const useExecutionCandid: () => DecodeExecution | null = loadAfterFirstGraph(() => import('../inspector/executionCandid.ts').then((module) => module.executionCandid));
