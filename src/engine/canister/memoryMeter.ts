/**
 * The playground's own memory budget (`playgroundMemoryBytes`, params.ts "Playground resource limits"): the bytes the
 * engine really holds for a subnet — written 4 KiB stable pages and their journal copies, Wasm heaps and their
 * journal copies, snapshots, chunk stores — counted as they are allocated and freed, so a check costs nothing and
 * no allocation walks the canisters. It is not the replica's limit: a node has far more memory than a browser tab,
 * so where a canister legitimately needs more than the playground can give, the engine refuses it *as the
 * playground's limit* (its own message, a `playground_limit` trace event) instead of running out of memory.
 *
 * Each object that holds memory (a `StableMemory`, a `CanisterRuntime`) charges the meter of the subnet it belongs to
 * and releases what it frees; one that stops belonging to the subnet is detached (`detachMeter`), which releases all
 * it holds. Objects outside any subnet (a query's fork, a checkpoint) use `UNMETERED`.
 */
import { ErrorCode, trapSignal, type PlaygroundLimitNote, type TrapSignal } from '../errors.ts';

export type { PlaygroundLimitNote };

export class MemoryMeter {
  private usedBytes = 0;

  /** `budget` in bytes; `Infinity` for a meter that never refuses. */
  constructor(readonly budget: number) {}

  used(): number {
    return this.usedBytes;
  }

  /** Whether `bytes` more fit in the budget. */
  fits(bytes: number): boolean {
    return this.usedBytes + bytes <= this.budget;
  }

  /** Counts `bytes` without asking (memory that already exists: a restore, an instance the replica would have too). */
  charge(bytes: number): void {
    this.usedBytes += bytes;
  }

  release(bytes: number): void {
    this.usedBytes -= bytes;
  }

  /** Counts `bytes`, or throws the playground's trap if they do not fit (inside an execution: it rolls back). */
  allocate(bytes: number, what: string): void {
    if (!this.fits(bytes)) throw playgroundMemoryTrap(this, bytes, what);
    this.usedBytes += bytes;
  }

  /** The note a refusal of `bytes` more for `what` carries (trace event `playground_limit`). */
  refusal(bytes: number, what: string): PlaygroundLimitNote {
    return { parameter: 'playgroundMemoryBytes', limit: BigInt(this.budget), inUse: BigInt(this.usedBytes), requested: BigInt(bytes), refused: what };
  }
}

/** A meter for memory that belongs to no subnet: it never refuses and nobody reads it. */
export const UNMETERED = new MemoryMeter(Infinity);

/**
 * The message of every refusal of the memory budget. The replica's nearest case is a subnet out of memory (its
 * `SubnetAvailableMemory` exhausted: `HypervisorError::OutOfMemory`, IC0507 "Canister cannot grow its memory usage"),
 * so the message starts like it and then says whose limit this is and which parameter raises it.
 */
export function playgroundMemoryMessage(note: PlaygroundLimitNote): string {
  return `Canister cannot grow its memory usage: ${note.refused} needs ${note.requested} more bytes, but the playground's memory budget ` +
    `(playgroundMemoryBytes = ${note.limit} bytes, ${note.inUse} in use on this subnet) would be exceeded. ` +
    'This is a limit of the playground (the memory a browser or a laptop can give a simulated subnet), not of the Internet Computer; ' +
    'a scenario may raise it with subnet.params.playgroundMemoryBytes.';
}

/** The trap an execution ends with when it needs more memory than the budget leaves (IC0507, rolled back as any trap). */
export function playgroundMemoryTrap(meter: MemoryMeter, bytes: number, what: string): TrapSignal {
  const note = meter.refusal(bytes, what);
  return { ...trapSignal(ErrorCode.CanisterOutOfMemory, playgroundMemoryMessage(note)), playgroundLimit: note };
}
