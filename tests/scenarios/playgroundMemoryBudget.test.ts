/**
 * [engine/memory] Stable memory is stored sparsely in the replica's 4 KiB pages, and the playground's own memory
 * budget (`playgroundMemoryBytes`, docs/SCENARIO-EXTENSIONS.md "The playground's own resource limits") refuses what
 * it cannot hold as its own limit: a trap the execution rolls back, a `playground_limit` event, and the subnet goes
 * on (issue 17, findings 2 and 6). Memory is asserted through the engine's own accounting, never timings.
 */
import { describe, expect, it } from 'vitest';
import { measureSubnetMemory, Subnet } from '../../src/engine/index.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioSession } from '../../src/scenario/scenarioSession.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';
import type { Step } from '../../src/scenario/scenarioTypes.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

const STABLE_WAT = `(module
  (import "ic0" "stable64_grow" (func $grow (param i64) (result i64)))
  (import "ic0" "stable64_size" (func $size (result i64)))
  (import "ic0" "stable64_write" (func $write (param i64 i64 i64)))
  (import "ic0" "msg_reply" (func $reply))
  (memory 1)
  ;; The issue's update: stable memory grown to 600,000 Wasm pages (36.6 GiB) and one byte written into each of
  ;; the first 500,000 of them: 500,000 dirty 4 KiB pages, 1.9 GiB, under the replica's 2 GiB per update.
  (func (export "canister_update spread") (local $i i64)
    (drop (call $grow (i64.const 600000)))
    (i32.store8 (i32.const 0) (i32.const 7))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (i64.const 500000)))
      (call $write (i64.mul (local.get $i) (i64.const 65536)) (i64.const 0) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (call $reply))
  ;; 16 MiB of stable memory written in 64 KiB pieces.
  (func (export "canister_update fill") (local $i i64)
    (drop (call $grow (i64.const 256)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (i64.const 256)))
      (call $write (i64.mul (local.get $i) (i64.const 65536)) (i64.const 0) (i64.const 65536))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (call $reply))
  ;; One byte, growing stable memory by a page first if it is empty.
  (func (export "canister_update one")
    (if (i64.eqz (call $size)) (then (drop (call $grow (i64.const 1)))))
    (i32.store8 (i32.const 0) (i32.const 1))
    (call $write (i64.const 0) (i64.const 0) (i64.const 1))
    (call $reply))
  ;; memory.grow by 512 pages (32 MiB of heap).
  (func (export "canister_update heap")
    (drop (memory.grow (i32.const 512)))
    (call $reply)))`;

async function session(params: Record<string, string> = {}): Promise<{ session: ScenarioSession; subnet: Subnet }> {
  const parsed = parseScenario(JSON.stringify({
    format: 'canister-playground/scenario@1',
    subnet: { params },
    canisters: [{ name: 'c', source: { wat: STABLE_WAT } }],
    steps: [],
  }));
  if (!parsed.ok) throw new Error(parsed.error);
  const started = await ScenarioSession.start(parsed.scenario);
  if (!started.ok) throw new Error(started.error);
  return { session: started.session, subnet: started.session.subnet };
}

function call(session: ScenarioSession, method: string): void {
  const applied = session.apply({ call: { to: 'c', method, wait: true } } as Step);
  if (!applied.ok) throw new Error(applied.error);
}

const stableOf = (subnet: Subnet) => [...subnet.state.canisters.values()][0].runtime!.stable;
const events = (report: Report, kind: string) => report.events.filter((e) => e.kind === kind);

