/**
 * [engine/management] Canister snapshots (ic-reference.md §12; SPEC-MC `take_canister_snapshot`,
 * `load_canister_snapshot`, `list_canister_snapshots`, `delete_canister_snapshot`; replica `canister_manager.rs`):
 * what a snapshot keeps and a load puts back, what it does not, the limits, every reject with its code, who may
 * call, what it costs, how its memory is counted and billed, and that runs are deterministic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import {
  compileWat, initWat, ManagementCandid, moduleHash, prepareCanisterModule, SnapshotCandid,
} from '../../src/engine/index.ts';
import type { Report, StepReport } from '../../src/scenario/reportTypes.ts';
import { canister } from '../helpers/prelude.ts';
import { candid, PROXY_WAT, proxyArg, proxyOutcome } from '../helpers/proxyCanister.ts';
import { events, replyInt, runInline, tryRunInline } from '../helpers/runInline.ts';

/** A counter kept three times: in a global, at heap address 100 and at stable offset 0; certified data "dcba". */
const COUNTER = canister(`
  (global $n (mut i64) (i64.const 0))
  (func $save
    (i64.store (i32.const 100) (global.get $n))
    (call $stable64_write (i64.const 0) (i64.const 100) (i64.const 8)))
  (func (export "canister_init")
    (global.set $n (i64.const 10))
    (drop (call $stable64_grow (i64.const 1)))
    (call $save)
    (i32.store (i32.const 200) (i32.const 0x61626364))
    (call $certified_data_set (i32.const 200) (i32.const 4)))
  (func (export "canister_update inc")
    (global.set $n (i64.add (global.get $n) (i64.const 1)))
    (call $save)
    (call $reply_i64 (global.get $n)))
  (func (export "canister_query global") (call $reply_i64 (global.get $n)))
  (func (export "canister_query heap") (call $reply_i64 (i64.load (i32.const 100))))
  (func (export "canister_query stable")
    (call $stable64_read (i64.const 16) (i64.const 0) (i64.const 8))
    (call $reply_i64 (i64.load (i32.const 16))))`);

/** An upgrade that breaks everything: 999 in the global, the heap and stable memory. */
const GARBAGE = canister(`
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_post_upgrade")
    (global.set $n (i64.const 999))
    (i64.store (i32.const 100) (i64.const 999))
    (call $stable64_write (i64.const 0) (i64.const 100) (i64.const 8)))
  (func (export "canister_query global") (call $reply_i64 (global.get $n)))
  (func (export "canister_query heap") (call $reply_i64 (i64.load (i32.const 100))))
  (func (export "canister_query stable")
    (call $stable64_read (i64.const 16) (i64.const 0) (i64.const 8))
    (call $reply_i64 (i64.load (i32.const 16))))`);

const SNAPSHOT_BASELINE = 2_000_000_000n; // §6.1, SUBNET DEFAULT_CANISTERS_SNAPSHOT_BASELINE_INSTRUCTIONS
const EXECUTION_FEE = 5_000_000n; // §5.1 update_message_execution_fee (13 nodes: unscaled); 1 cycle per instruction
const executionCost = (instructions: bigint) => EXECUTION_FEE + instructions;

let counterWasm: Uint8Array;
beforeAll(async () => {
  await initWat();
  const compiled = compileWat(COUNTER);
  if (!compiled.ok) throw new Error('COUNTER does not compile');
  counterWasm = compiled.wasm;
});

function scenario(steps: unknown[], extra: Record<string, unknown> = {}) {
  return {
    users: ['alice', 'bob'],
    canisters: [{ name: 'c', source: { wat: COUNTER }, controllers: ['alice'] }],
    steps,
    ...extra,
  };
}

type SnapshotRecord = { id: Uint8Array; taken_at_timestamp: bigint; total_size: bigint };

