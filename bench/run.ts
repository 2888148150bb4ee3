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
      (call $msg_reply))
    ;; writes one byte in each of the first 16 pages, then traps: a rollback of 16 pages
    (func (export "canister_update write_then_trap") (local $p i32)
      (loop $l
        (i32.store8 (i32.mul (local.get $p) (i32.const 65536)) (i32.const 1))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $p) (i32.const 16))))
      unreachable))`;
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
function throughput(memoryPages: number, count: number, method = 'inc'): number {
  const { subnet, id } = deploy(memoryPages);
  const empty = new Uint8Array();
  const start = performance.now();
  for (let i = 0; i < count; i++) subnet.submitIngress({ sender: USER, receiver: id, method, arg: empty });
  while (!subnet.isIdle()) subnet.executeRound();
  const seconds = (performance.now() - start) / 1000;
  return count / seconds;
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
  log('| canister Wasm memory | counter updates per second | µs per counter update | updates that write 16 pages and trap, per second |');
  log('|---|---|---|---|');
  for (const [label, pages] of [['1 MiB', 16], ['64 MiB', 1024], ['1 GiB', 16384]] as const) {
    const rate = measure(() => throughput(pages, 20_000), 3);
    const trapRate = measure(() => throughput(pages, 2_000, 'write_then_trap'), 3);
    log(`| ${label} | ${Math.round(rate).toLocaleString('en-US')} | ${(1e6 / rate).toFixed(1)} | ${Math.round(trapRate).toLocaleString('en-US')} |`);
  }
}

await main();
