/**
 * Turns what a Wasm execution threw into a trap value, or rethrows it when it is an engine bug.
 * The texts follow the replica's `Canister trapped: <trap code>` (ic-reference.md §3.6, IC0502).
 */
import { ErrorCode, isTrapSignal, trapSignal, type TrapSignal } from '../errors.ts';

/** V8's RuntimeError messages → the replica's trap-code texts (wasmtime `TrapCode`). */
const WASM_TRAP_TEXT: readonly (readonly [RegExp, string])[] = [
  [/unreachable/, 'unreachable'],
  [/memory access out of bounds|data segment.*out of bounds/, 'heap out of bounds'],
  [/(divide|remainder) by zero/, 'integer division by 0'],
  [/divide result unrepresentable/, 'integer overflow'],
  [/float unrepresentable/, 'invalid conversion to integer'],
  [/table index is out of bounds|element segment.*out of bounds|table.*out of bounds/, 'table out of bounds'],
  [/null function|signature mismatch/, 'indirect call type mismatch'],
];

export function classifyTrap(error: unknown): TrapSignal {
  if (isTrapSignal(error)) return error;
  if (error instanceof WebAssembly.RuntimeError) {
    const found = WASM_TRAP_TEXT.find(([pattern]) => pattern.test(error.message));
    return trapSignal(ErrorCode.CanisterTrapped, `Canister trapped: ${found ? found[1] : error.message}`);
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return trapSignal(ErrorCode.CanisterTrapped, 'Canister trapped: stack overflow');
  }
  throw error;
}