function decodeReply<T>(type: IDL.Type, step: StepReport): T {
  if (step.status !== 'replied' || step.reply === undefined) throw new Error(`step ${step.step}: ${step.errorCode} ${step.rejectMessage}`);
  // A copy: a small Buffer is a view into Node's shared pool, and the decoder reads its whole ArrayBuffer.
  return IDL.decode([type], new Uint8Array(Buffer.from(step.reply, 'hex')))[0] as T;
}
const snapshotOf = (step: StepReport) => decodeReply<SnapshotRecord>(SnapshotCandid.Snapshot, step);
const listOf = (step: StepReport) => decodeReply<SnapshotRecord[]>(SnapshotCandid.ListCanisterSnapshotsResult, step);
const statusOf = (step: StepReport) => decodeReply<Record<string, any>>(ManagementCandid.CanisterStatusResult, step);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The cycles charged to `canister` by the management call of `method` (the events between it and the next one). */
function chargesOf(report: Report, method: string, nth = 0): bigint[] {
  const calls = report.events.map((e, i) => [e, i] as const).filter(([e]) => e.kind === 'management_call' && e.method === method);
  const start = calls[nth][1];
  const amounts: bigint[] = [];
  for (let i = start + 1; i < report.events.length && report.events[i].kind !== 'management_call' && report.events[i].kind !== 'ingress_completed'; i++) {
    const e = report.events[i];
    if (e.kind === 'cycles_charged' && e.charge === 'execution') amounts.push(BigInt(e.amount as string));
  }
  return amounts;
}

const take = (extra: Record<string, unknown> = {}) => ({ manage: { from: 'alice', method: 'take_canister_snapshot', canister: 'c', wait: true, ...extra } });
const load = (snapshot = 'latest', extra: Record<string, unknown> = {}) => ({ manage: { from: 'alice', method: 'load_canister_snapshot', canister: 'c', snapshot, wait: true, ...extra } });
const list = (from = 'alice') => ({ manage: { from, method: 'list_canister_snapshots', canister: 'c', wait: true } });
const status = () => ({ manage: { from: 'alice', method: 'canister_status', canister: 'c', wait: true } });

