/**
 * [engine/management] Chunked code installation (ic-reference.md §4.2, §6.1, §6.3, §12; SPEC-MC `upload_chunk`,
 * `stored_chunks`, `clear_chunk_store`, `install_chunked_code`; replica `canister_manager.rs`,
 * `execution_environment.rs`, `wasm_chunk_store.rs`): the store's rules and limits, who may use it, what it costs,
 * how its memory is counted and billed, installing from one's own store and from another canister's, every reject with
 * its code and words, the 2 MiB ingress limit, and scenarios installing a large module the way dfx does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import {
  canisterIdFromIndex, ChunkCandid, compileWat, initWat, ManagementCandid,
} from '../../src/engine/index.ts';
import type { Report, StepReport } from '../../src/scenario/reportTypes.ts';
import { canister } from '../helpers/prelude.ts';
import { UPGRADE_COUNTER_V1, UPGRADE_COUNTER_V2 } from '../helpers/upgradeCounter.ts';
import { candid, PROXY_WAT, proxyArg, proxyOutcome } from '../helpers/proxyCanister.ts';
import { events, replyInt, runInline, tryRunInline } from '../helpers/runInline.ts';

const MiB = 1024 * 1024;
const EXECUTION_FEE = 5_000_000n; // §5.1 update_message_execution_fee (13 nodes, unscaled); 1 cycle per instruction (fee10 = 10)
const UPLOAD_CHUNK_INSTRUCTIONS = 200_000_000n; // §6.1 "upload_chunk 200,000,000 instr charged"
const UPLOAD_COST = EXECUTION_FEE + UPLOAD_CHUNK_INSTRUCTIONS; // replica `consume_cycles_for_instructions` = execution_cost
const INSTALL_LIMIT = 300_000_000_000n; // §6.1 install_code limit (ic preset)

const V1 = UPGRADE_COUNTER_V1;
const V2 = UPGRADE_COUNTER_V2;

/**
 * A canister over the 2 MiB ingress limit: 2.5 MiB of data segment (the bytes are the point; built from a repeated
 * character so the test stays deterministic and small to write).
 */
const BIG_DATA = 'ab'.repeat(Math.floor(1.25 * MiB));
const BIG = canister(`
  (data (i32.const 1024) "${BIG_DATA}")
  (func (export "canister_init") (nop))
  (func (export "canister_query first") (call $reply_i64 (i64.load8_u (i32.const 1024))))`, '(memory 48)');

