/**
 * `npm run bench`: engine figures for BENCHMARKS.md. A script, not a test: it prints measurements and
 * never asserts them. Each figure is the median of several runs after a warm-up.
 */
import { cpus } from 'node:os';
import { createSubnetConfig, initWat, compileWat, Subnet, userPrincipal } from '../src/engine/index.ts';

const USER = userPrincipal('bench').toText();

function counterWat(memoryPages: number): string {
  return `(module
    (import "ic0" "msg_reply" (func $msg_reply))
    (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
    (memory ${memoryPages})
    (global $n (mut i64) (i64.const 0))
    (func (export "canister_update inc")
      (global.set $n (i64.add (global.get $n) (i64.const 1)))
      (i64.store (i32.const 0) (global.get $n))
      (call $append (i32.const 0) (i32.const 8))
      (call $msg_reply)))`;
}

function deploy(memoryPages: number): { subnet: Subnet; id: string } {
  const config = createSubnetConfig('ic');
  if (!config.ok) throw new Error(config.error);
  const subnet = new Subnet(config.config);
  const id = subnet.createCanister({ controllers: [USER], cycles: 10n ** 18n });
  const wasm = compileWat(counterWat(memoryPages));
  if (!wasm.ok) throw new Error(JSON.stringify(wasm.errors));
  const installed = subnet.installCode(id, USER, 'install', wasm.wasm, new Uint8Array());
  if (!installed.ok) throw new Error(installed.reject.message);
  return { subnet, id };
}

/** Ingress messages per second: submit `count`, run rounds until all completed. */
function throughput(memoryPages: number, count: number): number {
  const { subnet, id } = deploy(memoryPages);
  const empty = new Uint8Array();
  const start = performance.now();
  for (let i = 0; i < count; i++) subnet.submitIngress({ sender: USER, receiver: id, method: 'inc', arg: empty });
  while (!subnet.isIdle()) subnet.executeRound();
  const seconds = (performance.now() - start) / 1000;
  return count / seconds;
}

/** Microseconds to snapshot the heap of a canister of `memoryPages` pages (the rollback protection). */
function snapshotMicros(memoryPages: number, repeats: number): number {
  const { subnet, id } = deploy(memoryPages);
  const rt = subnet.canister(id)!.runtime!;
  const start = performance.now();
  for (let i = 0; i < repeats; i++) rt.takeSnapshot();
  return ((performance.now() - start) * 1000) / repeats;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(fn: () => number, runs = 5): number {
  fn();
  return median(Array.from({ length: runs }, fn));
}

async function main(): Promise<void> {
  await initWat();
  const lines: string[] = [];
  const log = (line: string) => { lines.push(line); console.log(line); };
  log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
  log('');
  log('| canister Wasm memory | ingress updates per second (counter) | heap snapshot per message |');
  log('|---|---|---|');
  for (const [label, pages, count] of [['64 KiB', 1, 20_000], ['1 MiB', 16, 20_000], ['64 MiB', 1024, 500]] as const) {
    const rate = measure(() => throughput(pages, count), 3);
    const snap = measure(() => snapshotMicros(pages, pages >= 1024 ? 50 : 2000), 3);
    log(`| ${label} | ${Math.round(rate).toLocaleString('en-US')} | ${snap.toFixed(1)} µs |`);
  }
}

await main();
