/**
 * [engine/management] Canister logs as the replica keeps them (ic-reference.md §1.2, §5.5, §6.2, §12): the
 * `log_memory_limit` setting, the ring buffer that purges its oldest records, the log store counted and billed as
 * memory, and `fetch_canister_logs` from users (a query) and from canisters (replicated, for a fee), with
 * `log_visibility`, filters and trimming to a maximal response.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { LogsCandid, ManagementCandid } from '../../src/engine/index.ts';
import { canister } from '../helpers/prelude.ts';
import { PROXY_WAT, proxyArg, proxyOutcome } from '../helpers/proxyCanister.ts';
import { events, runInline } from '../helpers/runInline.ts';
import type { Report, StepReport } from '../../src/scenario/reportTypes.ts';

const C = 'rwlgt-iiaaa-aaaaa-aaaaa-cai'; // canister #0
const KiB = 1024n;
const MiB = 1024n * KiB;
const ROUND_NS = 1_000_000_000n;
const GENESIS_NS = 1_620_604_800_000_000_000n;

/**
 * `log` prints its argument once; `spam` prints `n` (its 4-byte argument) records of 1,000 bytes ('x'), from the
 * bytes at 1,024.
 */
const LOGGER = canister(`
  (data (i32.const 1024) "${'x'.repeat(1000)}")
  (func (export "canister_update log")
    (call $msg_arg_data_copy (i32.const 4096) (i32.const 0) (call $msg_arg_data_size))
    (call $debug_print (i32.const 4096) (call $msg_arg_data_size))
    (call $msg_reply))
  (func (export "canister_query log_in_query")
    (call $msg_arg_data_copy (i32.const 4096) (i32.const 0) (call $msg_arg_data_size))
    (call $debug_print (i32.const 4096) (call $msg_arg_data_size))
    (call $msg_reply))
  (func (export "canister_update spam") (local $n i32)
    (call $msg_arg_data_copy (i32.const 0) (i32.const 0) (i32.const 4))
    (local.set $n (i32.load (i32.const 0)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (call $debug_print (i32.const 1024) (i32.const 1000))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (call $msg_reply))`, '(memory 2)');

const text = (s: string) => ({ text: s });
const n32 = (n: number) => ({ hex: Buffer.from(new Uint32Array([n]).buffer).toString('hex') });
const hex = (bytes: Uint8Array) => ({ hex: Buffer.from(bytes).toString('hex') });
const logLine = (i: number) => text(`${String(i).padStart(3, '0')}${'.'.repeat(997)}`); // 1,000 bytes

type Filter = { by_idx: { start: bigint; end: bigint } } | { by_timestamp_nanos: { start: bigint; end: bigint } };
const fetchArg = (filter?: Filter, canisterId = C) =>
  IDL.encode([LogsCandid.FetchCanisterLogsArgs], [{ canister_id: Principal.fromText(canisterId), filter: filter ? [filter] : [] }]);
const fetchQuery = (from: string, filter?: Filter) => ({ query: { from, to: 'ic', method: 'fetch_canister_logs', arg: hex(new Uint8Array(fetchArg(filter))) } });

/** Bytes of a hex string, in their own buffer (`IDL.decode` reads a Buffer's whole pool). */
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

interface Record_ { idx: bigint; timestamp_nanos: bigint; content: Uint8Array }
function records(step: StepReport): Record_[] {
  if (step.status !== 'replied' || step.reply === undefined) throw new Error(`step ${step.step}: ${step.errorCode} ${step.rejectMessage}`);
  const [result] = IDL.decode([LogsCandid.FetchCanisterLogsResult], fromHex(step.reply)) as unknown as [{ canister_log_records: Record_[] }];
  return result.canister_log_records;
}
const idxs = (step: StepReport) => records(step).map((r) => Number(r.idx));

function statusOf(step: StepReport): Record<string, any> {
  return IDL.decode([ManagementCandid.CanisterStatusResult], fromHex(step.reply!))[0] as Record<string, any>;
}

