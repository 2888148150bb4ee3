/**
 * A live instance of a canister's module: the WebAssembly instance, its memory, instruction counter and
 * persistent globals, and the canister's stable memory. It implements the System API's host environment.
 * A class because it owns things with a lifetime (a compiled module and instance); everything about the
 * canister that is plain data lives in `CanisterState`.
 */
import { COUNTER_EXPORT, MEMORY_EXPORT, type PreparedModule } from '../wasm/prepareCanisterModule.ts';
import { ErrorCode, trapSignal, type TrapSignal } from '../errors.ts';
import type { SubnetConfig } from '../params.ts';
import type { ExecutionContext } from '../execution/executionContext.ts';
import type { HostEnv } from '../systemApi/hostEnv.ts';
import { createSystemApiImports } from '../systemApi/createSystemApiImports.ts';
import type { Ic0HandlerTable } from '../systemApi/handlers/handlerTypes.ts';
import { classifyTrap } from '../execution/classifyTrap.ts';
import { StableMemory, WASM_PAGE_BYTES } from './stableMemory.ts';

/** What `invoke` reports: instructions used and the trap, if any. */
export interface InvokeResult {
  readonly instructions: bigint;
  readonly trap: TrapSignal | null;
}

/** Heap state to roll back to: memory bytes, page count and persistent global values. */
export interface HeapSnapshot {
  readonly bytes: Uint8Array;
  readonly globals: readonly (number | bigint | null)[];
}

export class CanisterRuntime implements HostEnv {
  private instance!: WebAssembly.Instance;
  private memory: WebAssembly.Memory | null = null;
  private view = new Uint8Array(0);
  private counter!: WebAssembly.Global;
  private globals: WebAssembly.Global[] = [];
  private current: ExecutionContext | null = null;
  private budget = 0n;

  constructor(
    readonly prepared: PreparedModule,
    private readonly compiled: WebAssembly.Module,
    readonly stable: StableMemory,
    readonly config: SubnetConfig,
    private readonly extraHandlers: Ic0HandlerTable = {},
  ) {
    this.instantiate();
  }

  /** Compiles a prepared module (synchronously: the engine runs in a worker or in Node). */
  static compile(prepared: PreparedModule): WebAssembly.Module {
    return new WebAssembly.Module(prepared.instrumented as Uint8Array<ArrayBuffer>);
  }

  // ---- HostEnv ----
  ctx(): ExecutionContext {
    if (!this.current) throw new Error('engine invariant violated: System API called outside an execution');
    return this.current;
  }

  memoryBytes(): Uint8Array {
    if (!this.memory) return this.view;
    if (this.view.buffer !== this.memory.buffer) this.view = new Uint8Array(this.memory.buffer);
    return this.view;
  }

  charge(instructions: bigint): void {
    if (instructions === 0n) return;
    const left = (this.counter.value as bigint) - instructions;
    this.counter.value = left;
    if (left < 0n) this.outOfInstructions();
  }

  instructionsUsed(): bigint {
    const used = this.budget - (this.counter.value as bigint);
    return used > this.budget ? this.budget : used;
  }

  // ---- execution ----
  hasExport(name: string): boolean {
    return typeof this.instance.exports[name] === 'function';
  }

  /** Runs one export with `budget` instructions in `ctx`. Never throws for anything the canister does. */
  invoke(exportName: string, ctx: ExecutionContext, budget: bigint): InvokeResult {
    const fn = this.instance.exports[exportName] as () => void;
    this.current = ctx;
    this.budget = budget;
    this.counter.value = budget;
    let trap: TrapSignal | null = null;
    try {
      fn();
    } catch (error) {
      trap = classifyTrap(error);
    } finally {
      this.current = null;
    }
    const used = trap?.code === ErrorCode.CanisterInstructionLimitExceeded ? budget : this.instructionsUsed();
    return { instructions: used, trap };
  }

  wasmMemoryBytes(): bigint {
    return this.memory ? BigInt(this.memory.buffer.byteLength) : 0n;
  }

  /** Bytes of the persistent globals, billed as `global_memory_size` (8 bytes each is the replica's measure). */
  globalsBytes(): bigint {
    return BigInt(this.globals.length * 8);
  }

