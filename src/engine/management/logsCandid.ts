/**
 * Candid types of `fetch_canister_logs` (ic-reference.md §12; DID `fetch_canister_logs_args`,
 * `fetch_canister_logs_result`, spec v0.67 with the optional `filter`).
 */
import { IDL } from '@dfinity/candid';

/** `record { start : nat64; end : nat64 }`: `start` inclusive, `end` exclusive (SPEC-MC). */
const LogsRange = IDL.Record({ start: IDL.Nat64, end: IDL.Nat64 });

export const FetchCanisterLogsFilter = IDL.Variant({ by_idx: LogsRange, by_timestamp_nanos: LogsRange });

export const FetchCanisterLogsArgs = IDL.Record({
  canister_id: IDL.Principal,
  filter: IDL.Opt(FetchCanisterLogsFilter),
});

export const CanisterLogRecordType = IDL.Record({
  idx: IDL.Nat64,
  timestamp_nanos: IDL.Nat64,
  content: IDL.Vec(IDL.Nat8),
});

export const FetchCanisterLogsResult = IDL.Record({ canister_log_records: IDL.Vec(CanisterLogRecordType) });

export interface LogsRangeValue { start: bigint; end: bigint }
export type FetchCanisterLogsFilterValue = { by_idx: LogsRangeValue } | { by_timestamp_nanos: LogsRangeValue };