function scenario(steps: unknown[], extra: Record<string, unknown> = {}) {
  return { users: ['alice', 'bob', 'carol'], canisters: [{ name: 'c', source: { wat: LOGGER }, controllers: ['alice'] }], steps, ...extra };
}
const settings = (s: Record<string, unknown>) => ({ manage: { from: 'alice', method: 'update_settings', canister: 'c', settings: s, wait: true } });
const status = { manage: { from: 'alice', method: 'canister_status', canister: 'c', wait: true } };

describe('[engine/management] log_memory_limit', () => {
  // §6.2, §12; SPEC-MC `log_memory_limit`: 0, or 4,096 … 2,097,152; default 4,096; the replica's refusal is IC0406.
  it('defaults to 4 KiB; 0, 4 KiB and 2 MiB are accepted, 1 … 4,095 and above 2 MiB refused with IC0406', async () => {
    const report = await runInline(scenario([
      status,
      settings({ logMemoryLimit: '4095' }),
      settings({ logMemoryLimit: '1' }),
      settings({ logMemoryLimit: String(2n * MiB + 1n) }),
      settings({ logMemoryLimit: String(2n * MiB) }),
      status,
      settings({ logMemoryLimit: '0' }),
      status,
      settings({ logMemoryLimit: '4096' }),
    ]));
    expect(statusOf(report.steps[0]).settings.log_memory_limit).toBe(4096n);
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406', rejectMessage: 'The canister log memory limit 4095 is too low. It must be at least 4096.' });
    expect(report.steps[2]).toMatchObject({ status: 'rejected', errorCode: 'IC0406' });
    expect(report.steps[3]).toMatchObject({ status: 'rejected', errorCode: 'IC0406', rejectMessage: 'The canister log memory limit 2097153 is too high. It must be at most 2097152.' });
    expect(report.steps[4].status).toBe('replied');
    expect(statusOf(report.steps[5]).settings.log_memory_limit).toBe(2n * MiB);
    expect(statusOf(report.steps[7]).settings.log_memory_limit).toBe(0n);
    expect(report.steps[8].status).toBe('replied');
  });

  // SPEC-MC "Oldest canister logs are purged"; replica ring buffer: a record takes 20 bytes + its content, so four
  // records of 1,000 bytes (4,080) fit in 4 KiB and a fifth purges the first.
  it('the ring buffer purges the oldest records, counting 20 bytes per record besides its content', async () => {
    const report = await runInline(scenario([
      ...[0, 1, 2, 3, 4].map((i) => ({ call: { from: 'alice', to: 'c', method: 'log', arg: logLine(i), wait: true } })),
      fetchQuery('alice'),
    ]));
    expect(idxs(report.steps[5])).toEqual([1, 2, 3, 4]);
    expect(new TextDecoder().decode(records(report.steps[5])[0].content)).toBe(`001${'.'.repeat(997)}`);
  });

  // SPEC-MC: the limit bounds the store; a smaller limit purges the oldest records that no longer fit (replica
  // `set_log_memory_limit` refeeds the records into the new capacity).
  it('a bigger limit holds more; shrinking it purges the oldest', async () => {
    const report = await runInline(scenario([
      settings({ logMemoryLimit: '10240' }),
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ call: { from: 'alice', to: 'c', method: 'log', arg: logLine(i), wait: true } })),
      fetchQuery('alice'),
      settings({ logMemoryLimit: '4096' }),
      fetchQuery('alice'),
    ]));
    expect(idxs(report.steps[9])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(idxs(report.steps[11])).toEqual([4, 5, 6, 7]);
  });

  // SPEC-MC: 0 means no memory for logs; the logging charge is against a log of no capacity (§8.3).
  it('0 turns logging off: nothing is kept, the records logged before are purged', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('before'), wait: true } },
      settings({ logMemoryLimit: '0' }),
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('while off'), wait: true } },
      fetchQuery('alice'),
    ]));
    expect(records(report.steps[3])).toEqual([]);
    expect(report.logs.map((l) => l.text)).toEqual(['before']);
  });

  // SPEC-MC `fetch_canister_logs`: logs are not collected in non-replicated mode (NRQ).
  it('a query does not log', async () => {
    const report = await runInline(scenario([
      { query: { from: 'alice', to: 'c', method: 'log_in_query', arg: text('from a query') } },
      fetchQuery('alice'),
    ]));
    expect(report.steps[0].status).toBe('replied');
    expect(records(report.steps[1])).toEqual([]);
  });

  // §3.9 / SPEC-AB: uninstall_code and install/reinstall empty the log; an upgrade keeps it.
  it('uninstall and reinstall empty the log; upgrade keeps it; indices go on', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('a'), wait: true } },
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', source: { wat: LOGGER }, wait: true } },
      fetchQuery('alice'),
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat: LOGGER }, wait: true } },
      fetchQuery('alice'),
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('b'), wait: true } },
      { manage: { from: 'alice', method: 'uninstall_code', canister: 'c', wait: true } },
      fetchQuery('alice'),
    ]));
    expect(idxs(report.steps[2])).toEqual([0]);
    expect(records(report.steps[4])).toEqual([]);
    expect(records(report.steps[7])).toEqual([]);
  });
});

