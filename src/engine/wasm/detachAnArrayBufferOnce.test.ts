import { afterEach, describe, expect, it, vi } from 'vitest';

describe('[wasm/detachAnArrayBufferOnce]', () => {
  afterEach(() => vi.restoreAllMocks());

  it('tries once per process; a memory refused (no address space left) is no error', async () => {
    vi.resetModules();
    const { detachAnArrayBufferOnce } = await import('./detachAnArrayBufferOnce.ts');
    const made = vi.spyOn(WebAssembly, 'Memory').mockImplementation(() => { throw new RangeError('WebAssembly.Memory(): could not allocate memory'); });
    expect(() => detachAnArrayBufferOnce()).not.toThrow();
    detachAnArrayBufferOnce();
    expect(made).toHaveBeenCalledTimes(1);
  });

  it('relies on growing a memory by nothing detaching its buffer (a detached buffer has no bytes left)', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const before = memory.buffer;
    expect(before.byteLength).toBe(65_536);
    memory.grow(0);
    expect(before.byteLength).toBe(0);
    expect(memory.buffer).not.toBe(before);
  });
});
