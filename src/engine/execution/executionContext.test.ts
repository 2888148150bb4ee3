import { describe, expect, it } from 'vitest';
import {
  createExecutionContext, executionContextStart, restartExecutionContext, type ExecutionContextInit,
} from './executionContext.ts';

const INIT: ExecutionContextInit = {
  api: 'update', self: new Uint8Array([1]), caller: new Uint8Array([2]), arg: new Uint8Array([3]), methodName: 'm',
  timeNs: 5n, status: 'running', version: 1n, controllers: [], subnetId: new Uint8Array([4]), rootKey: new Uint8Array(),
  envVars: [], instructionLimit: 100n, freezingLimit: 7n, wasmMemoryLimit: 0n, enforceWasmMemoryLimit: true,
  stableAccessLimitBytes: 10n, maxReplyBytes: 20, balance: 1_000n, cyclesAvailable: 50n, globalTimer: 9n,
};

/** The fields an execution never changes (`readonly` in `ExecutionContext`). */
const FIXED = [
  'api', 'self', 'caller', 'arg', 'methodName', 'timeNs', 'status', 'version', 'controllers', 'subnetId', 'rootKey',
  'envVars', 'instructionLimit', 'callContextInstructions', 'freezingLimit', 'wasmMemoryLimit', 'enforceWasmMemoryLimit',
  'stableAccessLimitBytes', 'maxReplyBytes', 'rejectCode', 'rejectMessage', 'cyclesRefunded', 'deadlineNs', 'logCapacity', 'queueSlots',
] as const;

describe('[execution/executionContext] restarting an execution', () => {
  it('puts every field an execution changes back as a fresh context has it', () => {
    const ctx = createExecutionContext(INIT);
    const start = executionContextStart(ctx);
    // Every field but those fixed for the execution is overwritten: a field added to the context and not reset by
    // `restartExecutionContext` keeps the mark and fails the comparison below.
    const changed = Symbol('changed');
    for (const key of Object.keys(ctx)) if (!(FIXED as readonly string[]).includes(key)) Object.assign(ctx, { [key]: changed });
    restartExecutionContext(ctx, start);
    // A field added to the context without being reset here fails this comparison.
    expect(ctx).toEqual(createExecutionContext(INIT));
  });
});
