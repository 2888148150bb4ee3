/**
 * Inter-canister calls (ic-reference.md §1.2 "Inter-canister calls", §5.4 costs): a call is built with
 * `call_new` … and handed to the system by `call_perform`, which reserves its fees and returns 0, or 2
 * when the canister cannot afford it or its queues to the callee are full. Performed calls are sent only if the
 * execution commits.
 */
import { callTotalCost } from './costHandlers.ts';
import { liquidBalance } from './cyclesHandlers.ts';
import { contractViolation, cycles128, readBytes, type HostEnv } from '../hostEnv.ts';
import { executionCost } from '../../cycles/fees.ts';
import { scaleFee } from '../../params.ts';
import { utf8Length } from '../../utf8Length.ts';
import type { CallUnderConstruction, ExecutionContext } from '../../execution/executionContext.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';

/** Method names in `call_new` are limited to 20,000 bytes (§1.2, RIP). */
const MAX_METHOD_NAME_BYTES = 20_000;
/** Principals are at most 29 bytes (§9). */
const MAX_PRINCIPAL_BYTES = 29;
/** Bounded-wait timeouts are capped at 300 s (§1.2 `MAX_CALL_TIMEOUT_SECONDS`). */
const MAX_CALL_TIMEOUT_SECONDS = 300;
/** Same-subnet calls may carry 10 MiB (5 × 2 MiB) of method name + payload (§1.2, §6.3). */
const MAX_LOCAL_CALL_BYTES = 10 * 1024 * 1024;
/**
 * Takes a slot of the queues between the caller and `callee` for a call about to be performed, or says there is none:
 * its calls awaiting a response and those performed in this execution each hold one (replica `push_output_request`:
 * `QueueFull` past `DEFAULT_QUEUE_CAPACITY`). Counted by callee only once the caller's calls in all reach the capacity
 * (from then on every call of the execution is counted, so the count stays whole).
 */
function takeQueueSlot(ctx: ExecutionContext, callee: Uint8Array): boolean {
  const { capacity, awaiting, keyOf, awaitingTo } = ctx.queueSlots;
  if (awaiting + ctx.performedCalls.length < capacity) return true;
  let taken = ctx.queueSlotsTaken;
  if (taken === null) {
    taken = new Map();
    for (const performed of ctx.performedCalls) {
      const key = keyOf(performed.callee);
      taken.set(key, (taken.get(key) ?? 0) + 1);
    }
    ctx.queueSlotsTaken = taken;
  }
  const key = keyOf(callee);
  const mine = taken.get(key) ?? 0;
  if (awaitingTo(key) + mine >= capacity) return false;
  taken.set(key, mine + 1);
  return true;
}

/** `call_perform`'s error code when the call cannot be enqueued: SYS_TRANSIENT (§1.2, §11.2). */
const CALL_PERFORM_FAILED = 2;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function building(env: HostEnv, fn: string): CallUnderConstruction {
  const call = env.ctx().callUnderConstruction;
  if (!call) contractViolation(`${fn} called when no call is under construction.`);
  return call;
}

/** Discards the call under construction, giving its cycles back (§1.2 `call_new`). */
function discardCall(env: HostEnv): void {
  const ctx = env.ctx();
  if (ctx.callUnderConstruction) ctx.balance += ctx.callUnderConstruction.cycles;
  ctx.callUnderConstruction = null;
}

function addCycles(env: HostEnv, fn: string, amount: bigint): void {
  const call = building(env, fn);
  if (amount > liquidBalance(env)) {
    contractViolation(`${fn} failed because the canister does not have enough cycles: requested ${amount}, available ${liquidBalance(env)}.`);
  }
  env.ctx().balance -= amount;
  call.cycles += amount;
}

