/**
 * Time, global timer, performance counter and certified data (ic-reference.md §1.2 "Time, timer, …").
 */
import { contractViolation, readBytes } from '../hostEnv.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';

export const TIME_HANDLERS: Ic0HandlerTable = {
  time: (env) => env.ctx().timeNs,
  global_timer_set: (env, timestamp: bigint) => {
    const ctx = env.ctx();
    const previous = ctx.globalTimer;
    ctx.globalTimer = BigInt.asUintN(64, timestamp);
    ctx.globalTimerChanged = true;
    return previous;
  },
  performance_counter: (env, type: number) => {
    if (type === 0) return env.instructionsUsed();
    if (type === 1) return env.ctx().callContextInstructions + env.instructionsUsed();
    contractViolation(`ic0.performance_counter: unknown counter type ${type}`);
  },
  certified_data_set: (env, src: number, size: number) => {
    const len = size >>> 0;
    env.charge(BigInt(len) * env.config.params.ic0InstructionsPerByte);
    const max = env.config.params.maxCertifiedDataBytes;
    if (BigInt(len) > max) {
      contractViolation(`ic0_certified_data_set failed because the passed data must be no larger than ${max} bytes. Found ${len} bytes.`);
    }
    env.ctx().certifiedData = readBytes(env, 'ic0.certified_data_set', src, len);
  },
  // This subnet has no threshold signature to certify its state with, so no execution ever holds a certificate.
  data_certificate_present: () => 0,
  data_certificate_size: () => contractViolation('ic0.data_certificate_size: no certificate is available in this execution'),
  data_certificate_copy: () => contractViolation('ic0.data_certificate_copy: no certificate is available in this execution'),
};
