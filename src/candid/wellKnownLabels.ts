/**
 * Names for field labels that arrive as hashes (a reply decoded without its types): every word of the management
 * canister's interface (field names, variant cases such as `running`) and the usual result cases (`ok`, `err`).
 * Type keywords among the words only add harmless extra entries.
 */
import { IDL, idlLabelToId } from '@dfinity/candid';
import { ChunkCandid, LogsCandid, ManagementCandid, SnapshotCandid } from '../engine/index.ts';

export const WELL_KNOWN_LABELS: ReadonlyMap<number, string> = (() => {
  const names = new Set(['ok', 'err', 'Ok', 'Err', 'value', 'error', 'message']);
  for (const type of [...Object.values(ManagementCandid), ...Object.values(LogsCandid), ...Object.values(SnapshotCandid), ...Object.values(ChunkCandid)]) {
    if (type instanceof IDL.Type) for (const [word] of type.display().matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(word);
  }
  return new Map([...names].map((name) => [idlLabelToId(name), name]));
})();
