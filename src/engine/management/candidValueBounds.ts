/**
 * Whether Candid bytes are small enough to decode and print: at most `MAX_CANDID_NESTING` levels of nested values
 * and at most `MAX_CANDID_VALUES` values (params.ts; a `vec nat8` or a `text` counts as one value, its bytes not at
 * all), found by walking the message without recursion and without building anything. The management canister's
 * arguments (`managementCandid.ts decodeArg`) and the runner's and app's printing of replies (`replyCandid`) check
 * it before `IDL.decode`. `IDL.decode` trusts its input: a 15-byte reply `DIDL 01 6d 7f 01 00 ff ff ff ff 0f` (a `vec null` of
 * 4,294,967,295 elements) makes it build an array until V8 aborts the process, and 10,000 nested `opt`s overflow its
 * stack inside an `opt` decoder that catches the error and decodes the subtree again, level after level (minutes).
 * Both were found probing the paths the fuzzing campaign's inputs take (issue 17): a canister's reply, and its
 * argument to the management canister, are any bytes its code chooses (a 40-byte `canister_status` argument whose
 * record has an extra `vec null` field of 2^32 − 1 elements aborted the engine's process). The Rust
 * `candid` crate bounds decoding the same way (a decoding quota); the replica itself never decodes Candid.
 *
 * Returns null when the bytes are within bounds (or are not a Candid message this walker reads, which `IDL.decode`
 * then refuses on its own), otherwise why not.
 */
import { MAX_CANDID_NESTING, MAX_CANDID_VALUES } from '../params.ts';

type WireType =
  | { readonly kind: 'opt' | 'vec'; readonly of: number }
  | { readonly kind: 'record'; readonly fields: readonly number[] }
  | { readonly kind: 'variant'; readonly fields: readonly number[] }
  | { readonly kind: 'func' | 'service' };

class Unreadable extends Error {}

interface Reader {
  readonly bytes: Uint8Array;
  pos: number;
}

function byte(r: Reader): number {
  if (r.pos >= r.bytes.length) throw new Unreadable();
  return r.bytes[r.pos++];
}

/** An unsigned LEB128 as a number (exact below 2^53; larger counts are past every bound anyway). */
function uleb(r: Reader): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = byte(r);
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return value;
    scale *= 128;
    if (scale > 2 ** 70) throw new Unreadable();
  }
}

function sleb(r: Reader): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = byte(r);
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return b & 0x40 ? value - scale : value;
    if (scale > 2 ** 70) throw new Unreadable();
  }
}

function skip(r: Reader, n: number): void {
  if (n > r.bytes.length - r.pos) throw new Unreadable();
  r.pos += n;
}

/** Bytes of a primitive value by type code (Candid spec "Serialisation"): null for a variable-length one. */
const FIXED_SIZE: Readonly<Record<number, number>> = {
  [-1]: 0, [-2]: 1, [-5]: 1, [-6]: 2, [-7]: 4, [-8]: 8, [-9]: 1, [-10]: 2, [-11]: 4, [-12]: 8, [-13]: 4, [-14]: 8, [-16]: 0,
};
const NAT = -3;
const INT = -4;
const NAT8 = -5;
const TEXT = -15;
const PRINCIPAL = -24;

function readTypeTable(r: Reader): WireType[] {
  const table: WireType[] = [];
  for (let i = 0, n = uleb(r); i < n; i++) {
    const code = sleb(r);
    if (code === -18 || code === -19) table.push({ kind: code === -18 ? 'opt' : 'vec', of: sleb(r) });
    else if (code === -20 || code === -21) {
      const fields: number[] = [];
      for (let f = 0, m = uleb(r); f < m; f++) {
        uleb(r);
        fields.push(sleb(r));
      }
      table.push({ kind: code === -20 ? 'record' : 'variant', fields });
    } else if (code === -22) {
      for (let side = 0; side < 2; side++) for (let a = 0, m = uleb(r); a < m; a++) sleb(r);
      skip(r, uleb(r)); // annotations, one byte each
      table.push({ kind: 'func' });
    } else if (code === -23) {
      for (let m = 0, k = uleb(r); m < k; m++) {
        skip(r, uleb(r));
        sleb(r);
      }
      table.push({ kind: 'service' });
    } else throw new Unreadable();
  }
  return table;
}

/** A principal reference: `i8(0)` (opaque) or `i8(1)` and the bytes. */
function skipPrincipal(r: Reader): void {
  if (byte(r) === 1) skip(r, uleb(r));
}

interface Pending {
  readonly type: number;
  readonly depth: number;
  /** Values of this type still to read in a row (a vector's elements). */
  count: number;
}

export function candidBeyondBounds(bytes: Uint8Array): string | null {
  const r: Reader = { bytes, pos: 0 };
  try {
    if (byte(r) !== 0x44 || byte(r) !== 0x49 || byte(r) !== 0x44 || byte(r) !== 0x4c) return null;
    const table = readTypeTable(r);
    const args: Pending[] = [];
    for (let i = 0, n = uleb(r); i < n; i++) args.push({ type: sleb(r), depth: 1, count: 1 });
    const stack: Pending[] = args.reverse();
    let values = 0;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (--top.count === 0) stack.pop();
      if (++values > MAX_CANDID_VALUES) return `it holds more than ${MAX_CANDID_VALUES} values`;
      if (top.depth > MAX_CANDID_NESTING) return `it is nested deeper than ${MAX_CANDID_NESTING} levels`;
      const { type, depth } = top;
      if (type < 0) {
        const size = FIXED_SIZE[type];
        if (size !== undefined) skip(r, size);
        else if (type === NAT || type === INT) type === NAT ? uleb(r) : sleb(r);
        else if (type === TEXT) skip(r, uleb(r));
        else if (type === PRINCIPAL) skipPrincipal(r);
        else throw new Unreadable(); // empty, or a type this walker does not know
        continue;
      }
      const wire = table[type];
      if (!wire) throw new Unreadable();
      switch (wire.kind) {
        case 'opt':
          if (byte(r) === 1) stack.push({ type: wire.of, depth: depth + 1, count: 1 });
          break;
        case 'vec': {
          const n = uleb(r);
          if (wire.of === NAT8) skip(r, n);
          else if (n > 0) {
            if (n > MAX_CANDID_VALUES) return `it holds more than ${MAX_CANDID_VALUES} values`;
            stack.push({ type: wire.of, depth: depth + 1, count: n });
          }
          break;
        }
        case 'record':
          for (let f = wire.fields.length - 1; f >= 0; f--) stack.push({ type: wire.fields[f], depth: depth + 1, count: 1 });
          break;
        case 'variant': {
          const field = wire.fields[uleb(r)];
          if (field === undefined) throw new Unreadable();
          stack.push({ type: field, depth: depth + 1, count: 1 });
          break;
        }
        case 'service':
          if (byte(r) === 1) skipPrincipal(r);
          break;
        case 'func':
          if (byte(r) === 1) {
            if (byte(r) === 1) skipPrincipal(r);
            skip(r, uleb(r));
          }
          break;
      }
    }
    return null;
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
}
