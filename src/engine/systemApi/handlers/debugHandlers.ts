/**
 * `debug_print` and `trap` (ic-reference.md §1.2; costs §8.3). Log lines survive a trap (§3.4).
 */
import { ErrorCode, trapSignal } from '../../errors.ts';
import { readBytes, type HostEnv } from '../hostEnv.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';

const lossyUtf8 = new TextDecoder('utf-8');

/** Logging charge `2·min(len, capacity) + 50·min(len, remaining)` (§8.3). */
function chargeLogging(env: HostEnv, len: number): void {
  const capacity = Number(env.config.params.canisterLogBufferBytes);
  const remaining = Math.max(0, capacity - env.ctx().logBytes);
  env.charge(BigInt(2 * Math.min(len, capacity) + 50 * Math.min(len, remaining)));
}

function readMessage(env: HostEnv, fn: string, src: number, size: number): string {
  const len = size >>> 0;
  env.charge(BigInt(len) * env.config.params.ic0InstructionsPerByte);
  chargeLogging(env, len);
  const max = Number(env.config.params.maxDebugMessageBytes);
  const bytes = readBytes(env, fn, src, Math.min(len, max));
  return lossyUtf8.decode(bytes);
}

function log(env: HostEnv, text: string): void {
  const ctx = env.ctx();
  ctx.logs.push(text);
  ctx.logBytes += text.length;
}

export const DEBUG_HANDLERS: Ic0HandlerTable = {
  // debug_print never traps (§1.2): a message outside memory is dropped.
  debug_print: (env, src: number, size: number) => {
    if ((src >>> 0) + Math.min(size >>> 0, Number(env.config.params.maxDebugMessageBytes)) > env.memoryBytes().length) return;
    log(env, readMessage(env, 'ic0.debug_print', src, size));
  },
  trap: (env, src: number, size: number) => {
    const message = readMessage(env, 'ic0.trap', src, size);
    log(env, `[TRAP]: ${message}`);
    throw trapSignal(ErrorCode.CanisterCalledTrap, `Canister called \`ic0.trap\` with message: '${message}'`);
  },
};