describe('[engine/memory] sparse stable memory (issue 17, finding 2)', () => {
  it('one byte written holds one 4 KiB page (the old store held a 64 KiB page for it)', async () => {
    const { session: s, subnet } = await session();
    const runtime = [...subnet.state.canisters.values()][0].runtime!;
    const before = subnet.state.memory.used() - runtime.heapAllocatedBytes();
    call(s, 'one');
    expect(s.report().steps[0].status).toBe('replied');
    expect(stableOf(subnet).writtenPageCount()).toBe(1);
    expect(stableOf(subnet).allocatedBytes()).toBe(4 * KiB);
    // Besides the heap (and its journal's spare page), the subnet holds 4 KiB more.
    expect(subnet.state.memory.used() - runtime.heapAllocatedBytes() - before).toBe(4 * KiB);
  });

  it('the issue\'s update (600,000 pages grown, a byte in each of 500,000) runs holding 500,000 × 4 KiB', async () => {
    const { session: s, subnet } = await session();
    call(s, 'spread');
    const report = s.report();
    expect(report.steps[0].status).toBe('replied');
    expect(report.canisters.c.stableMemoryBytes).toBe(String(600_000 * 65_536));
    const stable = stableOf(subnet);
    expect(stable.writtenPageCount()).toBe(500_000);
    expect(stable.allocatedBytes()).toBe(500_000 * 4 * KiB);
    // Everything the subnet holds: the pages, the heap and spare buffers (a few MiB), far below 500,000 × 64 KiB.
    const used = subnet.state.memory.used();
    expect(used).toBeGreaterThanOrEqual(500_000 * 4 * KiB);
    expect(used).toBeLessThan(500_000 * 4 * KiB + 16 * MiB);
    expect(used).toBe(measureSubnetMemory(subnet.state));
    expect(events(report, 'playground_limit')).toEqual([]);
  }, 600_000);
});

describe('[engine/memory] the playground\'s memory budget (issue 17, finding 2)', () => {
  it('a write beyond the budget traps as the playground\'s limit, rolls back, and the subnet goes on', async () => {
    const { session: s, subnet } = await session({ playgroundMemoryBytes: String(8 * MiB) });
    const before = subnet.state.memory.used();
    call(s, 'fill');
    call(s, 'one');
    const report = s.report();
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0507' });
    expect(report.steps[0].rejectMessage).toContain('playgroundMemoryBytes = 8388608');
    expect(report.steps[0].rejectMessage).toContain('a limit of the playground');
    expect(report.steps[0].rejectMessage).toContain('not of the Internet Computer');
    const [limit] = events(report, 'playground_limit');
    expect(limit).toMatchObject({ canister: report.canisters.c.id, parameter: 'playgroundMemoryBytes', limit: String(8 * MiB), requested: '4096' });
    // The execution's trap names it too, right after the note.
    const trapped = report.events[report.events.indexOf(limit) + 1];
    expect(trapped).toMatchObject({ kind: 'execution', outcome: 'trap', errorCode: 'IC0507' });
    // Rolled back: the growth and the pages are gone (at most 1 MiB of spare buffers stays), and a later call works.
    expect(report.steps[1].status).toBe('replied');
    expect(stableOf(subnet).size()).toBe(1);
    expect(stableOf(subnet).writtenPageCount()).toBe(1);
    // (and the heap journal's spare 64 KiB page, and its spare copy of the one-page heap from the fast path's journal).
    expect(subnet.state.memory.used() - before).toBeLessThanOrEqual(1 * MiB + 2 * 64 * KiB + 4 * KiB);
    expect(subnet.state.memory.used()).toBe(measureSubnetMemory(subnet.state));
  });

  it('memory.grow beyond the budget traps as the playground\'s limit (IC0507) and rolls back', async () => {
    const { session: s, subnet } = await session({ playgroundMemoryBytes: String(16 * MiB) });
    call(s, 'heap');
    call(s, 'one');
    const report = s.report();
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0507' });
    expect(events(report, 'playground_limit')[0]).toMatchObject({ refused: 'memory.grow', requested: String(32 * MiB) });
    expect(report.canisters.c.wasmMemoryBytes).toBe('65536');
    expect(report.steps[1].status).toBe('replied');
    expect(subnet.state.memory.used()).toBe(measureSubnetMemory(subnet.state));
  });

  it('an install whose initial heap does not fit is refused as the playground\'s limit', async () => {
    const parsed = parseScenario(JSON.stringify({
      format: 'canister-playground/scenario@1',
      subnet: { params: { playgroundMemoryBytes: String(1 * MiB) } },
      canisters: [{ name: 'big', source: { wat: '(module (memory 32))' } }],
      steps: [],
    }));
    if (!parsed.ok) throw new Error(parsed.error);
    const started = await ScenarioSession.start(parsed.scenario);
    expect(started.ok).toBe(false);
    expect(!started.ok && started.error).toContain('IC0507');
    expect(!started.ok && started.error).toContain('playgroundMemoryBytes');
  });
});