describe('[engine/cycles] the log store as memory', () => {
  // §12: `memory_metrics.log_memory_store_size`; replica `total_allocated_bytes` = header page + index-table page +
  // the data region of `log_memory_limit` bytes, whatever it holds; 0 when the limit is 0 or the canister is empty.
  it('canister_status reports the store as 8 KiB + the limit, part of memory_size; 0 when off or uninstalled', async () => {
    const report = await runInline(scenario([
      status,
      settings({ logMemoryLimit: String(1n * MiB) }),
      status,
      settings({ logMemoryLimit: '0' }),
      status,
      settings({ logMemoryLimit: '4096' }),
      { manage: { from: 'alice', method: 'uninstall_code', canister: 'c', wait: true } },
      status,
    ]));
    const store = (i: number) => statusOf(report.steps[i]).memory_metrics.log_memory_store_size as bigint;
    expect(store(0)).toBe(8n * KiB + 4n * KiB);
    expect(store(2)).toBe(8n * KiB + MiB);
    expect(store(4)).toBe(0n);
    expect(store(7)).toBe(0n);
    const first = statusOf(report.steps[0]);
    const m = first.memory_metrics;
    expect(first.memory_size).toBe(m.wasm_memory_size + m.stable_memory_size + m.global_memory_size + m.wasm_binary_size
      + m.wasm_chunk_store_size + m.snapshots_size + m.log_memory_store_size);
  });

  // §5.5: storage is charged on every byte of memory, the log store's included (replica scheduler test "canister
  // with logs is charged for log memory"): a 2 MiB store costs its bytes × 127,000 cycles per GiB·s more.
  it('a bigger log store is billed like storage', async () => {
    const run = (limit: string) => runInline(scenario([settings({ logMemoryLimit: limit }), { advanceTime: { seconds: '100000' } }]));
    const storage = (report: Report) => events(report, 'cycles_charged')
      .filter((e) => e.charge === 'storage').reduce((sum, e) => sum + BigInt(e.amount as string), 0n);
    const small = await run('4096');
    const big = await run(String(2n * MiB));
    const extraBytes = 2n * MiB - 4n * KiB;
    const seconds = BigInt(events(big, 'time_advanced')[0].timeNs as string) / ROUND_NS - GENESIS_NS / ROUND_NS;
    const expected = (extraBytes * 127_000n * seconds) / (1024n * MiB);
    const difference = storage(big) - storage(small);
    expect(difference).toBeGreaterThanOrEqual(expected - 2n);
    expect(difference).toBeLessThanOrEqual(expected + 2n);
  });
});

