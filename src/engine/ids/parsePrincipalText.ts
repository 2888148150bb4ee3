import { Principal } from '@dfinity/principal';
import { MAX_PRINCIPAL_BYTES } from './isValidPrincipalBytes.ts';

export type ParsePrincipalTextResult = { ok: true; principal: Principal } | { ok: false; error: string };

/** Longest textual form: 29 bytes + 4 checksum bytes in base32 (54 chars) plus 10 dashes (ic-reference.md §9). */
const MAX_TEXT_LENGTH = 63;
const TEXT_SHAPE = /^[a-z2-7]{5}(-[a-z2-7]{5})*(-[a-z2-7]{1,5})?$|^[a-z2-7]{1,5}$/;

/**
 * Parses principal text (`Grouped(Base32(CRC32 ‖ bytes))`, ic-reference.md §9) from user input. Parsing is
 * case-insensitive as the spec says; grouping and checksum must be exact. Returns errors as values because
 * the input is a scenario or a text field.
 *
 * The shape is checked before calling `Principal.fromText`, which throws on bad input and would otherwise
 * interpret text containing `__principal__` as JSON.
 */
export function parsePrincipalText(text: string): ParsePrincipalTextResult {
  const lower = text.toLowerCase();
  if (lower.length > MAX_TEXT_LENGTH || !TEXT_SHAPE.test(lower)) {
    return { ok: false, error: `"${text}" is not principal text` };
  }
  let principal: Principal;
  try {
    principal = Principal.fromText(lower);
  } catch {
    return { ok: false, error: `"${text}" is not principal text (bad checksum)` };
  }
  if (principal.toUint8Array().length > MAX_PRINCIPAL_BYTES) {
    return { ok: false, error: `"${text}" is longer than ${MAX_PRINCIPAL_BYTES} bytes` };
  }
  return { ok: true, principal };
}
