import { describe, expect, it } from 'vitest';
import type { CanisterLogRecord } from '../engine/index.ts';
import { logStoreView } from './logStoreView.ts';

const record = (index: number): CanisterLogRecord => ({ index, round: 1, timeNs: 0n, text: 'x', trap: false, content: new Uint8Array([120]) });

describe('[worker/logStoreView] the log as a ring buffer', () => {
  it.each([
    ['an empty log', [], 0, 0, { firstIndex: null, lastIndex: null }],
    ['one record', [record(0)], 21, 0, { firstIndex: 0, lastIndex: 0 }],
    ['records after a purge', [record(5), record(6), record(7)], 63, 5, { firstIndex: 5, lastIndex: 7 }],
  ])('%s', (_name, logs, bytesUsed, purged, range) => {
    const view = logStoreView({ logs, logBytesUsed: bytesUsed, logRecordsPurged: purged, settings: { logMemoryLimit: 4096n } });
    expect(view).toEqual({ bytesUsed, limit: 4096, purged, ...range });
  });
});