const BREAK_AND_RESTORE = [
  { call: { from: 'alice', to: 'c', method: 'inc', wait: true } }, // 11
  take(),
  status(),
  { call: { from: 'alice', to: 'c', method: 'inc', wait: true } }, // 12
  { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', source: { wat: GARBAGE }, wait: true } },
  { query: { to: 'c', method: 'global' } },
  load(),
  status(),
  { query: { to: 'c', method: 'global' } },
  { query: { to: 'c', method: 'heap' } },
  { query: { to: 'c', method: 'stable' } },
  { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
];

describe('[engine/management] take and load a snapshot', () => {
  it('load puts back the module, the heap, stable memory and globals; not the cycles (SPEC-MC load_canister_snapshot)', async () => {
    const report = await runInline(scenario(BREAK_AND_RESTORE));
    expect(replyInt(report.steps[5])).toBe(999n); // the upgrade broke the canister
    expect(report.steps[6].status).toBe('replied');
    expect(replyInt(report.steps[8])).toBe(11n); // global
    expect(replyInt(report.steps[9])).toBe(11n); // heap
    expect(replyInt(report.steps[10])).toBe(11n); // stable memory
    expect(replyInt(report.steps[11])).toBe(12n); // the old code runs again
    expect(report.canisters.c.moduleHash).toBe(moduleHash(counterWasm));
    // Cycles are not restored: after the load the balance is below what it was right after the snapshot by at
    // least what loading cost (replica: the canister's system state, cycles included, is kept).
    const cyclesAfterTake = BigInt(statusOf(report.steps[2]).cycles);
    const cyclesAfterLoad = BigInt(statusOf(report.steps[7]).cycles);
    const loadCost = chargesOf(report, 'load_canister_snapshot').reduce((a, b) => a + b, 0n);
    expect(cyclesAfterTake - cyclesAfterLoad).toBeGreaterThanOrEqual(loadCost);
    // Versions: install 1, inc 2, take (no change: replica `take_canister_snapshot` leaves it), inc 3, upgrade 4,
    // load 5 (replica `load_canister_snapshot`: `canister_version += 1`), inc 6.
    expect(report.canisters.c.version).toBe('6');
    expect(events(report, 'snapshot_loaded')).toEqual([expect.objectContaining({ canister: report.canisters.c.id, from: report.canisters.c.id })]);
  });

  it('the snapshot id is the local index (u64 big-endian) then the canister id; its record says when and how big', async () => {
    const report = await runInline(scenario([take(), take(), list()]));
    const first = snapshotOf(report.steps[0]);
    const second = snapshotOf(report.steps[1]);
    const canisterBytes = Principal.fromText(report.canisters.c.id).toUint8Array();
    // replica `SnapshotId::from((canister_id, local_id))`; local ids count from 0 (`new_local_snapshot_id`).
    expect(hex(first.id)).toBe(`0000000000000000${hex(canisterBytes)}`);
    expect(hex(second.id)).toBe(`0000000000000001${hex(canisterBytes)}`);
    const taken = events(report, 'snapshot_taken');
    expect(taken.map((e) => e.snapshot)).toEqual([hex(first.id), hex(second.id)]);
    // Size (`snapshot_size_bytes`): module + heap + stable memory + globals (8 bytes each) + certified data (4 bytes).
    const expected = BigInt(counterWasm.length) + BigInt(report.canisters.c.wasmMemoryBytes) + BigInt(report.canisters.c.stableMemoryBytes) + 8n + 4n;
    expect(first.total_size).toBe(expected);
    expect(listOf(report.steps[2]).map((s) => hex(s.id))).toEqual([hex(first.id), hex(second.id)]);
    expect(first.taken_at_timestamp).toBeGreaterThan(0n);
  });

  it('taking costs execution_cost(2 B + size); loading execution_cost(2 B) then execution_cost(compilation / 100 + size)', async () => {
    const report = await runInline(scenario([take(), load()]));
    const size = snapshotOf(report.steps[0]).total_size;
    // replica `take_canister_snapshot`: `canister_snapshot_baseline_instructions + new_snapshot_size`.
    expect(chargesOf(report, 'take_canister_snapshot')).toEqual([executionCost(SNAPSHOT_BASELINE + size)]);
    // replica `load_canister_snapshot`: the baseline first, then compilation (÷ 100, the module was compiled on this
    // subnet: `CountReducedAmount`) plus one instruction per snapshot byte.
    const prepared = prepareCanisterModule(counterWasm);
    if (!prepared.ok) throw new Error(prepared.error);
    const compilation = (6_000n * BigInt(prepared.module.info.wasmInstructionCount)) / 100n;
    expect(chargesOf(report, 'load_canister_snapshot')).toEqual([executionCost(SNAPSHOT_BASELINE), executionCost(compilation + size)]);
  });

  it('snapshots count as the canister\'s memory: memory_metrics.snapshots_size, memory_size and the storage bill', async () => {
    const report = await runInline(scenario([status(), take(), status(), list(), { manage: { from: 'alice', method: 'delete_canister_snapshot', canister: 'c', snapshot: 'latest', wait: true } }, status()]));
    const before = statusOf(report.steps[0]);
    const after = statusOf(report.steps[2]);
    const size = snapshotOf(report.steps[1]).total_size;
    expect(before.memory_metrics.snapshots_size).toBe(0n);
    expect(after.memory_metrics.snapshots_size).toBe(size);
    expect(after.memory_size).toBe(before.memory_size + size);
    // Billed like storage (§5.5): the daily idle burn grows by the snapshot's bytes at 127,000 cycles per GiB·s.
    const perDay = (bytes: bigint) => (bytes * 127_000n * 86_400n) / (1n << 30n);
    expect(after.idle_cycles_burned_per_day - before.idle_cycles_burned_per_day).toBe(perDay(after.memory_size) - perDay(before.memory_size));
    const deleted = statusOf(report.steps[5]);
    expect(deleted.memory_metrics.snapshots_size).toBe(0n);
    expect(deleted.memory_size).toBe(before.memory_size);
    expect(events(report, 'snapshot_deleted')).toEqual([expect.objectContaining({ reason: 'delete_canister_snapshot', size: String(size) })]);
  });

  it('uninstall_code = opt true uninstalls right after the snapshot; loading brings the canister back', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
      take({ uninstallCode: true }),
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
      load(),
      { query: { to: 'c', method: 'global' } },
    ]));
    expect(report.steps[1].status).toBe('replied');
    expect(report.steps[2]).toMatchObject({ status: 'rejected', errorCode: 'IC0537' });
    expect(events(report, 'code_uninstalled')).toEqual([expect.objectContaining({ reason: 'uninstall_code' })]);
    expect(replyInt(report.steps[4])).toBe(11n);
  });

  it('runs are deterministic: the same scenario gives the same report', async () => {
    const a = await runInline(scenario(BREAK_AND_RESTORE));
    const b = await runInline(scenario(BREAK_AND_RESTORE));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('[engine/management] snapshot limits and rejects', () => {
  it('at most 10 per canister (EECFG MAX_NUMBER_OF_SNAPSHOTS_PER_CANISTER); replace_snapshot takes the place of one', async () => {
    const report = await runInline(scenario([
      ...Array.from({ length: 10 }, () => take()),
      take(),
      take({ replaceSnapshot: 'latest' }),
      list(),
    ]));
    expect(report.steps.slice(0, 10).every((s) => s.status === 'replied')).toBe(true);
    expect(report.steps[10]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406' });
    expect(report.steps[10].rejectMessage).toContain('has reached the maximum number of snapshots allowed: 10.');
    const replacement = snapshotOf(report.steps[11]);
    const ids = listOf(report.steps[12]).map((s) => hex(s.id));
    expect(ids).toHaveLength(10);
    expect(ids.at(-1)).toBe(hex(replacement.id));
    expect(ids).not.toContain(hex(snapshotOf(report.steps[9]).id));
    // The replacement's local index is the next one (10): ids are never reused (`new_local_snapshot_id`).
    expect(hex(replacement.id).slice(0, 16)).toBe('000000000000000a');
    expect(events(report, 'snapshot_deleted')).toEqual([expect.objectContaining({ reason: 'replaced' })]);
  });

  it('an unknown snapshot is IC0305 (reject code 3); a malformed id is IC0408 (replica `SnapshotId::try_from`)', async () => {
    const report = await runInline(scenario([
      load('0000000000000063' + '00000000000000000101'),
      { manage: { from: 'alice', method: 'delete_canister_snapshot', canister: 'c', snapshot: '0000000000000063' + '00000000000000000101', wait: true } },
      take({ replaceSnapshot: '0000000000000063' + '00000000000000000101' }),
      load('0102'),
    ]));
    for (const step of report.steps.slice(0, 3)) {
      expect(step).toMatchObject({ status: 'rejected', rejectCode: 3, errorCode: 'IC0305' });
      expect(step.rejectMessage).toBe(`Could not find the snapshot ID rwlgt-iiaaa-aaaaa-aaaaa-cai-99 for canister ${report.canisters.c.id}.`);
    }
    expect(report.steps[3]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0408' });
    expect(report.steps[3].rejectMessage).toContain('Invalid snapshot ID length: provided 2');
  });

  it('"latest" with no snapshot is a step error naming the canister', async () => {
    const result = await tryRunInline(scenario([load()]));
    expect(result).toEqual({ ok: false, error: 'step 0 (manage): snapshot: canister "c" has no snapshot to be "latest" (take_canister_snapshot first)' });
    // Neither "latest" nor hex: refused when the scenario is read (docs/SCENARIO-EXTENSIONS.md "Canister snapshots").
    for (const snapshot of ['newest', 'abc']) {
      const parsed = await tryRunInline(scenario([load(snapshot)]));
      expect(parsed).toEqual({ ok: false, error: expect.stringContaining('must be "latest" or a snapshot id in hex') });
    }
  });

  it('another canister\'s snapshot: not deletable or replaceable here (IC0406); loadable only by a controller of both', async () => {
    // d is the second canister (index 1): its first snapshot's id is local index 0 then d's id (replica `SnapshotId`).
    const ofD = `0000000000000000${'00000000000000010101'}`;
    const second = await runInline(scenario([
      { manage: { from: 'alice', method: 'take_canister_snapshot', canister: 'd', wait: true } },
      { call: { from: 'alice', to: 'd', method: 'inc', wait: true } },
      { manage: { from: 'alice', method: 'delete_canister_snapshot', canister: 'c', snapshot: ofD, wait: true } },
      take({ replaceSnapshot: ofD }),
      { manage: { from: 'bob', method: 'load_canister_snapshot', canister: 'c', snapshot: ofD, wait: true } },
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
      { manage: { from: 'alice', method: 'load_canister_snapshot', canister: 'c', snapshot: ofD, wait: true } },
      { query: { to: 'c', method: 'global' } },
    ], {
      canisters: [
        { name: 'c', source: { wat: COUNTER }, controllers: ['alice', 'bob'] },
        { name: 'd', source: { wat: COUNTER }, controllers: ['alice'] },
      ],
    }));
    const d = second.canisters.d.id;
    const c = second.canisters.c.id;
    const display = `${d}-0`;
    expect(second.steps[2]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406', rejectMessage: `The snapshot ${display} does not belong to canister ${c}.` });
    expect(second.steps[3]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406' });
    // SPEC-MC: the caller must control the canister the snapshot is loaded onto and the one it was taken of.
    expect(second.steps[4]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406' });
    expect(second.steps[4].rejectMessage).toMatch(/^Only a controller of the canister that snapshot .* belongs to can load it on canister /);
    expect(second.steps[6].status).toBe('replied');
    expect(replyInt(second.steps[7])).toBe(10n); // d's state when its snapshot was taken
    expect(events(second, 'snapshot_loaded')).toEqual([expect.objectContaining({ canister: c, from: d })]);
  });

  it('an empty canister has nothing to snapshot: IC0406', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'uninstall_code', canister: 'c', wait: true } },
      take(),
    ]));
    expect(report.steps[1]).toMatchObject({
      status: 'rejected', rejectCode: 4, errorCode: 'IC0406', rejectMessage: `Failed to create snapshot for empty canister ${report.canisters.c.id}:`,
    });
  });

  it('only controllers: a user\'s call is refused at ingress (IC0512), a canister\'s rejected (IC0512, reject code 5)', async () => {
    const users = await runInline(scenario([
      take({ from: 'bob' }),
      list('bob'),
    ]));
    for (const step of users.steps) expect(step).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0512' });
    expect(events(users, 'ingress_refused')).toHaveLength(2);
    const OTHER = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
    const payload = candid([SnapshotCandid.TakeCanisterSnapshotArgs], [{ canister_id: Principal.fromText(OTHER), replace_snapshot: [], uninstall_code: [], sender_canister_version: [] }]);
    const fromCanister = await runInline({
      canisters: [{ name: 'proxy', source: { wat: PROXY_WAT } }, { name: 'other', source: { wat: COUNTER } }],
      steps: [{ call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', 'take_canister_snapshot', 0n, payload) }, wait: true } }],
    });
    const outcome = proxyOutcome(fromCanister.steps[0].reply!);
    expect(outcome).toMatchObject({ type: 'reject', code: 5 });
    expect(events(fromCanister, 'snapshot_taken')).toHaveLength(0);
  });

  it('too few cycles for the instructions: IC0207, nothing taken (replica `CanisterSnapshotNotEnoughCycles`)', async () => {
    // The classroom preset divides the install limit (so its prepayment) by 1,000, not the snapshot baseline.
    const report = await runInline(scenario([take()], {
      subnet: { preset: 'classroom' },
      canisters: [{ name: 'c', source: { wat: COUNTER }, controllers: ['alice'], cycles: '1000000000', settings: { freezingThreshold: '0' } }],
    }));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 2, errorCode: 'IC0207' });
    expect(report.steps[0].rejectMessage).toMatch(/^Canister snapshotting failed with: `Canister .* is out of cycles: please top up the canister with at least \d+ additional cycles`$/);
    expect(events(report, 'snapshot_taken')).toHaveLength(0);
  });

  it('a snapshot whose memory would freeze the canister: IC0532 (replica `InsufficientCyclesInMemoryGrow`)', async () => {
    const threshold = '100000000000'; // 10^11 s: the freezing limit moves a lot with memory
    const burnPerDay = async (steps: unknown[]) => {
      const r = await runInline(scenario(steps, {
        canisters: [{ name: 'c', source: { wat: COUNTER }, controllers: ['alice'], settings: { freezingThreshold: threshold } }],
      }));
      return BigInt(r.canisters.c.idleCyclesBurnedPerDay);
    };
    const limit = (perDay: bigint) => (perDay * BigInt(threshold)) / 86_400n;
    const without = limit(await burnPerDay([]));
    const withSnapshot = limit(await burnPerDay([take()]));
    const cycles = (without + withSnapshot) / 2n + 300_000_000_000n; // the install's prepayment comes back
    const report = await runInline(scenario([take()], {
      canisters: [{ name: 'c', source: { wat: COUNTER }, controllers: ['alice'], cycles: String(cycles), settings: { freezingThreshold: threshold } }],
    }));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0532' });
    expect(report.steps[0].rejectMessage).toMatch(/^Canister cannot grow memory by \d+ bytes due to insufficient cycles\. At least \d+ additional cycles are required\.$/);
  });
});

describe('[engine/management] snapshots go with their canister', () => {
  it('delete_canister drops its snapshots; their ids are then unknown (SPEC-MC delete_canister_snapshot)', async () => {
    const first = await runInline(scenario([take()]));
    const id = hex(snapshotOf(first.steps[0]).id);
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'take_canister_snapshot', canister: 'c', wait: true } },
      { manage: { from: 'alice', method: 'stop_canister', canister: 'c', wait: true } },
      { manage: { from: 'alice', method: 'delete_canister', canister: 'c', wait: true } },
      { manage: { from: 'alice', method: 'load_canister_snapshot', canister: 'e', snapshot: id, wait: true } },
    ], { canisters: [{ name: 'c', source: { wat: COUNTER }, controllers: ['alice'] }, { name: 'e', source: { wat: COUNTER }, controllers: ['alice'] }] }));
    expect(events(report, 'snapshot_deleted')).toEqual([expect.objectContaining({ reason: 'canister_deleted', snapshot: id })]);
    expect(report.steps[3]).toMatchObject({ status: 'rejected', errorCode: 'IC0305' });
  });

  it('running out of cycles drops them (ic-reference.md §3.9)', async () => {
    const report = await runInline(scenario([
      take(),
      { advanceTime: { seconds: '86400000' } },
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
    ], {
      // ≈ 260 KB (the canister and its snapshot) for 1,000 days at 127,000 cycles per GiB·s ≈ 2.7 B: more than is left.
      subnet: { preset: 'classroom' },
      canisters: [{ name: 'c', source: { wat: COUNTER }, controllers: ['alice'], cycles: '3000000000', settings: { freezingThreshold: '0' } }],
    }));
    expect(report.steps[0].status).toBe('replied');
    expect(events(report, 'code_uninstalled')).toEqual([expect.objectContaining({ reason: 'out_of_cycles' })]);
    expect(events(report, 'snapshot_deleted')).toEqual([expect.objectContaining({ reason: 'out_of_cycles' })]);
  });
});

