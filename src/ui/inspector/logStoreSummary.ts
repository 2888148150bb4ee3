/**
 * What the inspector says about a canister's log store (ic-reference.md §12): how full the ring buffer is, the
 * record indices it holds and how many records fell off its front, in words for the meter's text alternative.
 */
import type { LogStoreView } from '../../worker/protocol.ts';
import { groupDigits as digits } from '../graph/formatAmount.ts';

const groupDigits = (n: number): string => digits(String(n));

export interface LogStoreSummary {
  /** 0 … 1; 0 when logging is off (no capacity). */
  readonly fill: number;
  /** "1,020 of 4,096 bytes", or that logging is off. */
  readonly usage: string;
  /** "records #3 … #7", or "no records". */
  readonly range: string;
  /** "2 fell off (oldest first)", or null when none did. */
  readonly purged: string | null;
  /** One sentence: the meter's accessible text. */
  readonly sentence: string;
}

export function logStoreSummary(store: LogStoreView): LogStoreSummary {
  const off = store.limit === 0;
  const fill = off ? 0 : Math.min(1, store.bytesUsed / store.limit);
  const usage = off ? 'logging off (log_memory_limit 0)' : `${groupDigits(store.bytesUsed)} of ${groupDigits(store.limit)} bytes`;
  const range = store.firstIndex === null || store.lastIndex === null
    ? 'no records'
    : store.firstIndex === store.lastIndex ? `record #${store.firstIndex}` : `records #${store.firstIndex} … #${store.lastIndex}`;
  const purged = store.purged === 0 ? null : `${groupDigits(store.purged)} fell off (oldest first)`;
  const sentence = [`Log store: ${usage}${off ? '' : ` (${Math.round(fill * 100)} % full)`}`, range, purged].filter(Boolean).join(', ') + '.';
  return { fill, usage, range, purged, sentence };
}
