import { encodeCandidArg, type ExpectedCandid } from '../candid/encodeCandidArg.ts';
import { decodeBase64 } from './decodeBase64.ts';
import { decodeHex } from './decodeHex.ts';
import type { Arg } from './scenarioTypes.ts';

export type ArgToBytesResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * The bytes of a message argument (SCENARIO.md "ARG"): UTF-8 of `text`, decoded `hex` or `base64`, `candid` text
 * encoded (typed against `expected` when the receiver's interface is known, docs/SCENARIO-EXTENSIONS.md); empty
 * when absent. Bad input is an error value, since the argument comes from a scenario or a form field.
 */
export function argToBytes(arg: Arg | undefined, expected: ExpectedCandid | null = null): ArgToBytesResult {
  if (arg === undefined) return { ok: true, bytes: new Uint8Array(0) };
  if ('text' in arg && typeof arg.text === 'string') return { ok: true, bytes: new TextEncoder().encode(arg.text) };
  if ('hex' in arg && typeof arg.hex === 'string') {
    const bytes = decodeHex(arg.hex);
    return bytes ? { ok: true, bytes } : { ok: false, error: 'hex must be an even number of hex digits (0-9, a-f)' };
  }
  if ('base64' in arg && typeof arg.base64 === 'string') {
    const bytes = decodeBase64(arg.base64);
    return bytes ? { ok: true, bytes } : { ok: false, error: 'base64 must be standard padded base64 (A-Z a-z 0-9 + /, "=")' };
  }
  if ('candid' in arg && typeof arg.candid === 'string') return encodeCandidArg(arg.candid, expected);
  return { ok: false, error: 'must be one of {"text": …}, {"hex": …}, {"base64": …}, {"candid": …}' };
}
