/**
 * What a learner types as a message argument (a call's, an install's) turned into the scenario's ARG: empty, text,
 * hex, a number as 8 little-endian bytes, the bytes of a principal picked by name (a canister's or a user's,
 * so a caller can be installed with its callee's id), Candid text, or the Candid text a typed form made (`typed`:
 * empty while the form has problems). Errors name the problem in words; nothing is thrown.
 */
import { Principal } from '@dfinity/principal';
import { parseCandidArgs } from '../../candid/parseCandidArgs.ts';
import type { Arg } from '../../scenario/scenarioTypes.ts';

export type ArgKind = 'empty' | 'text' | 'hex' | 'u64' | 'principal' | 'candid' | 'typed';

export const ARG_KINDS: readonly { readonly kind: ArgKind; readonly label: string }[] = [
  { kind: 'empty', label: 'empty' },
  { kind: 'text', label: 'text' },
  { kind: 'hex', label: 'hex' },
  { kind: 'u64', label: 'number (8 bytes, little-endian)' },
  { kind: 'principal', label: 'principal of…' },
  { kind: 'candid', label: 'Candid text' },
];

export interface NamedPrincipal {
  readonly name: string;
  readonly principal: string;
}

export type ArgResult = { readonly ok: true; readonly arg: Arg | undefined } | { readonly ok: false; readonly error: string };

const U64_MAX = (1n << 64n) - 1n;

export function argSpec(kind: ArgKind, value: string, principals: readonly NamedPrincipal[]): ArgResult {
  switch (kind) {
    case 'empty':
      return { ok: true, arg: undefined };
    case 'text':
      return { ok: true, arg: { text: value } };
    case 'hex': {
      const hex = value.replace(/\s+/g, '').replace(/^0x/i, '');
      return /^(?:[0-9a-fA-F]{2})*$/.test(hex) ? { ok: true, arg: { hex: hex.toLowerCase() } } : { ok: false, error: 'Hex needs an even number of hex digits.' };
    }
    case 'u64': {
      const text = value.trim().replace(/[_,]/g, '');
      if (!/^\d+$/.test(text) || BigInt(text) > U64_MAX) return { ok: false, error: 'A whole number from 0 to 18,446,744,073,709,551,615.' };
      let n = BigInt(text);
      let hex = '';
      for (let i = 0; i < 8; i++, n >>= 8n) hex += (n & 0xffn).toString(16).padStart(2, '0');
      return { ok: true, arg: { hex } };
    }
    case 'principal': {
      const picked = principals.find((p) => p.name === value);
      if (!picked) return { ok: false, error: 'Pick a canister or a user.' };
      return { ok: true, arg: { hex: principalHex(picked.principal) } };
    }
    case 'candid': {
      // Typed against the receiver's interface when the step runs; here only its syntax is checked.
      const parsed = parseCandidArgs(value, null);
      return parsed.ok || parsed.mismatch ? { ok: true, arg: { candid: value.trim() } } : { ok: false, error: `Not Candid text: ${parsed.error}` };
    }
    case 'typed':
      return value === '' ? { ok: false, error: 'Some values of the form are still to fix.' } : { ok: true, arg: { candid: value } };
  }
}

/** A principal's raw bytes as hex (what `msg_caller_copy` gives and `call_new` takes). */
export function principalHex(text: string): string {
  return [...Principal.fromText(text).toUint8Array()].map((b) => b.toString(16).padStart(2, '0')).join('');
}
