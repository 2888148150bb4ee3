/**
 * Stable memory, 64- and 32-bit APIs (ic-reference.md §1.2 "Stable memory", §6.2 limits, §8.3 costs).
 * Pages are 64 KiB; dirty/accessed tracking is per 4 KiB OS page as in the replica.
 */
import { ErrorCode, trapSignal } from '../../errors.ts';
import { WASM_PAGE_BYTES } from '../../canister/stableMemory.ts';
import type { HostEnv } from '../hostEnv.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';

const OS_PAGE_BYTES = 4096;
const max32BitPages = (env: HostEnv) => Number(env.config.params.max32BitStableMemoryBytes / BigInt(WASM_PAGE_BYTES));

function trapped(what: string): never {
  throw trapSignal(ErrorCode.CanisterTrapped, `Canister trapped: ${what}`);
}

function checkStableRange(env: HostEnv, offset: bigint, size: bigint): void {
  if (offset + size > env.stable.byteLength()) trapped('stable memory out of bounds');
}

function checkHeapRange(env: HostEnv, at: bigint, size: bigint): void {
  if (at + size > BigInt(env.memoryBytes().length)) trapped('heap out of bounds');
}

/** Records the 4 KiB pages touched; charges the dirty-page overhead and enforces the per-execution limits. */
function touchPages(env: HostEnv, offset: bigint, size: bigint, write: boolean): void {
  if (size === 0n) return;
  const ctx = env.ctx();
  const first = Number(offset / BigInt(OS_PAGE_BYTES));
  const last = Number((offset + size - 1n) / BigInt(OS_PAGE_BYTES));
  const limitPages = Number(ctx.stableAccessLimitBytes / BigInt(OS_PAGE_BYTES));
  let newlyDirty = 0n;
  for (let page = first; page <= last; page++) {
    ctx.stableAccessedPages.add(page);
    if (write && !ctx.stableDirtyPages.has(page)) {
      ctx.stableDirtyPages.add(page);
      newlyDirty++;
    }
  }
  if (ctx.stableAccessedPages.size > limitPages || ctx.stableDirtyPages.size > limitPages) {
    throw trapSignal(
      ErrorCode.CanisterMemoryAccessLimitExceeded,
      `Exceeded the limit for the number of accessed pages in the stable memory in a single message execution: limit: ${ctx.stableAccessLimitBytes / 1024n} KB.`,
    );
  }
  env.charge(newlyDirty * env.config.params.stableDirtyPageOverhead);
}

function read(env: HostEnv, dst: bigint, offset: bigint, size: bigint): void {
  env.charge(size * env.config.params.ic0InstructionsPerByte);
  checkStableRange(env, offset, size);
  checkHeapRange(env, dst, size);
  touchPages(env, offset, size, false);
  env.markWritten(Number(dst), Number(size));
  const mem = env.memoryBytes();
  env.stable.read(Number(offset), mem.subarray(Number(dst), Number(dst + size)));
}

function write(env: HostEnv, offset: bigint, src: bigint, size: bigint): void {
  env.charge(size * env.config.params.ic0InstructionsPerByte);
  checkStableRange(env, offset, size);
  checkHeapRange(env, src, size);
  touchPages(env, offset, size, true);
  const mem = env.memoryBytes();
  env.stable.write(Number(offset), mem.subarray(Number(src), Number(src + size)));
}

function grow(env: HostEnv, delta: bigint, maxBytes: bigint): bigint {
  const maxPages = maxBytes / BigInt(WASM_PAGE_BYTES);
  const old = BigInt(env.stable.size());
  if (old + delta > maxPages) return -1n;
  // Growing allocates nothing here (pages are stored when first written, `stableMemory.ts`), so the playground's
  // memory budget does not bind it: a write to a new page beyond the budget traps instead.
  env.stable.grow(Number(delta));
  return old;
}

function ensure32BitAddressable(env: HostEnv): void {
  if (env.stable.size() > max32BitPages(env)) trapped('32 bit stable memory api used on a memory larger than 4GB');
}

const u32 = (n: number) => BigInt(n >>> 0);

export const STABLE_HANDLERS: Ic0HandlerTable = {
  stable64_size: (env) => BigInt(env.stable.size()),
  stable64_grow: (env, pages: bigint) => grow(env, BigInt.asUintN(64, pages), env.config.params.maxStableMemoryBytes),
  stable64_read: (env, dst: bigint, offset: bigint, size: bigint) =>
    read(env, BigInt.asUintN(64, dst), BigInt.asUintN(64, offset), BigInt.asUintN(64, size)),
  stable64_write: (env, offset: bigint, src: bigint, size: bigint) =>
    write(env, BigInt.asUintN(64, offset), BigInt.asUintN(64, src), BigInt.asUintN(64, size)),
  stable_size: (env) => {
    ensure32BitAddressable(env);
    return env.stable.size();
  },
  stable_grow: (env, pages: number) => {
    ensure32BitAddressable(env);
    return Number(grow(env, u32(pages), env.config.params.max32BitStableMemoryBytes));
  },
  stable_read: (env, dst: number, offset: number, size: number) => {
    ensure32BitAddressable(env);
    read(env, u32(dst), u32(offset), u32(size));
  },
  stable_write: (env, offset: number, src: number, size: number) => {
    ensure32BitAddressable(env);
    write(env, u32(offset), u32(src), u32(size));
  },
};
