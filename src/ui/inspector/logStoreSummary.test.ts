import { describe, expect, it } from 'vitest';
import { logStoreSummary } from './logStoreSummary.ts';

describe('[ui/inspector/logStoreSummary] the log store in words', () => {
  it.each([
    ['empty, default limit', { bytesUsed: 0, limit: 4096, firstIndex: null, lastIndex: null, purged: 0 },
      { fill: 0, sentence: 'Log store: 0 of 4,096 bytes (0 % full), no records.' }],
    ['one record', { bytesUsed: 25, limit: 4096, firstIndex: 0, lastIndex: 0, purged: 0 },
      { fill: 25 / 4096, sentence: 'Log store: 25 of 4,096 bytes (1 % full), record #0.' }],
    ['full after purging', { bytesUsed: 4080, limit: 4096, firstIndex: 1, lastIndex: 4, purged: 1 },
      { fill: 4080 / 4096, sentence: 'Log store: 4,080 of 4,096 bytes (100 % full), records #1 … #4, 1 fell off (oldest first).' }],
    ['logging off', { bytesUsed: 0, limit: 0, firstIndex: null, lastIndex: null, purged: 3 },
      { fill: 0, sentence: 'Log store: logging off (log_memory_limit 0), no records, 3 fell off (oldest first).' }],
  ])('%s', (_name, store, expected) => {
    expect(logStoreSummary(store)).toMatchObject(expected);
  });
});
