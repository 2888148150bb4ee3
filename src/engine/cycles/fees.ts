/**
 * The cycles cost formulas of the replica's cycles account manager (ic-reference.md §5.2, CAM).
 * All amounts are bigint cycles; every fee comes from the parameter table and is scaled by subnet size.
 */
import { scaleFee, type SubnetConfig } from '../params.ts';
import { utf8Length } from '../utf8Length.ts';

const SECONDS_PER_DAY = 86_400n;
const GiB = 1n << 30n;

/** `execution_cost(n) = scale(update_message_execution_fee + fee10 · n / 10)` (§5.2, wasm32). */
export function executionCost(config: SubnetConfig, instructions: bigint): bigint {
  const p = config.params;
  return scaleFee(config, p.updateMessageExecutionFee + (p.tenUpdateInstructionsExecutionFee * instructions) / 10n);
}

/** Cycles for instructions alone, without the base fee: what is refunded for unused instructions (§5.3). */
export function instructionsCost(config: SubnetConfig, instructions: bigint): bigint {
  return scaleFee(config, (config.params.tenUpdateInstructionsExecutionFee * instructions) / 10n);
}

/** Ingress induction: `scale(1,200,000 + 2,000 · bytes)`, charged to the receiving canister (§5.2). */
export function ingressInductionCost(config: SubnetConfig, bytes: bigint): bigint {
  const p = config.params;
  return scaleFee(config, p.ingressMessageReceptionFee + p.ingressByteReceptionFee * bytes);
}

/**
 * The induction cost of an ingress message: its method name and argument are the bytes counted here (the newest
 * replica counts the whole signed request, which a simulated user does not have; §5.2).
 */
export function ingressMessageCost(config: SubnetConfig, method: string, argBytes: number): bigint {
  return ingressInductionCost(config, BigInt(argBytes + utf8Length(method)));
}

/** `memory_cost(bytes, secs) = scale(bytes · gib_fee · secs / 2^30)` (§5.2). */
export function memoryCost(config: SubnetConfig, bytes: bigint, seconds: bigint): bigint {
  return scaleFee(config, (bytes * config.params.gibStoragePerSecondFee * seconds) / GiB);
}

/** `canister_base_cost(bytes, secs) = scale(base_fee · secs)` if the canister holds any memory (§5.2, newest replica). */
export function baseStorageCost(config: SubnetConfig, bytes: bigint, seconds: bigint): bigint {
  return bytes > 0n ? scaleFee(config, config.params.baseStoragePerSecondFee * seconds) : 0n;
}

/** `compute_allocation_cost(pct, secs) = scale(10,000,000 · secs · pct)` (§5.2). */
export function computeAllocationCost(config: SubnetConfig, percent: bigint, seconds: bigint): bigint {
  return scaleFee(config, config.params.computePercentAllocatedPerSecondFee * seconds * percent);
}

export interface ResourceUsage {
  /** Bytes billed for storage: heap + stable + globals + module + history (§5.5). */
  readonly memoryBytes: bigint;
  /** Message memory: the response reserved for each outstanding call (§5.2, §5.5; `messageMemoryUsage`). */
  readonly messageMemoryBytes: bigint;
  readonly memoryAllocation: bigint;
  readonly computeAllocation: bigint;
}

/**
 * Cycles the canister burns over `seconds` just by existing (§5.2 `idle_cycles_burned_per_day`, §5.5). Message
 * memory is billed on its own, beside `max(memory_allocation, usage)`: an allocation does not cover it (§5.2
 * `+ memory_cost(message_memory, 1 day)`).
 */
export function idleCost(config: SubnetConfig, usage: ResourceUsage, seconds: bigint): bigint {
  const billed = usage.memoryAllocation > usage.memoryBytes ? usage.memoryAllocation : usage.memoryBytes;
  return memoryCost(config, billed, seconds) + baseStorageCost(config, billed, seconds)
    + memoryCost(config, usage.messageMemoryBytes, seconds)
    + computeAllocationCost(config, usage.computeAllocation, seconds);
}

/** `idle_cycles_burned_per_day` as reported by canister_status (§5.2). */
export function idleCyclesBurnedPerDay(config: SubnetConfig, usage: ResourceUsage): bigint {
  return idleCost(config, usage, SECONDS_PER_DAY);
}

/** Freezing limit = idle burn per day · threshold / 86,400 − reserved balance, saturating at 0 (§5.2). */
export function freezingLimit(config: SubnetConfig, usage: ResourceUsage, freezingThreshold: bigint, reserved: bigint): bigint {
  const limit = (idleCyclesBurnedPerDay(config, usage) * freezingThreshold) / SECONDS_PER_DAY - reserved;
  return limit > 0n ? limit : 0n;
}
