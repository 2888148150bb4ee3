/**
 * `fetch_canister_logs` (ic-reference.md §12; SPEC-MC, SPEC-AB "Canister logs"): a canister's log records, to whoever
 * its `log_visibility` admits (`logVisibility.ts`), optionally filtered by index or by timestamp, and trimmed to what
 * fits in a maximal response. Users call it as a (non-replicated) query; canisters call it as a replicated call that
 * must attach at least `max_fetch_canister_logs_fee` and pay the fee of the reply it gets (replica
 * `execution_environment.rs` `Ic00Method::FetchCanisterLogs`, CAM `fetch_canister_logs_fee`). Users cannot send
 * it as ingress (`managementIngress.ts`).
 */
import { Principal } from '@dfinity/principal';
import type { CanisterLogRecord } from '../canister/canisterState.ts';
import { resultRecordBytes } from '../canister/canisterLogStore.ts';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';
import type { EngineParams } from '../params.ts';
import { findCanister } from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import { canViewLogs } from './logVisibility.ts';
import { FetchCanisterLogsArgs, FetchCanisterLogsResult, type FetchCanisterLogsFilterValue } from './logsCandid.ts';
import { decodeArg, encodeReply } from './managementCandid.ts';
import type { ManagementResponse, MethodHandler } from './managementMethods.ts';

export const FETCH_CANISTER_LOGS = 'fetch_canister_logs';

/**
 * The records a read returns (SPEC-AB `canister_logs(S, Canister_id, filter)`): those the filter selects, in order
 * (`start` inclusive, `end` exclusive); then, when they weigh more than `maxFetchCanisterLogsResultBytes` by
 * `CanisterLogRecord::data_size`, an unfiltered read keeps the newest that fit (the longest suffix) and a filtered
 * read the oldest (the longest prefix), so a filtered read can page forward (replica `ring_buffer.rs` `records`).
 */
export function selectCanisterLogs(
  params: EngineParams,
  records: readonly CanisterLogRecord[],
  filter: FetchCanisterLogsFilterValue | null,
): CanisterLogRecord[] {
  const limit = Number(params.maxFetchCanisterLogsResultBytes);
  if (filter === null) {
    let total = 0;
    let start = records.length;
    while (start > 0 && total + resultRecordBytes(params, records[start - 1]) <= limit) total += resultRecordBytes(params, records[--start]);
    return records.slice(start);
  }
  const [range, key] = 'by_idx' in filter
    ? [filter.by_idx, (r: CanisterLogRecord) => BigInt(r.index)] as const
    : [filter.by_timestamp_nanos, (r: CanisterLogRecord) => r.timeNs] as const;
  const selected: CanisterLogRecord[] = [];
  let total = 0;
  for (const record of records) {
    const k = key(record);
    if (k < range.start || k >= range.end) continue;
    total += resultRecordBytes(params, record);
    if (total > limit) break;
    selected.push(record);
  }
  return selected;
}

export type FetchCanisterLogsOutcome = { ok: true; data: Uint8Array } | { ok: false; reject: Reject };

/** Decodes the argument, checks the caller's right to the logs and encodes the reply (both ways of calling). */
export function fetchCanisterLogsReply(state: SubnetState, sender: string, arg: Uint8Array): FetchCanisterLogsOutcome {
  const decoded = decodeArg<{ canister_id: Principal; filter: [] | [FetchCanisterLogsFilterValue] }>(FetchCanisterLogsArgs, arg);
  if (!decoded.ok) return { ok: false, reject: systemReject(ErrorCode.InvalidManagementPayload, `Error decoding candid: ${decoded.error}`) };
  const id = decoded.value.canister_id.toText();
  const canister = findCanister(state, id);
  if (!canister) return { ok: false, reject: systemReject(ErrorCode.CanisterNotFound, `Canister ${id} not found`) };
  if (!canViewLogs(canister, sender)) {
    return {
      ok: false,
      reject: systemReject(ErrorCode.CanisterRejectedMessage, `Caller ${sender} is not allowed to query ic00 method ${FETCH_CANISTER_LOGS}`),
    };
  }
  const records = selectCanisterLogs(state.config.params, canister.logs, decoded.value.filter[0] ?? null);
  const data = encodeReply(FetchCanisterLogsResult, {
    canister_log_records: records.map((r) => ({ idx: BigInt(r.index), timestamp_nanos: r.timeNs, content: r.content })),
  });
  return { ok: true, data };
}

/** `(base + per_byte · reply bytes) · nodes` (CAM `fetch_canister_logs_fee`: multiplied by the subnet size). */
export function fetchCanisterLogsFee(state: SubnetState, replyBytes: bigint): bigint {
  const p = state.config.params;
  return (p.fetchCanisterLogsBaseFee + p.fetchCanisterLogsPerByteFee * replyBytes) * state.config.nodes;
}

/** The fee of the largest reply, which a replicated call must attach (CAM `max_fetch_canister_logs_fee`). */
export function maxFetchCanisterLogsFee(state: SubnetState): bigint {
  return fetchCanisterLogsFee(state, state.config.params.maxFetchCanisterLogsResponseBytes);
}

/**
 * A canister's (replicated) call: refused, all cycles back, unless it attaches `max_fetch_canister_logs_fee`; on a
 * reply the fee of its actual size is kept (burned) and the rest refunded; on a reject everything is refunded
 * (replica `execution_environment.rs`).
 */
const fetchCanisterLogsCall: MethodHandler = (state, call): ManagementResponse => {
  const required = maxFetchCanisterLogsFee(state);
  if (call.cycles < required) {
    return {
      type: 'reject',
      reject: systemReject(ErrorCode.CanisterRejectedMessage,
        `${FETCH_CANISTER_LOGS} request sent with ${call.cycles} cycles, but ${required} cycles are required.`),
    };
  }
  const outcome = fetchCanisterLogsReply(state, call.sender, call.arg);
  if (!outcome.ok) return { type: 'reject', reject: outcome.reject };
  const fee = fetchCanisterLogsFee(state, BigInt(outcome.data.length));
  state.totals.cyclesBurned += fee;
  return { type: 'reply', data: outcome.data, cyclesKept: fee };
};

export const FETCH_CANISTER_LOGS_HANDLERS: Readonly<Record<string, MethodHandler>> = {
  [FETCH_CANISTER_LOGS]: fetchCanisterLogsCall,
};
