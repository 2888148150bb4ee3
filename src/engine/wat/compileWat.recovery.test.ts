/**
 * A crash inside wabt (a RuntimeError from its Wasm, e.g. a stack overflow the nesting guard did not
 * foresee) may leave its memory corrupted. compileWat must report it, drop that instance and load a new one.
 * wabt is replaced by a fake here, because the real one is guarded against every crash we know of.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const loads = vi.hoisted(() => ({ count: 0 }));

vi.mock('wabt', () => ({
  default: async () => {
    loads.count += 1;
    return {
      parseWat: (_filename: string, bytes: Uint8Array) => {
        if (new TextDecoder().decode(bytes).includes('CRASH')) throw new WebAssembly.RuntimeError('memory access out of bounds');
        return {
          validate: () => undefined,
          toBinary: () => ({ buffer: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), log: '' }),
          destroy: () => undefined,
        };
      },
    };
  },
}));

const { compileWat, initWat } = await import('./compileWat.ts');

beforeAll(() => initWat());

describe('compileWat after an internal wabt failure', () => {
  it('throws only when initWat() was never awaited', async () => {
    vi.resetModules();
    const fresh = await import('./compileWat.ts');
    expect(() => fresh.compileWat('(module)')).toThrow(/initWat/);
  });

  it('reports the crash, says it is restarting, then works on a fresh instance', async () => {
    expect(loads.count).toBe(1);
    const crashed = compileWat('(module CRASH)');
    expect(crashed).toEqual({ ok: false, errors: [{ line: 1, column: 1, message: expect.stringContaining('internal WAT compiler error') }] });
    const meanwhile = compileWat('(module)');
    expect(meanwhile).toEqual({ ok: false, errors: [{ line: 1, column: 1, message: expect.stringContaining('restarting') }] });
    await initWat();
    expect(loads.count).toBe(2);
    expect(compileWat('(module)').ok).toBe(true);
  });

  it('initWat is idempotent', async () => {
    const before = loads.count;
    await Promise.all([initWat(), initWat(), initWat()]);
    expect(loads.count).toBe(before);
  });
});