  takeSnapshot(): HeapSnapshot {
    return {
      bytes: this.memory ? new Uint8Array(this.memory.buffer).slice() : new Uint8Array(0),
      globals: this.globals.map(readGlobal),
    };
  }

  /** Restores heap and globals; re-instantiates when memory grew, since Wasm memory cannot shrink. */
  restoreSnapshot(snapshot: HeapSnapshot): void {
    if (this.memory && this.memory.buffer.byteLength !== snapshot.bytes.length) {
      this.instantiate();
      const missingPages = (snapshot.bytes.length - this.memory.buffer.byteLength) / WASM_PAGE_BYTES;
      if (missingPages > 0) this.memory.grow(missingPages);
    }
    if (this.memory) new Uint8Array(this.memory.buffer).set(snapshot.bytes);
    this.globals.forEach((global, i) => {
      const value = snapshot.globals[i];
      if (value !== null) global.value = value;
    });
  }

  private outOfInstructions(): never {
    throw trapSignal(
      ErrorCode.CanisterInstructionLimitExceeded,
      `Canister exceeded the limit of ${this.budget} instructions for single message execution.`,
    );
  }

  /** Called by instrumented code after every `memory.grow` (the replica's `try_grow_wasm_memory`). */
  private tryGrowWasmMemory(previousPages: number, deltaPages: number): number {
    if (previousPages === -1 || !this.current) return previousPages;
    const ctx = this.current;
    const newBytes = BigInt(previousPages + (deltaPages >>> 0)) * BigInt(WASM_PAGE_BYTES);
    if (ctx.enforceWasmMemoryLimit && ctx.wasmMemoryLimit > 0n && newBytes > ctx.wasmMemoryLimit) {
      throw trapSignal(
        ErrorCode.CanisterWasmMemoryLimitExceeded,
        `Canister exceeded its current Wasm memory limit of ${ctx.wasmMemoryLimit} bytes. The peak Wasm memory usage was ${newBytes} bytes. ` +
          'If the canister reaches 4GiB, then it may stop functioning and may become unrecoverable. ' +
          'Please reach out to the canister owner to investigate the reason for the increased memory usage. ' +
          'It might be necessary to move data from the Wasm memory to the stable memory. ' +
          'If such high Wasm memory usage is expected and safe, then the developer can increase the Wasm memory limit in the canister settings.',
      );
    }
    return previousPages;
  }

  private instantiate(): void {
    const info = this.prepared.info;
    const imports: WebAssembly.Imports = {
      ic0: createSystemApiImports(this, info.ic0Imports, this.extraHandlers),
      __: {
        out_of_instructions: () => this.outOfInstructions(),
        try_grow_wasm_memory: (previous: number, delta: number) => this.tryGrowWasmMemory(previous, delta),
      },
    };
    const env: Record<string, WebAssembly.ExportValue> = {};
    if (info.memory?.imported) {
      env.memory = new WebAssembly.Memory({ initial: info.memory.initialPages, maximum: info.memory.maximumPages ?? undefined });
    }
    if (info.importsTable) {
      env.table = new WebAssembly.Table({ element: 'anyfunc', initial: info.importsTable.initial, maximum: info.importsTable.maximum ?? undefined });
    }
    if (Object.keys(env).length > 0) imports.env = env;
    this.instance = new WebAssembly.Instance(this.compiled, imports);
    const exports = this.instance.exports;
    this.memory = (exports[MEMORY_EXPORT] as WebAssembly.Memory | undefined) ?? null;
    this.view = this.memory ? new Uint8Array(this.memory.buffer) : new Uint8Array(0);
    this.counter = exports[COUNTER_EXPORT] as WebAssembly.Global;
    this.globals = info.persistentGlobals.map((name) => exports[name] as WebAssembly.Global);
  }
}

/** v128 globals cannot be read from JavaScript; they are left as they are (see docs/ENGINE.md). */
function readGlobal(global: WebAssembly.Global): number | bigint | null {
  try {
    return global.value as number | bigint;
  } catch {
    return null;
  }
}

export { StableMemory };
