import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from './autosave.ts';

describe('[ui/workspace/autosave]', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('coalesces a burst of changes into one write of the latest', async () => {
    const write = vi.fn();
    const autosave = createAutosave<number>(write);
    for (let round = 1; round <= 30; round++) autosave.schedule(round);
    expect(write).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(write.mock.calls).toEqual([[30]]);
    autosave.schedule(31);
    await vi.runAllTimersAsync();
    expect(write.mock.calls).toEqual([[30], [31]]);
  });

  it('flush writes what is pending at once, and only once', () => {
    const write = vi.fn();
    const autosave = createAutosave<string>(write);
    autosave.schedule('a');
    autosave.flush();
    autosave.flush();
    expect(write.mock.calls).toEqual([['a']]);
  });

});
