/**
 * Issue 16, target 3: what an idle canister costs the engine's process. Installs `count` canisters of a small
 * module (a counter with one page of memory, each called once so its heap has been written, and one without a
 * memory) on one subnet and reports the growth of the JS heap (`heapUsed`, after a full collection), of the
 * resident set and of the address space reserved, per canister (only the canisters that ran last keep a live
 * instance: `src/engine/canister/liveInstances.ts`). `npx tsx bench/canisterFootprint.ts [count]` (default
 * 1,000); part of `npm run bench` at 1,000.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { initWat } from '../src/engine/index.ts';
import { BENCH_USER, createBenchSubnet, deployCanister, wasmFromWat } from './benchSubnet.ts';
import { counterWat } from './counterCanister.ts';
import { isMainModule } from './measure.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const WITHOUT_MEMORY = `(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (func (export "canister_update inc") (call $msg_reply)))`;

interface Footprint { label: string; heapKb: number; rssKb: number; reservedGib: number; installMs: number; replied: number }

/** Linux's VmSize (address space reserved, in bytes): each live Wasm memory reserves about 10 GiB. 0 elsewhere. */
function reservedBytes(): number {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmSize:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** After full collections with a pause between them, so what an earlier measurement left is gone. */
async function settledMemory(): Promise<{ heap: number; rss: number; reserved: number }> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss, reserved: reservedBytes() };
}

async function footprint(label: string, wat: string, count: number): Promise<Footprint> {
  const wasm = wasmFromWat(wat);
  const subnet = createBenchSubnet();
  const before = await settledMemory();
  const ids: string[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) ids.push(deployCanister(subnet, wasm));
  const installMs = (performance.now() - start) / count;
  const calls = ids.map((receiver) => subnet.submitIngress({ sender: BENCH_USER, receiver, method: 'inc', arg: new Uint8Array() }));
  while (!subnet.isIdle()) subnet.executeRound();
  const after = await settledMemory();
  const replied = calls.filter((id) => subnet.ingress(id)?.status === 'replied').length; // keeps the subnet alive until measured
  const perCanister = (bytes: number) => Math.round(bytes / count / 1024);
  return { label, heapKb: perCanister(after.heap - before.heap), rssKb: perCanister(after.rss - before.rss),
    reservedGib: (after.reserved - before.reserved) / count / 2 ** 30, installMs, replied };
}

export async function canisterFootprintSection(count = 1_000): Promise<string[]> {
  await initWat();
  const lines = [
    `Idle canisters (${count.toLocaleString('en-US')} on one subnet, each called once): growth per canister`,
    '',
    '| module | JS heap per canister | resident memory per canister | address space reserved per canister | creating and installing one (ms) |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [label, wat] of [['counter, 1 page of memory', counterWat(1)], ['no memory', WITHOUT_MEMORY]] as const) {
    const result = await footprint(label, wat, count);
    if (result.replied !== count) throw new Error(`bench: ${count - result.replied} of ${count} calls were not replied`);
    lines.push(`| ${result.label} | ${result.heapKb} KB | ${result.rssKb} KB | ${result.reservedGib.toFixed(2)} GiB | ${result.installMs.toFixed(2)} |`);
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  const count = Number(process.argv[2] ?? 1_000);
  for (const line of await canisterFootprintSection(count)) console.log(line);
}