describe('[engine/memory] the meter follows every way memory comes and goes', () => {
  const manage = (method: string, extra: Record<string, unknown> = {}) => ({ manage: { from: 'alice', method, canister: 'c', wait: true, ...extra } });
  // After each step the incremental count equals a walk over the subnet: nothing dropped stays counted, nothing held is missed.
  const steps: { name: string; step: unknown }[] = [
    { name: 'a stable write', step: { call: { to: 'c', method: 'one', wait: true } } },
    { name: 'a trapped write', step: { call: { to: 'c', method: 'heap', wait: true } } },
    { name: 'take a snapshot', step: manage('take_canister_snapshot') },
    { name: 'upgrade', step: manage('install_code', { mode: 'upgrade', source: { wat: STABLE_WAT } }) },
    { name: 'upload a chunk', step: manage('upload_chunk', { chunk: { hex: '00'.repeat(1000) } }) },
    { name: 'load the snapshot', step: manage('load_canister_snapshot', { snapshot: 'latest' }) },
    { name: 'reinstall', step: manage('install_code', { mode: 'reinstall', source: { wat: STABLE_WAT } }) },
    { name: 'a failed upgrade', step: manage('install_code', { mode: 'upgrade', source: { wat: '(module (memory 1) (func (export "canister_post_upgrade") unreachable))' } }) },
    { name: 'delete the snapshot', step: manage('delete_canister_snapshot', { snapshot: 'latest' }) },
    { name: 'clear the chunk store', step: manage('clear_chunk_store') },
    { name: 'uninstall', step: manage('uninstall_code') },
    { name: 'stop', step: manage('stop_canister') },
    { name: 'delete', step: manage('delete_canister') },
  ];
  it('after every step of a canister\'s life the meter equals a walk over the subnet', async () => {
    const parsed = parseScenario(JSON.stringify({
      format: 'canister-playground/scenario@1',
      users: ['alice'],
      canisters: [{ name: 'c', source: { wat: STABLE_WAT }, controllers: ['alice'] }],
      steps: [],
    }));
    if (!parsed.ok) throw new Error(parsed.error);
    const started = await ScenarioSession.start(parsed.scenario);
    if (!started.ok) throw new Error(started.error);
    const s = started.session;
    const counted: [string, number, number][] = [];
    for (const { name, step } of steps) {
      const applied = s.apply(step as Step);
      if (!applied.ok) throw new Error(applied.error);
      counted.push([name, s.subnet.state.memory.used(), measureSubnetMemory(s.subnet.state)]);
    }
    for (const [name, used, walked] of counted) expect([name, used]).toEqual([name, walked]);
    const statuses = s.report().steps.map((step) => step.status);
    expect(statuses).toEqual(['replied', 'replied', 'replied', 'replied', 'replied', 'replied', 'replied', 'rejected', 'replied', 'replied', 'replied', 'replied', 'replied']);
    // Everything is gone with the canister.
    expect(s.subnet.state.memory.used()).toBe(0);
  });

  it('a subnet restored from a checkpoint counts the same memory afresh', async () => {
    const { session: s, subnet } = await session();
    s.apply({ call: { to: 'c', method: 'fill', wait: true } } as Step);
    s.apply({ manage: { from: s.loaded.scenario.users[0], method: 'take_canister_snapshot', canister: 'c', wait: true } } as Step);
    const checkpoint = subnet.checkpoint(null)!;
    const restored = Subnet.fromCheckpoint(checkpoint, subnet.state.config);
    expect(restored.state.memory).not.toBe(subnet.state.memory);
    expect(restored.state.memory.used()).toBe(measureSubnetMemory(restored.state));
    // The restored stable memory holds exactly its written pages (spare buffers are not part of a checkpoint).
    expect(stableOf(restored).allocatedBytes()).toBe(stableOf(restored).writtenPageCount() * 4 * KiB);
    expect(stableOf(restored).writtenPageCount()).toBe(256 * 16);
  });
});
