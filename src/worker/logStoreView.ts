/**
 * The inspector's view of a canister's log store (ic-reference.md §12; engine `canister/canisterLogStore.ts`): how
 * full the ring buffer is, which record indices it holds and how many records fell off its front.
 */
import type { CanisterState } from '../engine/index.ts';
import type { LogStoreView } from './protocol.ts';

type LogStoreSource = Pick<CanisterState, 'logs' | 'logBytesUsed' | 'logRecordsPurged'> & { settings: Pick<CanisterState['settings'], 'logMemoryLimit'> };

export function logStoreView(canister: LogStoreSource): LogStoreView {
  const { logs } = canister;
  return {
    bytesUsed: canister.logBytesUsed,
    limit: Number(canister.settings.logMemoryLimit),
    firstIndex: logs.length > 0 ? logs[0].index : null,
    lastIndex: logs.length > 0 ? logs[logs.length - 1].index : null,
    purged: canister.logRecordsPurged,
  };
}