export const CALL_HANDLERS: Ic0HandlerTable = {
  call_new: (env, calleeSrc: number, calleeSize: number, nameSrc: number, nameSize: number,
    replyFun: number, replyEnv: number, rejectFun: number, rejectEnv: number) => {
    const calleeLen = calleeSize >>> 0;
    const nameLen = nameSize >>> 0;
    env.charge(BigInt(calleeLen + nameLen) * env.config.params.ic0InstructionsPerByte);
    discardCall(env);
    const callee = readBytes(env, 'ic0.call_new', calleeSrc, calleeLen);
    if (calleeLen > MAX_PRINCIPAL_BYTES) contractViolation(`ic0.call_new: invalid callee principal (${calleeLen} bytes)`);
    if (nameLen > MAX_METHOD_NAME_BYTES) contractViolation(`ic0.call_new: method name is longer than ${MAX_METHOD_NAME_BYTES} bytes`);
    let method: string;
    try {
      method = strictUtf8.decode(readBytes(env, 'ic0.call_new', nameSrc, nameLen));
    } catch {
      contractViolation('ic0.call_new: method name is not valid UTF-8');
    }
    env.ctx().callUnderConstruction = {
      callee, method,
      reply: { fun: replyFun >>> 0, env: replyEnv >>> 0 },
      reject: { fun: rejectFun >>> 0, env: rejectEnv >>> 0 },
      cleanup: null, payload: [], payloadBytes: 0, cycles: 0n, timeoutSeconds: null,
    };
  },
  call_on_cleanup: (env, fun: number, closureEnv: number) => {
    const call = building(env, 'ic0.call_on_cleanup');
    if (call.cleanup) contractViolation('ic0.call_on_cleanup: the cleanup closure has already been set');
    call.cleanup = { fun: fun >>> 0, env: closureEnv >>> 0 };
  },
  call_data_append: (env, src: number, size: number) => {
    const len = size >>> 0;
    env.charge(BigInt(len) * env.config.params.ic0InstructionsPerTransmittedByte);
    const call = building(env, 'ic0.call_data_append');
    const total = call.payloadBytes + len + utf8Length(call.method);
    if (total > MAX_LOCAL_CALL_BYTES) {
      contractViolation(`ic0.call_data_append: the size of the request ${total} exceeds the limit of ${MAX_LOCAL_CALL_BYTES} bytes`);
    }
    call.payload.push(readBytes(env, 'ic0.call_data_append', src, len));
    call.payloadBytes += len;
  },
  call_with_best_effort_response: (env, timeout: number) => {
    const call = building(env, 'ic0.call_with_best_effort_response');
    if (call.timeoutSeconds !== null) contractViolation('ic0.call_with_best_effort_response: the timeout has already been set');
    call.timeoutSeconds = Math.min(timeout >>> 0, MAX_CALL_TIMEOUT_SECONDS);
  },
  call_cycles_add: (env, amount: bigint) => addCycles(env, 'ic0.call_cycles_add', BigInt.asUintN(64, amount)),
  call_cycles_add128: (env, high: bigint, low: bigint) => addCycles(env, 'ic0.call_cycles_add128', cycles128(high, low)),
  call_perform: (env) => {
    const ctx = env.ctx();
    const call = building(env, 'ic0.call_perform');
    ctx.callUnderConstruction = null;
    const config = env.config;
    const p = config.params;
    const nameBytes = BigInt(utf8Length(call.method));
    const total = callTotalCost(config, nameBytes, BigInt(call.payloadBytes));
    // The canister must stay above its freezing limit after paying (§5.4, §5.5), and have a free slot in its queues
    // to the callee (§6.3 queue capacity); else nothing is sent.
    if (ctx.balance - total < ctx.freezingLimit || !takeQueueSlot(ctx, call.callee)) {
      ctx.balance += call.cycles;
      return CALL_PERFORM_FAILED;
    }
    ctx.balance -= total;
    const payload = new Uint8Array(call.payloadBytes);
    let at = 0;
    for (const chunk of call.payload) {
      payload.set(chunk, at);
      at += chunk.length;
    }
    ctx.performedCalls.push({
      callee: call.callee, method: call.method, reply: call.reply, reject: call.reject, cleanup: call.cleanup,
      payload, cycles: call.cycles, timeoutSeconds: call.timeoutSeconds,
      transmissionFee: scaleFee(config, p.xnetCallFee + p.xnetByteTransmissionFee * (nameBytes + BigInt(call.payloadBytes))),
      replyReservation: scaleFee(config, p.xnetByteTransmissionFee * p.maxReplyBytes),
      executionReservation: executionCost(config, p.maxInstructionsPerMessage),
    });
    return 0;
  },
};