describe('[engine/management] fetch_canister_logs', () => {
  // SPEC-MC `log_visibility`; replica query handler: "Caller … is not allowed to query ic00 method
  // fetch_canister_logs", IC0406.
  it('visibility: controllers by default, then public, then allowed viewers (and controllers)', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('hello'), wait: true } },
      fetchQuery('alice'),
      fetchQuery('bob'),
      settings({ logVisibility: 'public' }),
      fetchQuery('bob'),
      settings({ logVisibility: { allowedViewers: ['carol'] } }),
      fetchQuery('bob'),
      fetchQuery('carol'),
      fetchQuery('alice'),
      status,
    ]));
    expect(new TextDecoder().decode(records(report.steps[1])[0].content)).toBe('hello');
    expect(report.steps[2]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406' });
    expect(report.steps[2].rejectMessage).toMatch(/^Caller .* is not allowed to query ic00 method fetch_canister_logs$/);
    expect(idxs(report.steps[4])).toEqual([0]);
    expect(report.steps[6]).toMatchObject({ status: 'rejected', errorCode: 'IC0406' });
    expect(idxs(report.steps[7])).toEqual([0]);
    expect(idxs(report.steps[8])).toEqual([0]);
    const visibility = statusOf(report.steps[9]).settings.log_visibility;
    expect(Object.keys(visibility)).toEqual(['allowed_viewers']);
    expect(visibility.allowed_viewers).toHaveLength(1);
  });

  // §12: users may not send it as an update (ingress): only canisters call it replicated.
  it('is refused as a user\'s update call; an unknown management query is IC0536', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'ic', method: 'fetch_canister_logs', arg: hex(new Uint8Array(fetchArg())), wait: true } },
      { query: { from: 'alice', to: 'ic', method: 'no_such_query', arg: hex(new Uint8Array(fetchArg())) } },
      { query: { from: 'alice', to: 'ic', method: 'fetch_canister_logs', arg: hex(new Uint8Array(fetchArg(undefined, 'ryjl3-tyaaa-aaaaa-aaaba-cai'))) } },
    ]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0406' });
    expect(report.steps[1]).toMatchObject({ status: 'rejected', errorCode: 'IC0536' });
    expect(report.steps[2]).toMatchObject({ status: 'rejected', errorCode: 'IC0301' });
  });

  // docs/SCENARIO-EXTENSIONS.md "Canister logs": a query step to "ic" with a Candid text argument; the reply reads
  // by its wire types with the interface's field names.
  it('a query step to "ic" takes Candid text and reports the reply as Candid', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('hi'), wait: true } },
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('there'), wait: true } },
      { query: { from: 'alice', to: 'ic', method: 'fetch_canister_logs', arg: { candid:
        `(record { canister_id = principal "${C}"; filter = opt variant { by_idx = record { start = 1 : nat64; end = 10 : nat64 } } })` } } },
    ]));
    expect(idxs(report.steps[2])).toEqual([1]);
    expect(report.steps[2].replyCandid).toContain('canister_log_records');
    expect(report.steps[2].replyCandid).toContain('blob "there"');
  });

  // SPEC-MC / SPEC-AB `canister_logs`: by_idx and by_timestamp_nanos ranges, start inclusive, end exclusive.
  it('filters by index and by timestamp, start inclusive and end exclusive', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('r1'), wait: true } },
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('r2'), wait: true } },
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('r3'), wait: true } },
      fetchQuery('alice'),
      fetchQuery('alice', { by_idx: { start: 1n, end: 2n } }),
      fetchQuery('alice', { by_idx: { start: 2n, end: 1n } }),
    ]));
    const all = records(report.steps[3]);
    expect(all.map((r) => new TextDecoder().decode(r.content))).toEqual(['r1', 'r2', 'r3']);
    // each call ran in its own round, one second apart
    expect(all[1].timestamp_nanos - all[0].timestamp_nanos).toBeGreaterThanOrEqual(ROUND_NS);
    expect(idxs(report.steps[4])).toEqual([1]);
    expect(idxs(report.steps[5])).toEqual([]);
    const byTime = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('r1'), wait: true } },
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('r2'), wait: true } },
      { call: { from: 'alice', to: 'c', method: 'log', arg: text('r3'), wait: true } },
      fetchQuery('alice', { by_timestamp_nanos: { start: all[1].timestamp_nanos, end: all[2].timestamp_nanos } }),
      fetchQuery('alice', { by_timestamp_nanos: { start: all[1].timestamp_nanos, end: all[2].timestamp_nanos + 1n } }),
    ]));
    expect(idxs(byTime.steps[3])).toEqual([1]);
    expect(idxs(byTime.steps[4])).toEqual([1, 2]);
  });

  // §12 / SPEC-MC: a reply carries at most 2,000,000 bytes of records by `CanisterLogRecord::data_size` (40 +
  // content): unfiltered keeps the newest, filtered the oldest. A 2 MiB store holds 2,056 records of 1,000 bytes
  // (1,020 each); 1,923 of them (1,040 each) fit in a reply.
  it('trims to a maximal response: unfiltered drops the oldest, filtered the newest', async () => {
    const report = await runInline(scenario([
      settings({ logMemoryLimit: String(2n * MiB) }),
      { call: { from: 'alice', to: 'c', method: 'spam', arg: n32(1100), wait: true } },
      { call: { from: 'alice', to: 'c', method: 'spam', arg: n32(1100), wait: true } },
      fetchQuery('alice'),
      fetchQuery('alice', { by_idx: { start: 0n, end: 1_000_000n } }),
    ]));
    const held = Math.floor(Number(2n * MiB) / 1020); // 2,056 in the store: idx 144 … 2,199
    expect(held).toBe(2056);
    const fits = Math.floor(2_000_000 / 1040);
    expect(fits).toBe(1923);
    const unfiltered = idxs(report.steps[3]);
    expect(unfiltered).toHaveLength(fits);
    expect(unfiltered[unfiltered.length - 1]).toBe(2199);
    const filtered = idxs(report.steps[4]);
    expect(filtered).toHaveLength(fits);
    expect(filtered[0]).toBe(2200 - held);
  });

  // §12; replica `execution_environment.rs` and CAM: a canister must attach max_fetch_canister_logs_fee =
  // (5,000,000 + 80 × 2,000,000) × 13 nodes; it pays (5,000,000 + 80 × reply bytes) × 13 and gets the rest back.
  it('from a canister: replicated, refused without max_fetch_canister_logs_fee, otherwise the fee of its reply', async () => {
    const maxFee = (5_000_000n + 80n * 2_000_000n) * 13n;
    expect(maxFee).toBe(2_145_000_000n);
    const viaProxy = (cycles: bigint, caller = 'proxy') => ({
      users: ['alice'],
      canisters: [
        { name: 'c', source: { wat: LOGGER }, controllers: caller === 'proxy' ? ['alice', 'proxy'] : ['alice'] },
        { name: 'proxy', source: { wat: PROXY_WAT } },
      ],
      steps: [
        { call: { from: 'alice', to: 'c', method: 'log', arg: text('seen by the proxy'), wait: true } },
        { call: { from: 'alice', to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', 'fetch_canister_logs', cycles, new Uint8Array(fetchArg())) }, wait: true } },
      ],
    });
    const short = await runInline(viaProxy(maxFee - 1n));
    expect(proxyOutcome(short.steps[1].reply!)).toMatchObject({
      type: 'reject', code: 4, message: `fetch_canister_logs request sent with ${maxFee - 1n} cycles, but ${maxFee} cycles are required.`,
    });
    expect(events(short, 'response_sent').find((e) => e.from === 'aaaaa-aa')!.refund).toBe(String(maxFee - 1n));

    const paid = await runInline(viaProxy(maxFee));
    const outcome = proxyOutcome(paid.steps[1].reply!);
    if (outcome.type !== 'reply') throw new Error(outcome.message);
    const [result] = IDL.decode([LogsCandid.FetchCanisterLogsResult], outcome.bytes) as unknown as [{ canister_log_records: Record_[] }];
    expect(new TextDecoder().decode(result.canister_log_records[0].content)).toBe('seen by the proxy');
    const fee = (5_000_000n + 80n * BigInt(outcome.bytes.length)) * 13n;
    expect(events(paid, 'response_sent').find((e) => e.from === 'aaaaa-aa')!.refund).toBe(String(maxFee - fee));

    // Not a controller: the visibility check refuses it and every cycle comes back.
    const stranger = await runInline(viaProxy(maxFee, 'alice'));
    expect(proxyOutcome(stranger.steps[1].reply!)).toMatchObject({ type: 'reject', code: 4 });
    expect(events(stranger, 'response_sent').find((e) => e.from === 'aaaaa-aa')!.refund).toBe(String(maxFee));
  });
});
