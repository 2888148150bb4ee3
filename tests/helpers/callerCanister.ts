import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A caller canister for inter-canister tests, in readable WAT. `call <method>` on it calls
 * `<method>` on the canister whose id is in its init argument, attaching the cycles given as the
 * call's 8-byte argument (if any), and replies with what came back: `R` + the reply bytes, or `J` + the
 * reject code byte + the reject message. Its global `before` is incremented before each call, so tests can
 * see that state before an `await` survives a trap after it. The sources are the shipped examples.
 */
const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples');

export const CALLER_WAT = readFileSync(resolve(EXAMPLES, 'caller.wat'), 'utf8');

/** The callee: `inc` counts and replies with the count; `trap` traps; `accept_half` accepts half the cycles. */
export const CALLEE_WAT = readFileSync(resolve(EXAMPLES, 'callee.wat'), 'utf8');

/** The 10-byte id of the n-th canister, as a hex ARG for the caller's init. */
export function canisterIdHex(index: number): string {
  return index.toString(16).padStart(16, '0') + '0101';
}

/** A scenario of the caller (id 0) and the callee (id 1) on the classroom preset, running `steps`. */
export function callerCalleePair(steps: unknown[], calleeIndex = 1, extra: Record<string, unknown> = {}) {
  return {
    subnet: { preset: 'classroom' },
    canisters: [
      { name: 'caller', source: { wat: CALLER_WAT }, initArg: { hex: canisterIdHex(calleeIndex) } },
      { name: 'callee', source: { wat: CALLEE_WAT } },
    ],
    steps,
    ...extra,
  };
}

/**
 * `count` canisters in caller/callee pairs, for the bench workloads: `caller<k>` at even ids, each calling
 * `callee<k>`, the canister after it (its init argument).
 */
export function callerCalleePairs(count: number) {
  return Array.from({ length: count }, (_, i) => i % 2 === 0
    ? { name: `caller${i / 2}`, source: { wat: CALLER_WAT }, initArg: { hex: canisterIdHex(i + 1) } }
    : { name: `callee${(i - 1) / 2}`, source: { wat: CALLEE_WAT } });
}