describe('[engine/management] snapshots called by a controller canister', () => {
  it('canister_info records the load: load_snapshot with the snapshot id, version and time (DID change_details)', async () => {
    const OTHER = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
    const call = (method: string, payload: Uint8Array) => ({ call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', method, 0n, payload) }, wait: true } });
    const target = Principal.fromText(OTHER);
    const takeArg = candid([SnapshotCandid.TakeCanisterSnapshotArgs], [{ canister_id: target, replace_snapshot: [], uninstall_code: [], sender_canister_version: [] }]);
    const firstId = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, ...target.toUint8Array()]);
    const loadArg = candid([SnapshotCandid.LoadCanisterSnapshotArgs], [{ canister_id: target, snapshot_id: firstId, sender_canister_version: [] }]);
    const infoArg = candid([ManagementCandid.CanisterInfoArgs], [{ canister_id: target, num_requested_changes: [5n] }]);
    const report = await runInline({
      canisters: [{ name: 'proxy', source: { wat: PROXY_WAT } }, { name: 'other', source: { wat: COUNTER }, controllers: ['proxy'] }],
      steps: [call('take_canister_snapshot', takeArg), call('load_canister_snapshot', loadArg), call('canister_info', infoArg)],
    });
    const taken = proxyOutcome(report.steps[0].reply!);
    if (taken.type !== 'reply') throw new Error(taken.message);
    const snapshot = IDL.decode([SnapshotCandid.Snapshot], taken.bytes)[0] as unknown as SnapshotRecord;
    expect(hex(snapshot.id)).toBe(hex(firstId));
    expect(proxyOutcome(report.steps[1].reply!).type).toBe('reply');
    const info = proxyOutcome(report.steps[2].reply!);
    if (info.type !== 'reply') throw new Error(info.message);
    const [decoded] = IDL.decode([ManagementCandid.CanisterInfoResult], info.bytes) as [Record<string, any>];
    const last = decoded.recent_changes.at(-1);
    expect(Object.keys(last.details)).toEqual(['load_snapshot']);
    expect(hex(last.details.load_snapshot.snapshot_id)).toBe(hex(firstId));
    expect(last.details.load_snapshot.canister_version).toBe(1n); // the version when it was taken
    expect(last.details.load_snapshot.taken_at_timestamp).toBe(snapshot.taken_at_timestamp);
    expect(last.details.load_snapshot.from_canister_id).toEqual([]);
    expect(last.canister_version).toBe(2n);
    expect(Object.keys(last.origin)).toEqual(['from_canister']);
  });
});