let v1: Uint8Array;
let v2: Uint8Array;
let big: Uint8Array;
beforeAll(async () => {
  await initWat();
  const wasm = (wat: string): Uint8Array => {
    const compiled = compileWat(wat);
    if (!compiled.ok) throw new Error(compiled.errors[0].message);
    return compiled.wasm;
  };
  v1 = wasm(V1);
  v2 = wasm(V2);
  big = wasm(BIG);
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const hashHex = (bytes: Uint8Array): string => hex(sha256(bytes));
/** Rust's `{:?}` of a byte array, as the replica's messages print hashes. */
const rustBytes = (bytes: Uint8Array): string => `[${Array.from(bytes).join(', ')}]`;
/** `n` pieces of `wasm`, of (nearly) equal length, in order. */
function split(wasm: Uint8Array, n: number): Uint8Array[] {
  const size = Math.ceil(wasm.length / n);
  return Array.from({ length: n }, (_, i) => wasm.subarray(i * size, (i + 1) * size));
}

function decodeReply<T>(type: IDL.Type, step: StepReport): T {
  if (step.status !== 'replied' || step.reply === undefined) throw new Error(`step ${step.step}: ${step.errorCode} ${step.rejectMessage}`);
  // A copy: a small Buffer is a view into a shared pool, and the decoder reads its whole ArrayBuffer.
  return IDL.decode([type], fromHex(step.reply))[0] as T;
}
const hashOf = (step: StepReport): string => hex(decodeReply<{ hash: Uint8Array }>(ChunkCandid.UploadChunkResult, step).hash);
const storedOf = (step: StepReport): string[] => decodeReply<{ hash: Uint8Array }[]>(ChunkCandid.StoredChunksResult, step).map((c) => hex(c.hash));
const statusOf = (step: StepReport) => decodeReply<Record<string, any>>(ManagementCandid.CanisterStatusResult, step);

const upload = (chunk: Uint8Array, extra: Record<string, unknown> = {}) =>
  ({ manage: { from: 'alice', method: 'upload_chunk', canister: 'c', chunk: { hex: hex(chunk) }, wait: true, ...extra } });
const stored = (canisterName = 'c', from = 'alice') => ({ manage: { from, method: 'stored_chunks', canister: canisterName, wait: true } });
const clear = (canisterName = 'c') => ({ manage: { from: 'alice', method: 'clear_chunk_store', canister: canisterName, wait: true } });
const status = (canisterName = 'c') => ({ manage: { from: 'alice', method: 'canister_status', canister: canisterName, wait: true } });
function installChunked(pieces: Uint8Array[], wasm: Uint8Array, extra: Record<string, unknown> = {}) {
  return {
    manage: {
      from: 'alice', method: 'install_chunked_code', canister: 'c', mode: 'install',
      chunkHashes: pieces.map(hashHex), wasmModuleHash: hashHex(wasm), wait: true, ...extra,
    },
  };
}

/** A canister "c" controlled by alice (bob controls nothing), on the `ic` preset, made empty by step 0. */
const EMPTY_C = { name: 'c', source: { wat: '(module)' }, controllers: ['alice'] };
function scenario(steps: unknown[], extra: Record<string, unknown> = {}) {
  return { users: ['alice', 'bob'], canisters: [EMPTY_C], steps: [{ manage: { from: 'alice', method: 'uninstall_code', canister: 'c', wait: true } }, ...steps], ...extra };
}

/** The cycles charged by the management call of `method` (the events between it and the next one), by kind. */
function chargesOf(report: Report, method: string, nth = 0): { kind: string; amount: bigint; refund: boolean }[] {
  const calls = report.events.map((e, i) => [e, i] as const).filter(([e]) => e.kind === 'management_call' && e.method === method);
  const start = calls[nth][1];
  const out: { kind: string; amount: bigint; refund: boolean }[] = [];
  for (let i = start + 1; i < report.events.length && report.events[i].kind !== 'management_call' && report.events[i].kind !== 'ingress_completed'; i++) {
    const e = report.events[i];
    if (e.kind === 'cycles_charged' || e.kind === 'cycles_refunded') out.push({ kind: e.charge as string, amount: BigInt(e.amount as string), refund: e.kind === 'cycles_refunded' });
  }
  return out;
}

describe('[engine/management] the chunk store: upload_chunk, stored_chunks, clear_chunk_store', () => {
  it('upload replies with the chunk\'s SHA-256; stored_chunks lists the hashes in byte order; a second upload of the same chunk adds nothing', async () => {
    const a = new TextEncoder().encode('first chunk');
    const b = new TextEncoder().encode('second chunk');
    const report = await runInline(scenario([upload(a), upload(b), stored(), upload(a), stored(), status()]));
    expect(hashOf(report.steps[1])).toBe(hashHex(a));
    expect(hashOf(report.steps[2])).toBe(hashHex(b));
    // replica: the store is a BTreeMap by hash, so `keys()` come in byte order.
    expect(storedOf(report.steps[3])).toEqual([hashHex(a), hashHex(b)].sort());
    expect(hashOf(report.steps[4])).toBe(hashHex(a));
    expect(storedOf(report.steps[5])).toEqual(storedOf(report.steps[3]));
    expect(events(report, 'chunk_uploaded').map((e) => [e.hash, e.chunks, e.alreadyStored])).toEqual([
      [hashHex(a), 2 - 1, false], [hashHex(b), 2, false], [hashHex(a), 2, true],
    ]);
    // Every upload is charged execution_cost(200 M), the repeated one too: "we charge before checking if the chunk
    // has already been uploaded" (replica `upload_chunk`).
    for (const nth of [0, 1, 2]) expect(chargesOf(report, 'upload_chunk', nth)).toEqual([{ kind: 'execution', amount: UPLOAD_COST, refund: false }]);
    expect(statusOf(report.steps[6]).memory_metrics.wasm_chunk_store_size).toBe(2n * BigInt(MiB));
  });

  it('a chunk over 1 MiB is refused with IC0504, and the upload is charged all the same (wasm_chunk_store.rs can_insert_chunk)', async () => {
    const tooLarge = new Uint8Array(MiB + 1).fill(7);
    const largest = new Uint8Array(MiB).fill(7);
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'upload_chunk', canister: 'c', chunk: { base64: Buffer.from(tooLarge).toString('base64') }, wait: true } },
      upload(largest),
      stored(),
    ]));
    expect(report.steps[1]).toMatchObject({
      status: 'rejected', rejectCode: 5, errorCode: 'IC0504',
      rejectMessage: 'Error from Wasm chunk store: Wasm chunk size 1048577 exceeds the maximum chunk size of 1048576.',
    });
    expect(chargesOf(report, 'upload_chunk', 0)).toEqual([{ kind: 'execution', amount: UPLOAD_COST, refund: false }]);
    expect(hashOf(report.steps[2])).toBe(hashHex(largest));
    expect(storedOf(report.steps[3])).toEqual([hashHex(largest)]);
  });

  it('the store holds wasm_chunk_store_max_size / 1 MiB chunks; a chunk already there is still accepted when it is full', async () => {
    // A 2 MiB store (the parameter; 100 MiB by default, §6.3) holds two chunks, however small they are.
    const chunk = (n: number) => new Uint8Array([n]);
    const report = await runInline(scenario(
      [upload(chunk(1)), upload(chunk(2)), upload(chunk(3)), upload(chunk(1)), stored()],
      { subnet: { params: { wasmChunkStoreMaxBytes: String(2 * MiB) } } },
    ));
    expect(report.steps[3]).toMatchObject({
      status: 'rejected', errorCode: 'IC0504',
      rejectMessage: 'Error from Wasm chunk store: Wasm chunk store has already reached maximum capacity of 2.00 MiB bytes or the maximum number of entries, 2.',
    });
    expect(hashOf(report.steps[4])).toBe(hashHex(chunk(1)));
    expect(storedOf(report.steps[5])).toEqual([hashHex(chunk(1)), hashHex(chunk(2))].sort());
  });

  it('the default store takes 100 chunks and refuses the 101st (§6.3 "chunk store total 100 MiB")', async () => {
    const steps = Array.from({ length: 101 }, (_, i) => upload(new Uint8Array([i, i >> 8])));
    const report = await runInline(scenario(steps));
    expect(report.steps.slice(1, 101).every((s) => s.status === 'replied')).toBe(true);
    expect(report.steps[101]).toMatchObject({
      status: 'rejected', errorCode: 'IC0504',
      rejectMessage: 'Error from Wasm chunk store: Wasm chunk store has already reached maximum capacity of 100.00 MiB bytes or the maximum number of entries, 100.',
    });
  });

  it('clear_chunk_store empties the store; uninstall_code does too (§3.9; replica `uninstall_canister`)', async () => {
    const report = await runInline(scenario([
      upload(new Uint8Array([1])), upload(new Uint8Array([2])), clear(), stored(),
      upload(new Uint8Array([3])),
      { manage: { from: 'alice', method: 'uninstall_code', canister: 'c', wait: true } },
      stored(),
    ]));
    expect(report.steps[3].status).toBe('replied');
    expect(storedOf(report.steps[4])).toEqual([]);
    expect(storedOf(report.steps[7])).toEqual([]);
    expect(events(report, 'chunk_store_cleared').map((e) => [e.reason, e.chunks])).toEqual([['clear_chunk_store', 2], ['uninstall_code', 1]]);
  });

  it('only controllers and the canister itself use its store: a user that is not one is refused at the ingress filter, a canister with IC0512', async () => {
    const chunk = new Uint8Array([42]);
    const payload = candid([ChunkCandid.UploadChunkArgs], [{ canister_id: Principal.fromText(canisterIdFromIndex(1n).toText()), chunk }]);
    const ownPayload = (id: string) => candid([ChunkCandid.UploadChunkArgs], [{ canister_id: Principal.fromText(id), chunk }]);
    const report = await runInline({
      users: ['alice', 'bob'],
      canisters: [{ name: 'proxy', source: { wat: PROXY_WAT } }, { name: 'c', source: { wat: '(module)' }, controllers: ['alice'] }],
      steps: [
        { manage: { from: 'bob', method: 'upload_chunk', canister: 'c', chunk: { hex: '2a' }, wait: true } },
        { call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', 'upload_chunk', 0n, payload) }, wait: true } },
        { call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', 'upload_chunk', 0n, ownPayload(canisterIdFromIndex(0n).toText())) }, wait: true } },
        { call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', 'stored_chunks', 0n, candid([ChunkCandid.StoredChunksArgs], [{ canister_id: Principal.fromText(canisterIdFromIndex(0n).toText()) }])) }, wait: true } },
      ],
    });
    const c = report.principals.c;
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0512', rejectMessage: `Only controllers of canister ${c} can call ic00 method upload_chunk` });
    expect(proxyOutcome(report.steps[1].reply!)).toEqual({
      type: 'reject', code: 5,
      message: `Only the controllers of the canister ${c} can control it.\nCanister's controllers: ${report.principals.alice}\nSender's ID: ${report.principals.proxy}`,
    });
    // "Allow the canister itself to perform this operation": the proxy is not its own controller.
    const own = proxyOutcome(report.steps[2].reply!);
    expect(own.type).toBe('reply');
    const listed = proxyOutcome(report.steps[3].reply!);
    if (listed.type !== 'reply') throw new Error(listed.message);
    expect((IDL.decode([ChunkCandid.StoredChunksResult], listed.bytes)[0] as unknown as { hash: Uint8Array }[]).map((h) => hex(h.hash))).toEqual([hashHex(chunk)]);
  });
});

describe('[engine/management] the chunk store is memory', () => {
  it('each chunk counts as 1 MiB however short: memory_metrics.wasm_chunk_store_size, memory_size and the storage bill', async () => {
    const report = await runInline(scenario([status(), upload(new Uint8Array(10)), status(), clear(), status()]));
    const before = statusOf(report.steps[1]);
    const after = statusOf(report.steps[3]);
    const cleared = statusOf(report.steps[5]);
    expect(before.memory_metrics.wasm_chunk_store_size).toBe(0n);
    // SPEC-MC upload_chunk: "The storage cost of each chunk is fixed and corresponds to storing 1MiB of data";
    // replica `WasmChunkStore::memory_usage` counts 256 OS pages per chunk.
    expect(after.memory_metrics.wasm_chunk_store_size).toBe(BigInt(MiB));
    expect(after.memory_size).toBe(before.memory_size + BigInt(MiB));
    // Billed like storage (§5.5): 127,000 cycles per GiB·s.
    const perDay = (bytes: bigint) => (bytes * 127_000n * 86_400n) / (1n << 30n);
    expect(after.idle_cycles_burned_per_day - before.idle_cycles_burned_per_day).toBe(perDay(after.memory_size) - perDay(before.memory_size));
    expect(cleared.memory_metrics.wasm_chunk_store_size).toBe(0n);
    expect(cleared.memory_size).toBe(before.memory_size);
  });

  it('an upload is refused if its charge would freeze the canister (IC0504), or the 1 MiB it adds would (IC0532)', async () => {
    // The set-up install is prepaid at the install limit: a small one here, so a canister this poor can be set up.
    const subnet = { params: { maxInstructionsPerInstallCode: '1000000' } };
    const threshold = 100n * 86_400n;
    const chunk = new Uint8Array([5]);
    // Measure the canister first: its idle burn without and with one chunk, what its set-up cost, the upload's ingress fee.
    const probe = await runInline({ users: ['alice'], canisters: [EMPTY_C], steps: [status(), upload(chunk), status()], subnet });
    const burn = (step: StepReport) => statusOf(step).idle_cycles_burned_per_day as bigint;
    const limitBefore = (burn(probe.steps[0]) * threshold) / 86_400n;
    const limitAfter = (burn(probe.steps[2]) * threshold) / 86_400n;
    let setUp = 0n;
    for (const e of probe.events) {
      if (e.round !== 0 || (e.kind !== 'cycles_charged' && e.kind !== 'cycles_refunded')) continue;
      setUp += (e.kind === 'cycles_charged' ? 1n : -1n) * BigInt(e.amount as string);
    }
    const uploadMessage = probe.events.find((e) => e.kind === 'ingress_submitted' && e.method === 'upload_chunk')!.messageId;
    const inducted = probe.events.findIndex((e) => e.kind === 'ingress_inducted' && e.messageId === uploadMessage);
    // The induction fee is charged just as the message is inducted (the event before `ingress_inducted`).
    const fee = BigInt(probe.events.slice(0, inducted).reverse().find((e) => e.kind === 'cycles_charged' && e.charge === 'ingress_induction')!.amount as string);
    const run = (cyclesAtUpload: bigint) => runInline({
      users: ['alice'], subnet,
      canisters: [{ ...EMPTY_C, cycles: String(cyclesAtUpload + fee + setUp), settings: { freezingThreshold: String(threshold) } }],
      steps: [upload(chunk), stored()],
    });
    // Not enough to pay the upload above the freezing limit: refused with the charge not made.
    const poor = await run(limitBefore + 100_000_000n);
    expect(poor.steps[0]).toMatchObject({
      status: 'rejected', errorCode: 'IC0504',
      rejectMessage: `Error from Wasm chunk store: Error charging for 'upload_chunk': Canister ${poor.principals.c} is out of cycles: please top up the canister with at least ${UPLOAD_COST - 100_000_000n} additional cycles.`,
    });
    expect(chargesOf(poor, 'upload_chunk')).toEqual([]);
    // Enough to pay, not enough for the limit one more MiB brings: charged, then refused (replica `cycles_and_memory_usage_checks`).
    const middle = UPLOAD_COST + (limitBefore + limitAfter) / 2n;
    const frozen = await run(middle);
    expect(frozen.steps[0]).toMatchObject({
      status: 'rejected', errorCode: 'IC0532',
      rejectMessage: `Canister cannot grow memory by 1.00 MiB bytes due to insufficient cycles. At least ${limitAfter - (middle - UPLOAD_COST)} additional cycles are required.`,
    });
    expect(chargesOf(frozen, 'upload_chunk')).toEqual([{ kind: 'execution', amount: UPLOAD_COST, refund: false }]);
    expect(storedOf(frozen.steps[1])).toEqual([]);
  });
});

describe('[engine/management] install_chunked_code', () => {
  it('installs from the canister\'s own store, then upgrades from it (SPEC-MC: "calls install_code with … wasm_module")', async () => {
    const pieces = split(v1, 3);
    const upgrade = split(v2, 2);
    const report = await runInline(scenario([
      ...pieces.map((p) => upload(p)),
      installChunked(pieces, v1),
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
      ...upgrade.map((p) => upload(p)),
      installChunked(upgrade, v2, { mode: 'upgrade' }),
      { query: { to: 'c', method: 'get' } },
      status(),
    ]));
    expect(report.steps[4].status).toBe('replied');
    expect(replyInt(report.steps[5])).toBe(11n);
    expect(report.steps[8].status).toBe('replied');
    expect(replyInt(report.steps[9])).toBe(1100n);
    const final = statusOf(report.steps[10]);
    expect(hex(final.module_hash[0])).toBe(hashHex(v2));
    expect(final.memory_metrics.wasm_binary_size).toBe(BigInt(v2.length));
    expect(events(report, 'code_installed').slice(1).map((e) => [e.mode, e.moduleHash])).toEqual([['install', hashHex(v1)], ['upgrade', hashHex(v2)]]);
    // The store is left as it was: clearing it is the caller's business.
    expect(final.memory_metrics.wasm_chunk_store_size).toBe(5n * BigInt(MiB));
  });

  it('costs what install_code costs, plus one instruction per byte of a full chunk per hash listed (replica `instructions_to_assemble`)', async () => {
    const pieces = split(v1, 2);
    const chunked = await runInline(scenario([...pieces.map((p) => upload(p)), installChunked(pieces, v1)]));
    const plain = await runInline(scenario([{ manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'install', source: { wat: V1 }, wait: true } }]));
    const net = (charges: { amount: bigint; refund: boolean }[]) => charges.reduce((sum, c) => (c.refund ? sum - c.amount : sum + c.amount), 0n);
    const chunkedCost = net(chargesOf(chunked, 'install_chunked_code').filter((c) => c.kind === 'install_code'));
    const plainCost = net(chargesOf(plain, 'install_code').filter((c) => c.kind === 'install_code'));
    expect(chunkedCost - plainCost).toBe(2n * BigInt(MiB));
  });

  it('from another store canister on the subnet, by a controller of both; not by a controller of the target only (IC0512)', async () => {
    const pieces = split(v1, 2);
    const report = await runInline({
      users: ['alice', 'bob'],
      canisters: [
        { name: 'store', source: { wat: '(module)' }, controllers: ['alice'] },
        { name: 'c', source: { wat: '(module)' }, controllers: ['alice', 'bob'] },
      ],
      steps: [
        ...pieces.map((p) => upload(p, { canister: 'store' })),
        installChunked(pieces, v1, { from: 'bob', store: 'store', mode: 'reinstall' }),
        installChunked(pieces, v1, { store: 'store', mode: 'reinstall' }),
        { query: { to: 'c', method: 'get' } },
        stored('c'),
      ],
    });
    expect(report.steps[2]).toMatchObject({
      status: 'rejected', errorCode: 'IC0512',
      rejectMessage: `Only the controllers of the canister ${report.principals.store} can control it.\nCanister's controllers: ${report.principals.alice}\nSender's ID: ${report.principals.bob}`,
    });
    expect(report.steps[3].status).toBe('replied');
    expect(replyInt(report.steps[4])).toBe(10n);
    expect(storedOf(report.steps[5])).toEqual([]);
  });

  it('a canister may install from its own store onto a canister it controls without controlling itself', async () => {
    const proxyId = canisterIdFromIndex(0n).toText();
    const targetId = canisterIdFromIndex(1n).toText();
    const pieces = split(v1, 2);
    const call = (method: string, payload: Uint8Array) => ({ call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', method, 0n, payload) }, wait: true } });
    const report = await runInline({
      users: ['alice'],
      canisters: [{ name: 'proxy', source: { wat: PROXY_WAT } }, { name: 't', source: { wat: '(module)' }, controllers: ['proxy'] }],
      steps: [
        ...pieces.map((p) => call('upload_chunk', candid([ChunkCandid.UploadChunkArgs], [{ canister_id: Principal.fromText(proxyId), chunk: p }]))),
        call('install_chunked_code', candid([ChunkCandid.InstallChunkedCodeArgs], [{
          mode: { reinstall: null }, target_canister: Principal.fromText(targetId), store_canister: [Principal.fromText(proxyId)],
          chunk_hashes_list: pieces.map((p) => ({ hash: sha256(p) })), wasm_module_hash: sha256(v1), arg: new Uint8Array(0), sender_canister_version: [],
        }])),
        { query: { to: 't', method: 'get' } },
      ],
    });
    expect(proxyOutcome(report.steps[2].reply!).type).toBe('reply');
    expect(replyInt(report.steps[3])).toBe(10n);
  });

  it('a hash that does not match, a missing chunk and a hash of the wrong length are refused with IC0504; the assembly is still paid', async () => {
    const pieces = split(v1, 2);
    const wrong = sha256(new TextEncoder().encode('not the module'));
    const missing = sha256(new TextEncoder().encode('never uploaded'));
    const report = await runInline(scenario([
      ...pieces.map((p) => upload(p)),
      installChunked(pieces, v1, { wasmModuleHash: hex(wrong) }),
      installChunked([pieces[0], new TextEncoder().encode('never uploaded')], v1),
      installChunked(pieces, v1, { wasmModuleHash: '0102' }),
      installChunked(pieces, v1, { chunkHashes: [hashHex(pieces[0]), '00'] }),
      status(),
    ]));
    const actual = sha256(v1);
    expect(report.steps[3]).toMatchObject({
      status: 'rejected', rejectCode: 5, errorCode: 'IC0504',
      rejectMessage: `Error from Wasm chunk store: Wasm module hash ${rustBytes(actual)} does not match given hash WasmHash(${rustBytes(wrong)}).`,
    });
    expect(report.steps[4]).toMatchObject({ errorCode: 'IC0504', rejectMessage: `Error from Wasm chunk store: Chunk hash ${rustBytes(missing)} was not found.` });
    // The module hash is checked when the argument is read, before anything is charged (replica `chunked_install`).
    expect(report.steps[5]).toMatchObject({ errorCode: 'IC0504', rejectMessage: 'Invalid wasm hash [1, 2]' });
    expect(report.steps[6]).toMatchObject({ errorCode: 'IC0504', rejectMessage: 'Error from Wasm chunk store: Chunk hash is invalid. The length is not 32.' });
    expect(statusOf(report.steps[7]).module_hash).toEqual([]);
    // Prepaid at the install limit, refunded all but the assembly: 1 MiB per listed hash (replica `finish_err`).
    const charges = chargesOf(report, 'install_chunked_code', 0);
    const prepay = EXECUTION_FEE + INSTALL_LIMIT;
    expect(charges).toEqual([
      { kind: 'install_code', amount: prepay, refund: false },
      { kind: 'install_code', amount: INSTALL_LIMIT - 2n * BigInt(MiB), refund: true },
    ]);
    expect(chargesOf(report, 'install_chunked_code', 2)).toEqual([]);
  });

  it('a store canister that does not exist is named in the replica\'s words (IC0301)', async () => {
    const nowhere = canisterIdFromIndex(77n).toText();
    const pieces = split(v1, 2);
    const report = await runInline(scenario([installChunked(pieces, v1, { store: nowhere })]));
    const subnet = /on subnet (\S+) of target/.exec(report.steps[1].rejectMessage ?? '')?.[1];
    expect(subnet).toBeTruthy();
    expect(report.steps[1]).toMatchObject({
      status: 'rejected', rejectCode: 3, errorCode: 'IC0301',
      rejectMessage: `InstallChunkedCode Error: Store canister ${nowhere} was not found on subnet ${subnet} of target canister ${report.principals.c}`,
    });
  });
});

describe('[scenario] the chunk steps are checked like any manage step', () => {
  it.each([
    [{ method: 'upload_chunk', canister: 'c', chunk: { hex: '0' } }, 'step 1 (manage): "chunk.hex" must be an even number of hex digits'],
    [{ method: 'upload_chunk', canister: 'c', chunk: { hex: '00', base64: 'AA==' } }, 'must be one of {"hex": "…"}, {"base64": "…"}'],
    [{ method: 'install_chunked_code', canister: 'c', mode: 'install', chunkHashes: [], wasmModuleHash: '00', store: 'nobody' }, '"store": unknown canister "nobody"'],
    [{ method: 'install_chunked_code', canister: 'c', mode: 'install', chunkHashes: [], wasmModuleHash: '00', skipPreUpgrade: true }, 'applies only to mode "upgrade"'],
    [{ method: 'install_chunked_code', canister: 'c', mode: 'install', chunkHashes: ['xy'], wasmModuleHash: '00' }, 'must be an even number of hex digits'],
  ])('%j is refused', async (manage, error) => {
    const result = await tryRunInline(scenario([{ manage }]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});

describe('[engine/management] modules over the 2 MiB ingress limit', () => {
  it('install_code with a module over 2 MiB is refused before induction, as the replica\'s HTTP endpoint does (413)', async () => {
    const arg = ManagementCandid.encodeReply(ManagementCandid.InstallCodeArgs, {
      mode: { install: null }, canister_id: Principal.fromText(canisterIdFromIndex(0n).toText()), wasm_module: big, arg: new Uint8Array(0), sender_canister_version: [],
    });
    expect(arg.length).toBeGreaterThan(2 * MiB);
    const report = await runInline(scenario([{ call: { from: 'alice', to: 'ic', method: 'install_code', arg: { base64: Buffer.from(arg).toString('base64') }, wait: true } }]));
    const bytes = arg.length + 'install_code'.length;
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 1, errorCode: null });
    expect(report.steps[1].rejectMessage).toMatch(new RegExp(`^Request \\d+ is too large\\. Message byte size ${bytes} is larger than the max allowed 2097152\\.$`));
    const refused = events(report, 'ingress_refused');
    expect(refused).toHaveLength(1);
    expect(events(report, 'ingress_inducted').filter((e) => e.messageId === refused[0].messageId)).toEqual([]);
  });

  it('a deploy step installs it the way dfx does: upload_chunk per MiB, install_chunked_code, clear_chunk_store', async () => {
    const report = await runInline({ users: ['alice'], canisters: [], steps: [
      { deploy: { name: 'big', source: { wat: BIG }, controllers: ['alice'] } },
      { query: { to: 'big', method: 'first' } },
      status('big'),
    ] });
    expect(big.length).toBeGreaterThan(2 * MiB);
    expect(report.steps[0]).toMatchObject({ status: 'replied' });
    expect(replyInt(report.steps[1])).toBe(BigInt('a'.charCodeAt(0)));
    const chunks = Math.ceil(big.length / MiB);
    expect(events(report, 'management_call').map((e) => e.method).slice(0, chunks + 2)).toEqual([
      ...Array(chunks).fill('upload_chunk'), 'install_chunked_code', 'clear_chunk_store',
    ]);
    const s = statusOf(report.steps[2]);
    expect(hex(s.module_hash[0])).toBe(hashHex(big));
    expect(s.memory_metrics.wasm_chunk_store_size).toBe(0n);
    expect(events(report, 'chunk_uploaded').map((e) => e.bytes)).toEqual(Array.from({ length: chunks }, (_, i) => Math.min(MiB, big.length - i * MiB)));
  });

  it('a manage install_code step sends those messages itself; smaller modules keep a single install_code', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat: BIG }, wait: true } },
      { query: { to: 'c', method: 'first' } },
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat: V1 }, wait: true } },
      { query: { to: 'c', method: 'get' } },
    ]));
    const chunks = Math.ceil(big.length / MiB);
    const sent = events(report, 'ingress_submitted').map((e) => e.method);
    expect(sent).toEqual(['uninstall_code', ...Array(chunks).fill('upload_chunk'), 'install_chunked_code', 'clear_chunk_store', 'install_code']);
    expect(report.steps[1].status).toBe('replied');
    expect(replyInt(report.steps[2])).toBe(BigInt('a'.charCodeAt(0)));
    expect(report.steps[3].status).toBe('replied');
    expect(replyInt(report.steps[4])).toBe(10n);
    expect(events(report, 'chunk_store_cleared').map((e) => e.reason)).toEqual(['clear_chunk_store']);
  });

  it('runs are deterministic: the same scenario gives the same report', async () => {
    const run = () => runInline(scenario([
      upload(new Uint8Array([1])),
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat: BIG }, wait: true } },
      stored(),
    ]));
    const a = await run();
    const b = await run();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
