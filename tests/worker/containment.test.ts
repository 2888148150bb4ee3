/**
 * [worker/containment] Hostile canisters never take the engine down (issue #5 "Containment"): through the engine
 * API over a MessageChannel, as the browser's worker serves it, a canister that grows its Wasm memory to the limit
 * (its `wasm_memory_limit`, or 4 GiB for wasm32), recurses without end, loops forever, or grows stable memory to
 * its limit gets the replica's answer (ic-reference.md §3.6, §6.2, §7), and the next call to another method still
 * answers. Growing memory only reserves address space, so these tests use little real memory; only rolling back
 * a grown 1 GiB heap touches it all, since the pages move to a new instance (Wasm memory cannot shrink).
 */
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { EngineApi, Outcome } from '../../src/worker/protocol.ts';
import type { Scenario, Step } from '../../src/scenario/scenarioTypes.ts';
import { canister } from '../helpers/prelude.ts';
import { connectEngineApi } from '../helpers/connectEngineApi.ts';

const HOSTILE = canister(`
  (global $calls (mut i64) (i64.const 0))
  (func $recurse (param i32) (result i32) (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func $grow_heap (block $full (loop $more (br_if $full (i32.eq (memory.grow (i32.const 8192)) (i32.const -1))) (br $more))))
  (func $grow_stable (block $full (loop $more (br_if $full (i64.eq (call $stable64_grow (i64.const 65536)) (i64.const -1))) (br $more))))
  (func (export "canister_update loop") (loop $l (br $l)))
  (func (export "canister_update recurse") (drop (call $recurse (i32.const 0))))
  (func (export "canister_update grow_heap") (call $grow_heap) (call $reply_i32 (memory.size)))
  (func (export "canister_update grow_heap_then_trap") (call $grow_heap) (unreachable))
  (func (export "canister_update grow_stable") (call $grow_stable) (call $reply_i64 (call $stable64_size)))
  (func (export "canister_update grow_stable_then_trap") (call $grow_stable) (unreachable))
  (func (export "canister_update grow_stable32")
    (block $full (loop $more (br_if $full (i32.eq (call $stable_grow (i32.const 4096)) (i32.const -1))) (br $more)))
    (call $reply_i32 (call $stable_size)))
  (func (export "canister_update grow_1gib")
    (drop (memory.grow (i32.const 16383))) (i32.store8 (i32.const 0x20000000) (i32.const 7)) (call $reply_i32 (memory.size)))
  (func (export "canister_update grow_page") (i32.store8 (i32.const 0x20000000) (i32.const 8)) (call $reply_i32 (memory.grow (i32.const 1))))
  (func (export "canister_update grow_page_then_trap")
    (i32.store8 (i32.const 0x20000000) (i32.const 9)) (drop (memory.grow (i32.const 1))) (unreachable))
  (func (export "canister_update ok")
    (global.set $calls (i64.add (global.get $calls) (i64.const 1)))
    (call $reply_i64 (global.get $calls)))
  (func (export "canister_query calls") (call $reply_i64 (global.get $calls)))`);

const GiB = 2 ** 30;

function scenario(settings: Record<string, string> = {}, cycles = '100000000000000'): Scenario {
  return {
    format: 'canister-playground/scenario@1', users: ['user'], subnet: { preset: 'classroom' }, maxRounds: 1000, steps: [],
    canisters: [{ name: 'c', source: { wat: HOSTILE }, cycles, settings }],
  } as unknown as Scenario;
}

async function load(s: Scenario): Promise<Comlink.Remote<EngineApi>> {
  const api = connectEngineApi();
  ok(await api.load(s));
  return api;
}

function ok(outcome: Outcome): Extract<Outcome, { ok: true }> {
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome;
}

const call = (method: string, wait = true): Step => ({ call: { to: 'c', method, wait } }) as Step;
const replyInt = (hex: string | undefined) => Buffer.from(hex ?? '', 'hex').readBigUInt64LE(0);

/** Calls `ok` and expects it to answer with how many times it has now run. */
async function expectServing(api: Comlink.Remote<EngineApi>, times: bigint): Promise<Extract<Outcome, { ok: true }>> {
  const served = ok(await api.apply(call('ok')));
  expect(served.step).toMatchObject({ status: 'replied' });
  expect(replyInt(served.step!.reply)).toBe(times);
  return served;
}

