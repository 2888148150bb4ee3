/**
 * `@dfinity/pic` for the export tests, backed by the playground's own engine: the few calls an exported PocketIC
 * test makes (PocketIcServer.start, PocketIc.create, getNnsSubnet, createCanister, installCode, queryCall, tick,
 * advanceTime, addCycles, canisterStatus, and the client's submitCall/awaitCall), answering as PocketIC does —
 * rejects thrown as "… Reject code: N. Error code: <name>. …". Run against it, an exported test replays the scenario
 * on the engine that wrote the report, so every step must come out as recorded: a check of the test's replay
 * (order, waits, ticks, outcomes), not of the replica, which cannot run here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { createSubnetConfig, ErrorCode, Subnet, type Reject } from '../../src/engine/index.ts';
import { installsInChunks } from '../../src/scenario/chunkedInstall.ts';

interface AnyPrincipal {
  toText(): string;
}

const ERROR_NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** As PocketIC's client throws a reject (pic-js `decodeResultResponse`). */
function rejectError(reject: Reject): Error {
  const name = reject.errorCode ? ERROR_NAMES.get(Number(reject.errorCode.slice(2))) ?? reject.errorCode : 'CanisterRejectedMessage';
  return new Error(`Canister call failed: ${reject.message}. Reject code: ${reject.rejectCode}. Error code: ${name}. Certified: true`);
}

/** A principal the test can hand back (it only ever passes it on). */
const principal = (text: string): AnyPrincipal => ({ toText: () => text });

export const SubnetStateType = { New: 'new', FromPath: 'fromPath' } as const;

export class PocketIcServer {
  static async start(): Promise<PocketIcServer> {
    return new PocketIcServer();
  }

  getUrl(): string {
    return 'engine:';
  }

  async stop(): Promise<void> {}
}

class Client {
  constructor(private readonly subnet: Subnet) {}

  async submitCall(request: { sender: AnyPrincipal; canisterId: AnyPrincipal; method: string; payload: Uint8Array }): Promise<{ messageId: number }> {
    return { messageId: this.subnet.submitIngress({ sender: request.sender.toText(), receiver: request.canisterId.toText(), method: request.method, arg: request.payload }) };
  }

  /** Runs rounds until the message has its response, as PocketIC's await does. */
  async awaitCall(submitted: { messageId: number }): Promise<{ body: Uint8Array }> {
    for (let rounds = 0; this.subnet.ingress(submitted.messageId)!.completedRound === null; rounds++) {
      if (rounds > 100_000) throw new Error('the message never completed');
      this.subnet.executeRound();
    }
    const record = this.subnet.ingress(submitted.messageId)!;
    if (record.reject) throw rejectError(record.reject);
    return { body: record.reply! };
  }
}

export class PocketIc {
  private readonly client: Client;

  private constructor(private readonly subnet: Subnet) {
    this.client = new Client(subnet);
  }

  /** The subnet of the scenario the running test was exported from (its scenario.json, beside tests/). */
  static async create(): Promise<PocketIc> {
    const testPath = expect.getState().testPath!;
    const scenario = JSON.parse(readFileSync(join(dirname(testPath), '..', 'scenario.json'), 'utf8'));
    const spec = scenario.subnet ?? {};
    const config = createSubnetConfig(spec.preset ?? 'ic', BigInt(spec.nodes ?? 13), spec.params ?? {});
    if (!config.ok) throw new Error(config.error);
    return new PocketIc(new Subnet(config.config));
  }

  async getNnsSubnet(): Promise<{ id: AnyPrincipal }> {
    return { id: principal('tdb26-jop6k-aogll-7ltgs-eruif-6kk7m-qpktf-gdiqx-mxtrf-vb5e6-eqe') };
  }

  async createCanister(options: {
    targetCanisterId?: AnyPrincipal; controllers?: AnyPrincipal[]; cycles?: bigint; freezingThreshold?: bigint; computeAllocation?: bigint;
    memoryAllocation?: bigint; reservedCyclesLimit?: bigint; wasmMemoryLimit?: bigint; environmentVariables?: { name: string; value: string }[];
  }): Promise<AnyPrincipal> {
    const id = this.subnet.createCanister({
      controllers: (options.controllers ?? []).map((p) => p.toText()),
      cycles: options.cycles ?? 0n,
      settings: {
        ...(options.freezingThreshold !== undefined && { freezingThreshold: options.freezingThreshold }),
        ...(options.computeAllocation !== undefined && { computeAllocation: options.computeAllocation }),
        ...(options.memoryAllocation !== undefined && { memoryAllocation: options.memoryAllocation }),
        ...(options.reservedCyclesLimit !== undefined && { reservedCyclesLimit: options.reservedCyclesLimit }),
        ...(options.wasmMemoryLimit !== undefined && { wasmMemoryLimit: options.wasmMemoryLimit }),
        ...(options.environmentVariables !== undefined && { environmentVariables: options.environmentVariables.map((v): [string, string] => [v.name, v.value]) }),
      },
    });
    // PocketIC hosts the id asked for; the engine mints ids in creation order, as the playground did.
    if (options.targetCanisterId && options.targetCanisterId.toText() !== id) throw new Error(`asked for ${options.targetCanisterId.toText()}, minted ${id}`);
    return principal(id);
  }

  async installCode(options: { canisterId: AnyPrincipal; sender: AnyPrincipal; wasm: Uint8Array; arg?: Uint8Array }): Promise<void> {
    const arg = options.arg ?? new Uint8Array(0);
    const install = installsInChunks(options.wasm, arg) ? this.subnet.installCodeInChunks.bind(this.subnet) : this.subnet.installCode.bind(this.subnet);
    const result = install(options.canisterId.toText(), options.sender.toText(), 'install', new Uint8Array(options.wasm), arg);
    if (!result.ok) throw rejectError(result.reject);
  }

  async queryCall(options: { canisterId: AnyPrincipal; sender: AnyPrincipal; method: string; arg: Uint8Array }): Promise<Uint8Array> {
    const result = this.subnet.query(options.sender.toText(), options.canisterId.toText(), options.method, options.arg);
    if (result.type === 'reject') throw rejectError(result.reject);
    return result.data;
  }

  async tick(times = 1): Promise<void> {
    for (let i = 0; i < times; i++) this.subnet.executeRound();
  }

  async advanceTime(milliseconds: number): Promise<void> {
    this.subnet.advanceTime(BigInt(milliseconds) / 1000n);
  }

  async addCycles(canisterId: AnyPrincipal, amount: bigint): Promise<bigint> {
    this.subnet.topUp(canisterId.toText(), amount);
    return this.subnet.canister(canisterId.toText())!.cycles;
  }

  async canisterStatus(options: { canisterId: AnyPrincipal }): Promise<{ status: Record<string, null> }> {
    const canister = this.subnet.canister(options.canisterId.toText());
    if (!canister || canister.deleted) throw new Error(`Canister call failed: Canister ${options.canisterId.toText()} not found. Reject code: 3. Error code: CanisterNotFound. Certified: true`);
    return { status: { [canister.status]: null } };
  }

  async tearDown(): Promise<void> {}
}
