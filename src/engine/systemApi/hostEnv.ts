/**
 * What a System API handler can reach: the current execution context, the canister's Wasm memory and
 * stable memory, the instruction counter, and the parameter table. Handlers are free functions over it.
 */
import type { ExecutionContext } from '../execution/executionContext.ts';
import type { StableMemory } from '../canister/stableMemory.ts';
import type { SubnetConfig } from '../params.ts';
import { ErrorCode, trapSignal } from '../errors.ts';

export interface HostEnv {
  /** The running execution; host functions are only ever called while one runs. */
  ctx(): ExecutionContext;
  /** The canister's Wasm memory as bytes (a fresh view: memory may have grown). */
  memoryBytes(): Uint8Array;
  readonly stable: StableMemory;
  readonly config: SubnetConfig;
  /** Subtracts instructions from the counter; ends the execution with IC0522 when it goes negative. */
  charge(instructions: bigint): void;
  /** Instructions used so far by the current execution. */
  instructionsUsed(): bigint;
  /** Tells the rollback journal the host is about to write `[dst, dst + length)` of Wasm memory. */
  markWritten(dst: number, length: number): void;
}

/** The text every System API contract violation carries (ic-reference.md §1.3). */
export function contractViolation(message: string): never {
  throw trapSignal(ErrorCode.CanisterContractViolation, `Canister violated contract: ${message}`);
}

/** Reads `size` bytes at `src` of Wasm memory, trapping like the replica when out of bounds. */
export function readBytes(env: HostEnv, fn: string, src: number, size: number): Uint8Array {
  const mem = env.memoryBytes();
  const start = src >>> 0;
  const len = size >>> 0;
  if (start + len > mem.length) {
    contractViolation(`${fn}: src=${start} + length=${len} exceeds the slice size=${mem.length}.`);
  }
  return mem.slice(start, start + len);
}

/** Writes `bytes` at `dst` of Wasm memory, trapping when out of bounds. */
export function writeBytes(env: HostEnv, fn: string, dst: number, bytes: Uint8Array): void {
  const mem = env.memoryBytes();
  const start = dst >>> 0;
  if (start + bytes.length > mem.length) {
    contractViolation(`${fn}: dst=${start} + length=${bytes.length} exceeds the slice size=${mem.length}.`);
  }
  env.markWritten(start, bytes.length);
  mem.set(bytes, start);
}

/** The blob idiom `X_copy(dst, offset, size)` (ic-reference.md §1.1): charges 1 instruction per byte. */
export function copyBlob(env: HostEnv, fn: string, blob: Uint8Array, dst: number, offset: number, size: number): void {
  const off = offset >>> 0;
  const len = size >>> 0;
  env.charge(BigInt(len) * env.config.params.ic0InstructionsPerByte);
  if (off + len > blob.length) {
    contractViolation(`${fn}: offset=${off} + length=${len} exceeds the blob size=${blob.length}.`);
  }
  writeBytes(env, fn, dst, blob.subarray(off, off + len));
}

/** Writes a 128-bit cycles amount as 16 bytes little-endian (ic-reference.md §1.1). */
export function writeCycles128(env: HostEnv, fn: string, dst: number, amount: bigint): void {
  const out = new Uint8Array(16);
  let v = amount;
  for (let i = 0; i < 16; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  writeBytes(env, fn, dst, out);
}

/** Joins the (high, low) i64 halves of a 128-bit amount (ic-reference.md §1.1). */
export function cycles128(high: bigint, low: bigint): bigint {
  return (BigInt.asUintN(64, high) << 64n) | BigInt.asUintN(64, low);
}

export const U64_MAX = (1n << 64n) - 1n;