describe('[worker/containment] hostile canisters', () => {
  it('growing the heap past wasm_memory_limit (3 GiB by default) traps with IC0539 and rolls the growth back', async () => {
    const api = await load(scenario());
    await expectServing(api, 1n);
    const grown = ok(await api.apply(call('grow_heap')));
    expect(grown.step).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0539' });
    expect(grown.step!.rejectMessage).toContain(`Canister exceeded its current Wasm memory limit of ${3 * GiB} bytes`);
    const after = await expectServing(api, 2n);
    expect(after.view.canisters[0].wasmMemoryBytes).toBe(65_536);
  });

  it('without a wasm_memory_limit the heap grows to the wasm32 maximum of 4 GiB, then memory.grow answers -1', async () => {
    const api = await load(scenario({ wasmMemoryLimit: '0' }));
    const grown = ok(await api.apply(call('grow_heap')));
    expect(grown.step).toMatchObject({ status: 'replied' });
    const pages = replyInt(grown.step!.reply);
    expect(pages).toBeLessThanOrEqual(65_536n);
    expect(pages).toBeGreaterThan(65_536n - 8192n);
    const after = await expectServing(api, 1n);
    expect(after.view.canisters[0].wasmMemoryBytes).toBe(Number(pages) * 65_536);
    const trapped = ok(await api.apply(call('grow_heap_then_trap')));
    expect(trapped.step).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
    await expectServing(api, 2n);
  });

  it('with a 1 GiB heap, growing it by a page does not copy the heap; a trap after growing restores it', async () => {
    const api = await load(scenario());
    const grown = ok(await api.apply(call('grow_1gib')));
    expect(replyInt(grown.step!.reply)).toBe(16_384n);
    const id = grown.view.canisters[0].id;
    const buffersBefore = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 3; i++) expect(ok(await api.apply(call('grow_page'))).step).toMatchObject({ status: 'replied' });
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThan(256 * 2 ** 20);
    expect(await api.memory(id, 'heap', GiB / 2, 1)).toEqual(Uint8Array.of(8));
    const trapped = ok(await api.apply(call('grow_page_then_trap')));
    expect(trapped.step).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
    expect(trapped.view.canisters[0].wasmMemoryBytes).toBe((16_384 + 3) * 65_536);
    expect(await api.memory(id, 'heap', GiB / 2, 1)).toEqual(Uint8Array.of(8));
    await expectServing(api, 1n);
  });

  it('endless recursion is a stack-overflow trap (IC0502), not a crash', async () => {
    const api = await load(scenario());
    const recursed = ok(await api.apply(call('recurse')));
    expect(recursed.step).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0502' });
    expect(recursed.step!.rejectMessage).toContain('Canister trapped: stack overflow');
    await expectServing(api, 1n);
  });

  it('an endless loop is sliced across rounds, answers queries meanwhile, and ends with IC0522', async () => {
    const api = await load(scenario());
    ok(await api.apply(call('loop', false)));
    const running = ok(await api.runUntilIdle(3));
    expect(running.view.idle).toBe(false);
    expect(running.view.canisters[0].paused).toMatchObject({ entryPoint: 'canister_update loop' });
    const query = ok(await api.apply({ query: { to: 'c', method: 'calls' } } as Step));
    expect(query.step).toMatchObject({ status: 'replied', reply: '0000000000000000' });
    const done = ok(await api.runUntilIdle(100));
    expect(done.view.idle).toBe(true);
    const loop = done.steps.changed.find((r) => r.step === 0);
    expect(loop).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0522' });
    expect(loop?.rejectMessage).toContain('Canister exceeded the limit of 40000000 instructions for single message execution.');
    await expectServing(api, 1n);
  });

  it('stable memory grows to its 500 GiB limit, then stable64_grow answers -1; a trap rolls it all back', async () => {
    const api = await load(scenario({}, '1000000000000000000'));
    const trapped = ok(await api.apply(call('grow_stable_then_trap')));
    expect(trapped.step).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
    expect((await expectServing(api, 1n)).view.canisters[0].stableMemoryBytes).toBe(0);
    const grown = ok(await api.apply(call('grow_stable')));
    expect(grown.step).toMatchObject({ status: 'replied' });
    expect(replyInt(grown.step!.reply)).toBe(BigInt(500 * GiB / 65_536));
    expect((await expectServing(api, 2n)).view.canisters[0].stableMemoryBytes).toBe(500 * GiB);
    expect(await api.memory(grown.view.canisters[0].id, 'stable', 500 * GiB - 8, 100)).toEqual(new Uint8Array(8));
  });

  it('the 32-bit stable API stops at 4 GiB', async () => {
    const api = await load(scenario());
    const grown = ok(await api.apply(call('grow_stable32')));
    expect(replyInt(grown.step!.reply)).toBe(65_536n);
    await expectServing(api, 1n);
  });
});
