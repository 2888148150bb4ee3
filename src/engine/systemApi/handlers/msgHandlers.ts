/**
 * Message data, caller, reply and reject (ic-reference.md §1.2 "Message data, caller, reply/reject").
 */
import { contractViolation, copyBlob, readBytes, type HostEnv } from '../hostEnv.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';

const EMPTY = new Uint8Array(0);
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function ensureNotResponded(env: HostEnv, fn: string): void {
  if (env.ctx().response) contractViolation(`${fn}: the call is already replied`);
}

function chargeTransmitted(env: HostEnv, size: number): void {
  env.charge(BigInt(size) * env.config.params.ic0InstructionsPerTransmittedByte);
}

function rejectMessageOrTrap(env: HostEnv, fn: string): Uint8Array {
  const message = env.ctx().rejectMessage;
  if (message === null) contractViolation(`${fn}: there is no reject message`);
  return utf8.encode(message);
}

export const MSG_HANDLERS: Ic0HandlerTable = {
  msg_arg_data_size: (env) => env.ctx().arg.length,
  msg_arg_data_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.msg_arg_data_copy', env.ctx().arg, dst, offset, size),
  msg_caller_size: (env) => env.ctx().caller.length,
  msg_caller_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.msg_caller_copy', env.ctx().caller, dst, offset, size),
  // No caller info is attached to ingress or inter-canister calls here: both blobs are empty (§1.2).
  msg_caller_info_data_size: () => 0,
  msg_caller_info_data_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.msg_caller_info_data_copy', EMPTY, dst, offset, size),
  msg_caller_info_signer_size: () => 0,
  msg_caller_info_signer_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.msg_caller_info_signer_copy', EMPTY, dst, offset, size),
  msg_reject_code: (env) => env.ctx().rejectCode,
  msg_reject_msg_size: (env) => rejectMessageOrTrap(env, 'ic0.msg_reject_msg_size').length,
  msg_reject_msg_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.msg_reject_msg_copy', rejectMessageOrTrap(env, 'ic0.msg_reject_msg_copy'), dst, offset, size),
  msg_deadline: (env) => env.ctx().deadlineNs,

  msg_reply_data_append: (env, src: number, size: number) => {
    const len = size >>> 0;
    chargeTransmitted(env, len);
    ensureNotResponded(env, 'ic0.msg_reply_data_append');
    const ctx = env.ctx();
    if (ctx.replyBufferBytes + len > ctx.maxReplyBytes) {
      contractViolation(
        `ic0.msg_reply_data_append: application payload size (${ctx.replyBufferBytes + len}) cannot be larger than ${ctx.maxReplyBytes}.`,
      );
    }
    ctx.replyBuffer.push(readBytes(env, 'ic0.msg_reply_data_append', src, len));
    ctx.replyBufferBytes += len;
  },
  msg_reply: (env) => {
    ensureNotResponded(env, 'ic0.msg_reply');
    const ctx = env.ctx();
    const data = new Uint8Array(ctx.replyBufferBytes);
    let at = 0;
    for (const chunk of ctx.replyBuffer) {
      data.set(chunk, at);
      at += chunk.length;
    }
    ctx.response = { type: 'reply', data };
    ctx.replyBuffer = [];
    ctx.replyBufferBytes = 0;
    // Replying hands every unaccepted cycle back to the caller (§1.2).
    ctx.cyclesAvailable = 0n;
  },
  msg_reject: (env, src: number, size: number) => {
    const len = size >>> 0;
    chargeTransmitted(env, len);
    ensureNotResponded(env, 'ic0.msg_reject');
    const bytes = readBytes(env, 'ic0.msg_reject', src, len);
    let message: string;
    try {
      message = strictUtf8.decode(bytes);
    } catch {
      contractViolation('ic0.msg_reject: invalid UTF-8 string provided');
    }
    const ctx = env.ctx();
    ctx.response = { type: 'reject', message };
    ctx.replyBuffer = [];
    ctx.replyBufferBytes = 0;
    ctx.cyclesAvailable = 0n;
  },

  msg_method_name_size: (env) => utf8.encode(env.ctx().methodName).length,
  msg_method_name_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.msg_method_name_copy', utf8.encode(env.ctx().methodName), dst, offset, size),
  accept_message: (env) => {
    const ctx = env.ctx();
    if (ctx.messageAccepted) contractViolation('ic0.accept_message: the function was already called.');
    ctx.messageAccepted = true;
  },
};
