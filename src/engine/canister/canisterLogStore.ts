/**
 * A canister's log as the replica keeps it (ic-reference.md §1.2, §6.2, §12): a ring buffer of `log_memory_limit`
 * bytes (0 turns logging off) from which the oldest records are purged to make room. Two accountings, as in the
 * replica:
 * - the store (`log_memory_store/ring_buffer.rs`) counts a record as 20 bytes (idx, timestamp, length) + its content
 *   (`logStoreRecordOverheadBytes`), and holds at most `log_memory_limit` bytes of them;
 * - one execution's own log (`canister_log.rs`, the "delta" appended to the store when the execution ends) counts a
 *   record as `size_of::<CanisterLogRecord>()` = 40 bytes + its content (`logRecordDataOverheadBytes`), holds at most
 *   min(`log_memory_limit`, 2 MiB) and truncates a record's content to fit; the logging charge of `debug_print` and
 *   `trap` is measured against it (§8.3, system_api `logging_charge_bytes`).
 * Only replicated executions log: non-replicated queries, composite queries and their callbacks, and
 * `canister_inspect_message` do not (SPEC-MC `fetch_canister_logs`: "not collected in … NRQ, TQ, CQ, CRy, CRt, CC,
 * and F modes").
 */
import type { EngineParams } from '../params.ts';
import type { ApiContext } from '../systemApi/apiContext.ts';
import type { CanisterLogRecord, CanisterState } from './canisterState.ts';

/**
 * The store's header page and index-table page, allocated with its data region: 4 KiB + 4 KiB (replica
 * `ring_buffer.rs` `HEADER_SIZE`, `INDEX_TABLE_PAGES`; `total_allocated_bytes`). A layout constant, not a limit.
 */
export const LOG_STORE_METADATA_BYTES = 8n * 1024n;

/** Contexts whose log lines are dropped (non-replicated: SPEC-MC `fetch_canister_logs`, ic-reference.md §1.2). */
const NOT_LOGGED: ReadonlySet<ApiContext> = new Set([
  'non_replicated_query', 'transform', 'composite_query', 'composite_reply_callback', 'composite_reject_callback',
  'composite_cleanup', 'inspect_message',
]);

export function isLoggedContext(api: ApiContext): boolean {
  return !NOT_LOGGED.has(api);
}

/** A line one execution logged: its text (for the trace and the inspector) and its bytes. */
export interface LogLine {
  readonly text: string;
  readonly content: Uint8Array;
  readonly trap: boolean;
}

/**
 * One execution's log: its lines from `head` on (those before it were dropped: the front moves by an index, not by
 * shifting the array, so a message printing in a loop stays linear), the bytes they count for (`canister_log.rs`
 * `bytes_used`) and how many older lines it dropped to make room (they still took an index: the replica numbers a
 * record when it is added).
 */
export interface ExecutionLog {
  lines: LogLine[];
  head: number;
  bytes: number;
  dropped: number;
}

export function emptyExecutionLog(): ExecutionLog {
  return { lines: [], head: 0, bytes: 0, dropped: 0 };
}

/** The lines an execution's log holds, oldest first. */
export function executionLogLines(log: ExecutionLog): readonly LogLine[] {
  return log.head === 0 ? log.lines : log.lines.slice(log.head);
}

/** The capacity of one execution's log: min(`log_memory_limit`, 2 MiB) (`new_delta_with_next_index`). */
export function executionLogCapacity(params: EngineParams, logMemoryLimit: bigint): number {
  return Number(logMemoryLimit < params.maxExecutionLogBytes ? logMemoryLimit : params.maxExecutionLogBytes);
}

/**
 * Adds a line to an execution's log as `CanisterLog::add_record` does: the content is cut to what fits in the
 * capacity (`truncate_content`), then the oldest lines go until the new one fits (`make_free_space_within_limit`).
 * With no capacity (logging off) nothing is kept.
 */
