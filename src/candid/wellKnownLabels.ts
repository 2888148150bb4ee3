/**
 * Names for field labels that arrive as hashes (a reply decoded without its types): every word of the management
 * canister's interface (field names, variant cases such as `running`) and the usual result cases (`ok`, `err`).
 * Type keywords among the words only add harmless extra entries.
 *
 * Built on first use, not when the module is evaluated: printing every management type and hashing its words took
 * about a fifth of the engine worker's start-up in Chromium, before its first workspace (issue 16, target 7).
 */
import { IDL, idlLabelToId } from '@dfinity/candid';
import { ChunkCandid, LogsCandid, ManagementCandid, SnapshotCandid } from '../engine/index.ts';

let labels: ReadonlyMap<number, string> | null = null;

export function wellKnownLabels(): ReadonlyMap<number, string> {
  if (labels) return labels;
  const names = new Set(['ok', 'err', 'Ok', 'Err', 'value', 'error', 'message']);
  for (const type of [...Object.values(ManagementCandid), ...Object.values(LogsCandid), ...Object.values(SnapshotCandid), ...Object.values(ChunkCandid)]) {
    if (type instanceof IDL.Type) for (const [word] of type.display().matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(word);
  }
  labels = new Map([...names].map((name) => [idlLabelToId(name), name]));
  return labels;
}
