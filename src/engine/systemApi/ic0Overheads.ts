/**
 * The fixed instruction overhead charged before each `ic0` call runs (ic-reference.md §8.3, CPLX
 * `overhead::new`, charged by LINK before the context check). Per-byte charges are made by the handlers.
 */
import type { ParamName } from '../params.ts';

/** The overhead parameter of each function that does not use `ic0OverheadDefault`. */
const SPECIAL: Readonly<Record<string, ParamName>> = {
  call_perform: 'ic0OverheadCallPerform',
  call_new: 'ic0OverheadCallNew',
  is_controller: 'ic0OverheadIsController',
  performance_counter: 'ic0OverheadPerformanceCounter',
  debug_print: 'ic0OverheadDebugPrint',
  stable_grow: 'ic0OverheadStableGrow',
  stable64_grow: 'ic0OverheadStableGrow',
  stable_read: 'ic0OverheadStableAccess',
  stable64_read: 'ic0OverheadStableAccess',
  stable_write: 'ic0OverheadStableAccess',
  stable64_write: 'ic0OverheadStableAccess',
  stable_size: 'ic0OverheadStableAccess',
  stable64_size: 'ic0OverheadStableAccess',
};

/** `mint_cycles128` has no overhead in the replica (§8.3, LINK @ 0048d8c4). */
const FREE = new Set(['mint_cycles128']);

export function ic0OverheadParam(name: string): ParamName | null {
  if (FREE.has(name)) return null;
  return SPECIAL[name] ?? 'ic0OverheadDefault';
}
