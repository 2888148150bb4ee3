import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchLiveness } from './watchLiveness.ts';

const OPTIONS = { intervalMs: 100, pingTimeoutMs: 50, busyLimitMs: 1_000 };

describe('[worker/watchLiveness]', () => {
  beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(0); });
  afterEach(() => { vi.useRealTimers(); });

  const cases: { name: string; ping: () => Promise<unknown>; busySince: () => number | null; after: number; dead: string | null }[] = [
    { name: 'an idle worker that answers is alive', ping: async () => true, busySince: () => null, after: 2_000, dead: null },
    { name: 'an idle worker that never answers is dead', ping: () => new Promise(() => undefined), busySince: () => null, after: 200, dead: 'stopped answering' },
    { name: 'a ping that fails means dead', ping: async () => { throw new Error('gone'); }, busySince: () => null, after: 200, dead: 'stopped answering' },
    { name: 'a busy worker is not pinged and is alive within the limit', ping: () => new Promise(() => undefined), busySince: () => 0, after: 900, dead: null },
    { name: 'a busy worker past the limit is dead', ping: async () => true, busySince: () => 0, after: 1_200, dead: 'more than 1 s' },
  ];

  it.each(cases)('$name', async ({ ping, busySince, after, dead }) => {
    const onDead = vi.fn();
    const stop = watchLiveness({ ...OPTIONS, ping: vi.fn(ping), busySince, onDead, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(after);
    if (dead === null) expect(onDead).not.toHaveBeenCalled();
    else {
      expect(onDead).toHaveBeenCalledTimes(1);
      expect(onDead.mock.calls[0][0]).toContain(dead);
    }
    stop();
  });

  it('reports a death once and stops pinging', async () => {
    const ping = vi.fn(() => new Promise(() => undefined));
    const onDead = vi.fn();
    watchLiveness({ ...OPTIONS, ping, busySince: () => null, onDead, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onDead).toHaveBeenCalledTimes(1);
    expect(ping).toHaveBeenCalledTimes(1);
  });

  it('stop() ends the watch', async () => {
    const ping = vi.fn(async () => true);
    const stop = watchLiveness({ ...OPTIONS, ping, busySince: () => null, onDead: vi.fn(), now: () => Date.now() });
    stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ping).not.toHaveBeenCalled();
  });
});
