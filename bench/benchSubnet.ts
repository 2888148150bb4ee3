/**
 * Subnets and canisters for the bench scripts: a fresh subnet on a preset, canisters created with ample cycles
 * and installed from WAT, and a helper that drives ingress to completion and checks every message was replied
 * (a figure measured on rejects would be meaningless).
 */
import { compileWat, createSubnetConfig, Subnet, userPrincipal, type Preset } from '../src/engine/index.ts';

export const BENCH_USER = userPrincipal('bench').toText();

/** Plenty for any bench: a canister never gets near its freezing limit. */
const BENCH_CYCLES = 10n ** 18n;

export function createBenchSubnet(preset: Preset = 'ic'): Subnet {
  const config = createSubnetConfig(preset);
  if (!config.ok) throw new Error(config.error);
  return new Subnet(config.config);
}

export function wasmFromWat(wat: string): Uint8Array {
  const wasm = compileWat(wat);
  if (!wasm.ok) throw new Error(JSON.stringify(wasm.errors));
  return wasm.wasm;
}

/** Creates a canister on `subnet` and installs `wasm` in it; returns its id. */
export function deployCanister(subnet: Subnet, wasm: Uint8Array, initArg = new Uint8Array()): string {
  const id = subnet.createCanister({ controllers: [BENCH_USER], cycles: BENCH_CYCLES });
  const installed = subnet.installCode(id, BENCH_USER, 'install', wasm, initArg);
  if (!installed.ok) throw new Error(installed.reject.message);
  return id;
}

/** Submits ingress messages, runs rounds until the subnet is idle and throws unless every one was replied. */
export function runIngressToIdle(subnet: Subnet, receiver: string, method: string, args: readonly Uint8Array[]): void {
  const ids = args.map((arg) => subnet.submitIngress({ sender: BENCH_USER, receiver, method, arg }));
  while (!subnet.isIdle()) subnet.executeRound();
  for (const id of ids) {
    const record = subnet.ingress(id)!;
    if (record.status !== 'replied') throw new Error(`bench: ${method} was not replied: ${record.reject?.message ?? record.status}`);
  }
}

/** A u32 as the 4 little-endian bytes the bench canisters read their count from. */
export function u32Arg(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}
