/**
 * Candid text arguments as the bytes of a message: typed against the expected types when they are known
 * (`ExpectedCandid`, e.g. a method's argument types from the canister's service), inferred otherwise. Errors are
 * values a learner reads: "("x") does not match inc's arguments (nat): "x" is not a nat".
 */
import { IDL } from '@dfinity/candid';
import { parseCandidArgs } from './parseCandidArgs.ts';
import { printCandidTypes } from './printCandidType.ts';

export interface ExpectedCandid {
  readonly types: readonly IDL.Type[];
  /** The service's named types, for annotations (`(x : Profile)`). */
  readonly named: ReadonlyMap<string, IDL.Type>;
  /** Whose types these are, for messages: "inc's arguments", "the init arguments". */
  readonly what: string;
}

export type EncodeCandidResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: string };

/** Arguments longer than this are shown by their start in messages: one line, not the megabyte a script wrote. */
const SHOWN_CHARS = 200;

export function encodeCandidArg(text: string, expected: ExpectedCandid | null): EncodeCandidResult {
  const parsed = parseCandidArgs(text, expected?.types ?? null, expected?.named);
  const trimmed = text.trim();
  const shown = trimmed.length > SHOWN_CHARS ? `${trimmed.slice(0, SHOWN_CHARS)}… (${trimmed.length} characters)` : trimmed;
  if (!parsed.ok) {
    return parsed.mismatch && expected
      ? { ok: false, error: `${shown} does not match ${expected.what} ${printCandidTypes(expected.types)}: ${parsed.error}` }
      : { ok: false, error: `${shown} is not Candid text: ${parsed.error}` };
  }
  try {
    return { ok: true, bytes: new Uint8Array(IDL.encode(parsed.types, parsed.values)) };
  } catch (error) {
    return { ok: false, error: `${shown} cannot be encoded: ${(error as Error).message}` };
  }
}
