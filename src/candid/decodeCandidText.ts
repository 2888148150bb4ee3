/**
 * Candid bytes as Candid text: decoded against the expected types when they are known (a method's results, so
 * field names and `nat` vs `int` come out right), otherwise by the types the message itself carries
 * (`IDL.Unknown`), whose field names travel only as hashes: `names` reads the ones it knows back as names.
 */
import { IDL } from '@dfinity/candid';
import { candidBeyondBounds } from '../engine/index.ts';
import { printCandidValues } from './printCandidValues.ts';

/** More arguments than any reply a learner will read; decoding stops at the first count that does not fit. */
const MAX_ARGUMENTS = 32;

/**
 * `(5 : nat, "hi")`, or null when the bytes are not Candid (or not of the expected types), or hold more than can be
 * decoded and printed (the engine's `candidBeyondBounds`: nested deeper than 1,000 levels, more than a million values).
 */
export function decodeCandidText(bytes: Uint8Array, types: readonly IDL.Type[] | null, names?: ReadonlyMap<number, string>): string | null {
  if (candidBeyondBounds(bytes) !== null) return null;
  if (types) {
    try {
      return printCandidValues(types, IDL.decode([...types], bytes), names);
    } catch {
      return null;
    }
  }
  const values = decodeUntyped(bytes);
  if (values === null) return null;
  return printCandidValues(values.map(() => IDL.Unknown), values, names);
}

function decodeUntyped(bytes: Uint8Array): unknown[] | null {
  let values: unknown[] | null = null;
  for (let count = 0; count <= MAX_ARGUMENTS; count++) {
    try {
      values = IDL.decode(Array<IDL.Type>(count).fill(IDL.Unknown), bytes);
    } catch (error) {
      if (count === 0) return null; // not even the header is Candid
      if (String(error).includes('Wrong number of return values')) break;
      return null;
    }
  }
  return values;
}
