/**
 * Test-only helpers for `src/engine/wasm` tests: WAT → bytes with wabt, hand-made binary sections, and
 * instantiating a prepared module with stub `ic0` and `__` imports. Not imported by engine code (wabt is
 * a test tool here).
 */
import { IC0_SIGNATURES } from '../systemApi/ic0Signatures.ts';
import {
  COUNTER_EXPORT, DIRTY_LAST_EXPORT, DIRTY_MARKER_EXPORT, DIRTY_PAGES_EXPORT, DIRTY_PREVIOUS_EXPORT, prepareCanisterModule,
  type PreparedModule,
} from './prepareCanisterModule.ts';
import { fastModuleBytes } from './fastModule.ts';
import { MEMORY_EXPORT } from './planExports.ts';

type WabtFactory = typeof import('wabt');
type Wabt = Awaited<ReturnType<WabtFactory>>;
let wabtPromise: Promise<Wabt> | null = null;

/** Features the IC enables (ic-reference.md §2.3), plus extras tests switch on to produce refused modules. */
export const IC_FEATURES = {
  bulk_memory: true, reference_types: true, simd: true, multi_value: true, sign_extension: true,
  sat_float_to_int: true, mutable_globals: true,
};

export async function wat(text: string, extraFeatures: Record<string, boolean> = {}): Promise<Uint8Array> {
  // `wabt` is CommonJS (`export =`): at run time the factory is the namespace's `default`.
  wabtPromise ??= import('wabt').then((m) => (m as unknown as { default: WabtFactory }).default());
  const wabt = await wabtPromise;
  // The trailing NUL avoids a stray byte in wabt's messages (TOOLCHAIN.md).
  const module = wabt.parseWat('test.wat\0', text, { ...IC_FEATURES, ...extraFeatures });
  try {
    return module.toBinary({ write_debug_names: true }).buffer.slice();
  } finally {
    module.destroy();
  }
}

/** The text of `bytes` (wabt's `wasm2wat`, names generated: `$__dirty_last`, `$f12`, …), for tests of code shapes. */
export async function wasmText(bytes: Uint8Array): Promise<string> {
  wabtPromise ??= import('wabt').then((m) => (m as unknown as { default: WabtFactory }).default());
  const module = (await wabtPromise).readWasm(bytes, IC_FEATURES);
  try {
    module.generateNames();
    module.applyNames();
    return module.toText({ foldExprs: false });
  } finally {
    module.destroy();
  }
}

export function prepared(bytes: Uint8Array): PreparedModule {
  const result = prepareCanisterModule(bytes);
  if (!result.ok) throw new Error(`prepareCanisterModule refused the module: ${result.error}`);
  return result.module;
}

/** Unsigned LEB128, for hand-made modules. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function section(id: number, payload: number[] | Uint8Array): Uint8Array {
  const header = [id, ...leb(payload.length)];
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out;
}

export function nameBytes(name: string): number[] {
  const encoded = new TextEncoder().encode(name);
  return [...leb(encoded.length), ...encoded];
}

export function moduleBytes(...sections: Uint8Array[]): Uint8Array {
  const total = 8 + sections.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(total);
  out.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  let pos = 8;
  for (const s of sections) {
    out.set(s, pos);
    pos += s.length;
  }
  return out;
}

/** Appends a custom section to a module. */
export function withCustomSection(bytes: Uint8Array, name: string, payload: number[] = []): Uint8Array {
  return moduleBytes(bytes.subarray(8), section(0, [...nameBytes(name), ...payload]));
}

export interface Harness {
  exports: Record<string, unknown>;
  /** The instance's memory (the fast module's is made here and imported: `fastPath.ts`); null without one. */
  memory: WebAssembly.Memory | null;
  counter: WebAssembly.Global;
  outOfInstructionsCalls: number;
  growCalls: [number, number][];
  /** Pages passed to `mark_dirty_page`, in call order (all executions since instantiation). */
  dirtyPageCalls: number[];
  /** `[dst, len]` passed to `mark_dirty_range` (as unsigned numbers). */
  dirtyRangeCalls: [number, number][];
  /** The host's end-of-execution duty: clear the table entries of every reported page, `__dirty_last/previous` = -1. */
  resetDirtyPages(): void;
  /** Calls an export with the counter set to `budget`; returns its result and the instructions used. */
  run(name: string, args?: unknown[], budget?: bigint): { result: unknown; used: bigint };
}

