/**
 * Rollback protection (issue #5): what a message costs, in µs, when it writes one page and commits, and when it
 * writes one page and traps (so its write is rolled back), for canisters holding 64 KiB to 1 GiB of Wasm memory,
 * and of stable memory. The cost must not grow with memory the message does not touch. A script, not a test.
 * Run alone with `npx tsx bench/rollback.ts`.
 */
import { initWat, type Subnet } from '../src/engine/index.ts';
import { BENCH_USER, createBenchSubnet, deployCanister, wasmFromWat } from './benchSubnet.ts';
import { createLog, isMainModule, machineLine, median } from './measure.ts';

const PAGE = 65_536;

const SIZES: readonly (readonly [label: string, pages: number])[] = [['64 KiB', 1], ['1 MiB', 16], ['64 MiB', 1024], ['1 GiB', 16384]];

/**
 * A canister of `pages` pages of Wasm memory. `write_commit` stores 8 bytes in the middle page and replies;
 * `write_trap` stores them and traps, so the page is restored.
 */
function heapWat(pages: number): string {
  const middle = Math.floor(pages / 2) * PAGE;
  return `(module
    (import "ic0" "msg_reply" (func $reply))
    (memory ${pages})
    (global $n (mut i64) (i64.const 0))
    (func $write
      (global.set $n (i64.add (global.get $n) (i64.const 1)))
      (i64.store (i32.const ${middle}) (global.get $n)))
    (func (export "canister_update write_commit") (call $write) (call $reply))
    (func (export "canister_update write_trap") (call $write) unreachable))`;
}

/**
 * A canister with one page of Wasm memory whose `canister_init` grows stable memory to `pages` pages.
 * `write_commit` writes 8 bytes to the middle of stable memory with `stable64_write` and replies; `write_trap`
 * writes them and traps, so stable memory is rolled back.
 */
function stableWat(pages: number): string {
  const middle = Math.floor(pages / 2) * PAGE;
  return `(module
    (import "ic0" "msg_reply" (func $reply))
    (import "ic0" "stable64_grow" (func $stable64_grow (param i64) (result i64)))
    (import "ic0" "stable64_write" (func $stable64_write (param i64 i64 i64)))
    (memory 1)
    (func (export "canister_init")
      (if (i64.lt_s (call $stable64_grow (i64.const ${pages})) (i64.const 0)) (then unreachable)))
    (func $write
      (i64.store (i32.const 0) (i64.add (i64.load (i32.const 0)) (i64.const 1)))
      (call $stable64_write (i64.const ${middle}) (i64.const 0) (i64.const 8)))
    (func (export "canister_update write_commit") (call $write) (call $reply))
    (func (export "canister_update write_trap") (call $write) unreachable))`;
}

/** Gives every page of stable memory its own storage, as a canister that had written all of it would have. */
function fillStableMemory(subnet: Subnet, id: string): void {
  const stable = subnet.canister(id)!.runtime!.stable;
  const byte = new Uint8Array([1]);
  for (let page = 0; page < stable.size(); page++) stable.write(page * PAGE + 1, byte);
}

/** µs per message for `count` messages of `method`; each must reply (commit) or be rejected by its trap. */
function microsPerMessage(subnet: Subnet, id: string, method: string, count: number): number {
  const empty = new Uint8Array();
  const expected = method === 'write_commit' ? 'replied' : 'rejected';
  const start = performance.now();
  const ids = Array.from({ length: count }, () => subnet.submitIngress({ sender: BENCH_USER, receiver: id, method, arg: empty }));
  while (!subnet.isIdle()) subnet.executeRound();
  const micros = ((performance.now() - start) * 1000) / count;
  for (const message of ids) {
    const status = subnet.ingress(message)!.status;
    if (status !== expected) throw new Error(`bench: ${method} was ${status}, expected ${expected}`);
  }
  return micros;
}

/** Median µs per message over `runs` batches, after one warm-up batch, on one canister. */
function messageCost(subnet: Subnet, id: string, method: string, count = 3_000, runs = 3): number {
  microsPerMessage(subnet, id, method, count);
  return median(Array.from({ length: runs }, () => microsPerMessage(subnet, id, method, count)));
}

interface RollbackRow {
  readonly memory: string;
  readonly commit: number;
  readonly trap: number;
}

export function heapRow(label: string, pages: number): RollbackRow {
  const subnet = createBenchSubnet();
  const id = deployCanister(subnet, wasmFromWat(heapWat(pages)));
  return { memory: label, commit: messageCost(subnet, id, 'write_commit'), trap: messageCost(subnet, id, 'write_trap') };
}

export function stableRow(label: string, pages: number): RollbackRow {
  const subnet = createBenchSubnet();
  const id = deployCanister(subnet, wasmFromWat(stableWat(pages)));
  fillStableMemory(subnet, id);
  return { memory: label, commit: messageCost(subnet, id, 'write_commit'), trap: messageCost(subnet, id, 'write_trap') };
}

export async function rollbackSection(): Promise<string[]> {
  await initWat();
  const { lines, log } = createLog();
  log('### Rollback protection: cost per message by memory size');
  log('');
  log('Each message writes 8 bytes into one page in the middle of the memory, then replies (commit) or traps (rollback).');
  log('µs per whole message (induction, execution, transaction, trace), median of 3 batches of 3,000; stable memory is');
  log('filled (every page materialised) before measuring.');
  log('');
  log('| memory | size | write one page, commit (µs) | write one page, trap (µs) |');
  log('|---|---|---|---|');
  // Untimed: the first canister measured would otherwise pay for warming up the engine's code.
  heapRow('warm-up', 1);
  stableRow('warm-up', 1);
  for (const [label, pages] of SIZES) {
    const row = heapRow(label, pages);
    log(`| Wasm memory | ${row.memory} | ${row.commit.toFixed(1)} | ${row.trap.toFixed(1)} |`);
  }
  for (const [label, pages] of SIZES) {
    const row = stableRow(label, pages);
    log(`| stable memory | ${row.memory} | ${row.commit.toFixed(1)} | ${row.trap.toFixed(1)} |`);
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  console.log(machineLine());
  console.log('');
  await rollbackSection();
}
