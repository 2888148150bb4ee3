/**
 * Whether a module's code can change state an instance holds besides its memory and globals. The replica refuses
 * every instruction that changes a table (`functionComplexity.ts`, `REFUSED_INSTRUCTIONS`), so what is left is which
 * passive segments are dropped (`data.drop`, `elem.drop`). A runtime carries its memory and globals across a new
 * instance (a canister put to sleep and woken: `canister/liveInstances.ts`); a module that can drop a segment keeps
 * its instance.
 */
import { opcodeKey, KEY_SPACE } from './opcodes.ts';

const CHANGES_INSTANCE_STATE: Uint8Array = (() => {
  const table = new Uint8Array(KEY_SPACE);
  for (const name of ['data.drop', 'elem.drop']) {
    table[opcodeKey(name)] = 1;
  }
  return table;
})();

/** Whether any of the first `count` instruction keys drops a segment. */
export function changesInstanceState(keys: Uint16Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (CHANGES_INSTANCE_STATE[keys[i]] === 1) return true;
  return false;
}