function zeroFor(results: readonly string[]): unknown {
  return results[0] === 'i64' ? 0n : results.length > 0 ? 0 : undefined;
}

/** Instantiates a prepared module with stub ic0 functions (returning zeros) unless overridden. */
export async function instantiate(
  module: PreparedModule,
  overrides: {
    ic0?: Record<string, (...args: never[]) => unknown>; env?: Record<string, unknown>; outOfInstructions?: () => void;
    /** Called from `mark_dirty_page` after the call is recorded. */
    markDirtyPage?: (page: number) => void;
    /** Leave `__dirty_marker` null instead of setting it (a host that forgot to). */
    noMarker?: boolean;
    /** Instantiate the module's fast module (`fastPath.ts`) instead, on a memory of its own of the module's size. */
    fast?: boolean;
  } = {},
): Promise<Harness> {
  const ic0: Record<string, unknown> = {};
  for (const name of module.info.ic0Imports) {
    ic0[name] = overrides.ic0?.[name] ?? (() => zeroFor(IC0_SIGNATURES[name].results.map((t) => (t === 'I' ? 'i32' : t))));
  }
  const harness = {
    outOfInstructionsCalls: 0, growCalls: [] as [number, number][], dirtyPageCalls: [] as number[],
    dirtyRangeCalls: [] as [number, number][],
  } as Harness;
  const imports = {
    ic0,
    env: overrides.env ?? {},
    __: {
      out_of_instructions: () => {
        harness.outOfInstructionsCalls++;
        (overrides.outOfInstructions ?? (() => { throw new Error('out of instructions'); }))();
      },
      try_grow_wasm_memory: (previous: number, delta: number) => {
        harness.growCalls.push([previous, delta]);
        return previous;
      },
      mark_dirty_page: (page: number) => {
        harness.dirtyPageCalls.push(page);
        overrides.markDirtyPage?.(page);
      },
      mark_dirty_range: (dst: number, len: number) => { harness.dirtyRangeCalls.push([dst >>> 0, len >>> 0]); },
    },
  } as WebAssembly.Imports;
  const memory = overrides.fast && module.info.memory
    ? new WebAssembly.Memory({ initial: module.info.memory.initialPages, maximum: module.info.memory.maximumPages ?? undefined })
    : null;
  if (memory) Object.assign(module.info.memory!.imported ? imports.env : imports.__, { memory });
  const bytes = overrides.fast ? fastModuleBytes(module) : module.instrumented;
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, imports);
  harness.exports = instance.exports as Record<string, unknown>;
  harness.memory = memory ?? (instance.exports[MEMORY_EXPORT] as WebAssembly.Memory | undefined) ?? null;
  harness.counter = instance.exports[COUNTER_EXPORT] as WebAssembly.Global;
  const dirtyPages = instance.exports[DIRTY_PAGES_EXPORT] as WebAssembly.Table | undefined;
  const dirtyLast = instance.exports[DIRTY_LAST_EXPORT] as WebAssembly.Global | undefined;
  const dirtyPrevious = instance.exports[DIRTY_PREVIOUS_EXPORT] as WebAssembly.Global | undefined;
  const marker = instance.exports[DIRTY_MARKER_EXPORT] as WebAssembly.Global | undefined;
  if (marker && !overrides.noMarker) marker.value = {};
  harness.resetDirtyPages = () => {
    for (const page of harness.dirtyPageCalls) dirtyPages?.set(page, null);
    if (dirtyLast) dirtyLast.value = -1;
    if (dirtyPrevious) dirtyPrevious.value = -1;
  };
  harness.run = (name, args = [], budget = 1_000_000_000n) => {
    harness.counter.value = budget;
    const fn = harness.exports[name] as (...a: unknown[]) => unknown;
    const result = fn(...args);
    return { result, used: budget - (harness.counter.value as bigint) };
  };
  return harness;
}

/** A small deterministic PRNG (mulberry32) for fuzz tests. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