export function addExecutionLogLine(params: EngineParams, log: ExecutionLog, capacity: number, line: LogLine): void {
  if (capacity === 0) return;
  const overhead = Number(params.logRecordDataOverheadBytes);
  const room = Math.max(0, capacity - overhead);
  const content = line.content.length > room ? line.content.subarray(0, room) : line.content;
  const size = overhead + content.length;
  while (log.head < log.lines.length && log.bytes + size > capacity) {
    log.bytes -= overhead + log.lines[log.head++].content.length;
    log.dropped++;
  }
  // Dropped lines are let go of once they are most of the array (amortized: each line is moved at most once).
  if (log.head > 1024 && log.head * 2 > log.lines.length) {
    log.lines.splice(0, log.head);
    log.head = 0;
  }
  log.lines.push(content === line.content ? line : { ...line, content, text: decodeLossy(content) });
  log.bytes += size;
}

const lossyUtf8 = new TextDecoder('utf-8');
function decodeLossy(bytes: Uint8Array): string {
  return lossyUtf8.decode(bytes);
}

/** Bytes a record takes in the store (`LogRecord::bytes_len`). */
export function storeRecordBytes(params: EngineParams, record: { readonly content: Uint8Array }): number {
  return Number(params.logStoreRecordOverheadBytes) + record.content.length;
}

/** Bytes a record counts for in a `fetch_canister_logs` result (`CanisterLogRecord::data_size`). */
export function resultRecordBytes(params: EngineParams, record: { readonly content: Uint8Array }): number {
  return Number(params.logRecordDataOverheadBytes) + record.content.length;
}

/** Purges the oldest records until the store holds at most `capacity` bytes (one splice); returns how many went. */
function purgeTo(params: EngineParams, canister: CanisterState, capacity: number): number {
  let purged = 0;
  while (purged < canister.logs.length && canister.logBytesUsed > capacity) {
    canister.logBytesUsed -= storeRecordBytes(params, canister.logs[purged]);
    purged++;
  }
  if (purged > 0) canister.logs.splice(0, purged);
  canister.logRecordsPurged += purged;
  return purged;
}

/**
 * Appends records to the store, purging the oldest records until they fit (`RingBuffer::append_log`,
 * `evict_for_size`). The replica evicts before each record; evicting once after all of them leaves the same records
 * (the newest that fit: each eviction only ever took records older than those), in one pass. Returns how many
 * records were purged.
 */
export function appendToLogStore(params: EngineParams, canister: CanisterState, records: readonly CanisterLogRecord[]): number {
  const capacity = Number(canister.settings.logMemoryLimit);
  for (const record of records) {
    const size = storeRecordBytes(params, record);
    if (size > capacity) continue; // logging is off (or the record cannot fit at all): nothing is stored
    canister.logs.push(record);
    canister.logBytesUsed += size;
  }
  return purgeTo(params, canister, capacity);
}

/**
 * A new `log_memory_limit`: the store keeps its records, the oldest purged until they fit the new capacity
 * (`LogMemoryStore::set_log_memory_limit` refeeds them; SPEC-MC: "oldest canister logs are purged"). 0 empties it.
 */
export function resizeLogStore(params: EngineParams, canister: CanisterState, limit: bigint): number {
  canister.settings.logMemoryLimit = limit;
  return purgeTo(params, canister, Number(limit));
}

/** Empties the store (uninstall, reinstall, out of cycles: SPEC-AB `canister_logs[…] = []`); indices go on. */
export function clearLogStore(canister: CanisterState): void {
  canister.logs = [];
  canister.logBytesUsed = 0;
  canister.logRecordsPurged = 0;
}

/**
 * Memory the log store takes, billed like storage and shown as `memory_metrics.log_memory_store_size` (§5.5, §12):
 * its whole allocation, header and index table included, whatever it holds (SPEC-AB `memory_usage_log_memory_store`
 * "reserved based on `log_memory_limit` … zero if and only if `log_memory_limit` is zero"; replica
 * `total_allocated_bytes`). The replica allocates it for a canister with code and frees it when the canister is
 * uninstalled (`LogMemoryStore` "should not be charged" without a Wasm module), so an empty canister has none.
 */
export function logStoreMemoryBytes(canister: CanisterState): bigint {
  const limit = canister.settings.logMemoryLimit;
  return canister.runtime === null || limit === 0n ? 0n : LOG_STORE_METADATA_BYTES + limit;
}
