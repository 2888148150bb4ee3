/**
 * `debug_print` and `trap` (ic-reference.md §1.2; costs §8.3). Log lines survive a trap (§3.4).
 */
import { ErrorCode, trapSignal, type TrapSignal } from '../../errors.ts';
import { readBytes, type HostEnv } from '../hostEnv.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';
import { addExecutionLogLine, type LogLine } from '../../canister/canisterLogStore.ts';

const lossyUtf8 = new TextDecoder('utf-8');

/**
 * Logging charge `2·min(len, capacity) + 50·min(len, remaining)` (§8.3), against this execution's log: its capacity
 * min(`log_memory_limit`, 2 MiB) and what its records already take (system_api `logging_charge_bytes`).
 */
function chargeLogging(env: HostEnv, len: number): void {
  const ctx = env.ctx();
  const capacity = ctx.logCapacity;
  const remaining = Math.max(0, capacity - ctx.log.bytes);
  env.charge(BigInt(2 * Math.min(len, capacity) + 50 * Math.min(len, remaining)));
}

function readMessage(env: HostEnv, fn: string, src: number, size: number): Uint8Array {
  const len = size >>> 0;
  env.charge(BigInt(len) * env.config.params.ic0InstructionsPerByte);
  chargeLogging(env, len);
  const max = Number(env.config.params.maxDebugMessageBytes);
  return readBytes(env, fn, src, Math.min(len, max)); // a copy: the heap may change after the call
}

const utf8 = new TextEncoder();

/** The line `ic0.trap` leaves in the canister's log: the lossily decoded message (SAPI `add_canister_log_for_trap`). */
export function trapLogLine(message: string): LogLine {
  const text = `[TRAP]: ${message}`;
  return { text, content: utf8.encode(text), trap: true };
}

/** What `ic0.trap` raises with `message` (its caller is answered IC0503, CANISTER_ERROR). */
export function calledTrap(message: string): TrapSignal {
  return trapSignal(ErrorCode.CanisterCalledTrap, `Canister called \`ic0.trap\` with message: '${message}'`);
}

function log(env: HostEnv, text: string, content: Uint8Array, trap: boolean): void {
  const ctx = env.ctx();
  addExecutionLogLine(env.config.params, ctx.log, ctx.logCapacity, { text, content, trap });
}

export const DEBUG_HANDLERS: Ic0HandlerTable = {
  // debug_print never traps (§1.2): a message outside memory is dropped.
  debug_print: (env, src: number, size: number) => {
    if ((src >>> 0) + Math.min(size >>> 0, Number(env.config.params.maxDebugMessageBytes)) > env.memoryBytes().length) return;
    const bytes = readMessage(env, 'ic0.debug_print', src, size);
    log(env, lossyUtf8.decode(bytes), bytes, false);
  },
  trap: (env, src: number, size: number) => {
    const message = lossyUtf8.decode(readMessage(env, 'ic0.trap', src, size));
    const line = trapLogLine(message);
    log(env, line.text, line.content, true);
    throw calledTrap(message);
  },
};
