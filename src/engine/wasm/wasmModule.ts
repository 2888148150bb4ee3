/**
 * The decoded shape of a Wasm module, as plain data. Only what validation and instrumentation need is
 * decoded; everything else is kept as byte ranges into `bytes` so it can be copied through unchanged.
 */

/** Value types by their binary encoding. */
export const VALTYPE = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
} as const;

export function isValType(b: number): boolean {
  return (b >= 0x7b && b <= 0x7f) || b === 0x70 || b === 0x6f;
}

/** The name the replica's error messages use for a value type (Rust `Debug` of wasmparser's `ValType`). */
export function valTypeName(b: number): string {
  switch (b) {
    case VALTYPE.i32: return 'I32';
    case VALTYPE.i64: return 'I64';
    case VALTYPE.f32: return 'F32';
    case VALTYPE.f64: return 'F64';
    case VALTYPE.v128: return 'V128';
    case VALTYPE.funcref: return 'funcref';
    case VALTYPE.externref: return 'externref';
    default: return `0x${b.toString(16)}`;
  }
}

export interface FuncType {
  params: number[];
  results: number[];
}

export interface Limits {
  initial: number;
  maximum: number | null;
  /** Limits flag bits: 0x02 shared (threads), 0x04 64-bit index (memory64 / table64). */
  shared: boolean;
  index64: boolean;
}

export interface TableType {
  refType: number;
  limits: Limits;
}

export type ImportDesc =
  | { kind: 'func'; typeIndex: number }
  | { kind: 'table'; table: TableType }
  | { kind: 'memory'; limits: Limits }
  | { kind: 'global'; valType: number; mutable: boolean }
  | { kind: 'tag' };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
}

/** A constant expression: a single instruction followed by `end` (the replica supports nothing longer). */
export interface ConstExpr {
  /** Byte range of the whole expression, including the final `end`. */
  start: number;
  end: number;
  /** Opcode key of the instruction (see `opcodes.ts`). */
  op: number;
  /** Immediate: the value for i32.const, the index for ref.func / global.get, else 0. */
  value: number;
}

export interface Global {
  valType: number;
  mutable: boolean;
  init: ConstExpr;
}

export const EXTERNAL_KIND = { func: 0, table: 1, memory: 2, global: 3, tag: 4 } as const;

export interface Export {
  name: string;
  kind: number;
  index: number;
}

export interface ElementSegment {
  /** The segment's flags field (0–7), which fixes its binary layout. */
  flags: number;
  tableIndex: number;
  /** Offset expression for active segments, else null. */
  offset: ConstExpr | null;
  /** The elemkind (flags 1–3) or reftype (flags 5–7) byte; 0x70 when implicit. */
  typeByte: number;
  /** Function indices (flags 0–3) or expressions (flags 4–7). */
  funcIndices: number[] | null;
  exprs: ConstExpr[] | null;
}

export interface DataSegment {
  active: boolean;
  memoryIndex: number;
  offset: ConstExpr | null;
  dataStart: number;
  dataEnd: number;
}

/** A function body's byte range in `bytes` (after its size prefix). */
export interface CodeBody {
  start: number;
  end: number;
}

export interface CustomSection {
  name: string;
  /** Contents after the name. */
  payloadStart: number;
  payloadEnd: number;
}

export interface Section {
  id: number;
  /** Payload byte range (after id and size; for custom sections this includes the name). */
  start: number;
  end: number;
  /** For custom sections (id 0), the index into `customs`. */
  customIndex: number;
}

export interface WasmModule {
  bytes: Uint8Array;
  sections: Section[];
  types: FuncType[];
  imports: Import[];
  /** Type index of each defined (non-imported) function. */
  functions: number[];
  tables: TableType[];
  memories: Limits[];
  /** Number of tags (exception handling) declared in a tag section. */
  tagCount: number;
  globals: Global[];
  exports: Export[];
  start: number | null;
  elements: ElementSegment[];
  dataCount: number | null;
  data: DataSegment[];
  code: CodeBody[];
  customs: CustomSection[];
  /** Payload size of the code section in bytes (0 without one). */
  codeSectionSize: number;
}

export function countImports(module: WasmModule, kind: ImportDesc['kind']): number {
  let n = 0;
  for (const imp of module.imports) if (imp.desc.kind === kind) n++;
  return n;
}

/** The type of function `index` in the function index space (imports first). */
export function functionType(module: WasmModule, index: number): FuncType | undefined {
  let importIndex = 0;
  for (const imp of module.imports) {
    if (imp.desc.kind !== 'func') continue;
    if (importIndex === index) return module.types[imp.desc.typeIndex];
    importIndex++;
  }
  const typeIndex = module.functions[index - importIndex];
  return typeIndex === undefined ? undefined : module.types[typeIndex];
}
