/**
 * The Candid decoder of what messages carried (`executionCandid`, with @dfinity/candid: about 20 KB gzip), for the
 * graph's and the timeline's tooltips. Fetched after the first graph (`afterFirstGraph`), so the graph does not
 * wait for it: until then the tooltips say what they can without it, then the views derive them again.
 */
import { useEffect, useState } from 'react';
import { afterFirstGraph } from '../app/afterFirstGraph.ts';
import type { DecodeExecution } from './messagePayload.ts';

let loaded: DecodeExecution | null = null;

export function useExecutionCandid(): DecodeExecution | null {
  const [decode, setDecode] = useState<DecodeExecution | null>(loaded);
  useEffect(() => {
    if (decode) return undefined;
    let live = true;
    const cancel = afterFirstGraph(() => {
      void import('../inspector/executionCandid.ts').then((module) => {
        loaded = module.executionCandid;
        if (live) setDecode(() => module.executionCandid);
      }, () => undefined);
    });
    return () => {
      live = false;
      cancel();
    };
  }, [decode]);
  return decode;
}
