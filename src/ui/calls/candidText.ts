/**
 * Candid bytes as Candid text, without knowing their type (`decodeCandidText` by the message's own wire types):
 * field names travel only as hashes, so the hashes of names the learner will meet (the management canister's
 * interface, ok/err) are read back as names; other fields show as the hash, as `didc` does.
 */
import { decodeCandidText } from '../../candid/decodeCandidText.ts';
import { wellKnownLabels } from '../../candid/wellKnownLabels.ts';

/** `(5, "hi", record { canister_id = principal "…" })`, or null when the bytes are not Candid. */
export function candidText(bytes: Uint8Array): string | null {
  return decodeCandidText(bytes, null, wellKnownLabels());
}
