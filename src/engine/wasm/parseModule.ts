/**
 * Decodes a Wasm binary's sections into a `WasmModule`. Function bodies are not decoded here (see
 * `decodeFunctionBody.ts`); their byte ranges are recorded. Structural problems throw a
 * `CanisterModuleError` in the replica's "Failed to decode wasm module: …" form.
 */
import {
  createReader, decodeError, readName, readU32, readU8, skipLeb, type ByteReader,
} from './binaryReader.ts';
import { CanisterModuleError } from './canisterModuleError.ts';
import { readConstExpr } from './constExpr.ts';
import { readValType } from './readInstruction.ts';
import { readDataSegment, readElementSegment } from './readSegments.ts';
import {
  EXTERNAL_KIND, countImports, type Export, type FuncType, type Import, type ImportDesc, type Limits,
  type TableType, type WasmModule,
} from './wasmModule.ts';

/** Section id → required position; the tag section (13) sits between memory and global. */
const SECTION_ORDER: Readonly<Record<number, number>> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };
const GC_TYPES = 'typed function references and GC are not enabled on the Internet Computer';

function readVec<T>(r: ByteReader, readItem: (r: ByteReader, index: number) => T): T[] {
  const n = readU32(r);
  // Each item takes at least one byte: a count beyond the remaining bytes is malformed, not a huge array.
  if (n > r.end - r.pos) throw decodeError(r, 'a vector length exceeds the section size');
  const items: T[] = [];
  for (let i = 0; i < n; i++) items.push(readItem(r, i));
  return items;
}

/** u64 LEB as a JS number (approximate above 2^53; only used for memory64/table64 limits, which are refused). */
function readU64Approx(r: ByteReader): number {
  const start = r.pos;
  skipLeb(r, 10);
  let value = 0;
  for (let i = r.pos - 1; i >= start; i--) value = value * 128 + (r.bytes[i] & 0x7f);
  return value;
}

function readLimits(r: ByteReader): Limits {
  const flags = readU8(r);
  if (flags > 0x07) throw decodeError(r, `unsupported limits flags 0x${flags.toString(16)}`);
  const index64 = (flags & 0x04) !== 0;
  const read = index64 ? readU64Approx : readU32;
  const initial = read(r);
  const maximum = flags & 0x01 ? read(r) : null;
  return { initial, maximum, shared: (flags & 0x02) !== 0, index64 };
}

function readTableType(r: ByteReader): TableType {
  const refType = readU8(r);
  if (refType === 0x40) throw new CanisterModuleError(`Wasm module declares a table with an initializer, but ${GC_TYPES}.`);
  if (refType !== 0x70 && refType !== 0x6f) {
    r.pos--;
    readValType(r, 'a table type'); // refuses GC reference types by name
    throw decodeError(r, 'invalid table element type');
  }
  return { refType, limits: readLimits(r) };
}

function readFuncType(r: ByteReader, index: number): FuncType {
  const form = readU8(r);
  if (form !== 0x60) {
    if ([0x4e, 0x4f, 0x50, 0x5d, 0x5e, 0x5f].includes(form)) {
      throw new CanisterModuleError(`Wasm module declares a GC type (form 0x${form.toString(16)}) at type index ${index}, but ${GC_TYPES}.`);
    }
    throw decodeError(r, `invalid type form 0x${form.toString(16)} at type index ${index}`);
  }
  const where = `type ${index}`;
  const params = readVec(r, (rr) => readValType(rr, where));
  const results = readVec(r, (rr) => readValType(rr, where));
  return { params, results };
}

function readImport(r: ByteReader): Import {
  const module = readName(r);
  const name = readName(r);
  const kind = readU8(r);
  let desc: ImportDesc;
  switch (kind) {
    case 0: desc = { kind: 'func', typeIndex: readU32(r) }; break;
    case 1: desc = { kind: 'table', table: readTableType(r) }; break;
    case 2: desc = { kind: 'memory', limits: readLimits(r) }; break;
    case 3: desc = { kind: 'global', valType: readValType(r, `the import "${module}.${name}"`), mutable: readU8(r) === 1 }; break;
    case 4: readU8(r); readU32(r); desc = { kind: 'tag' }; break;
    default: throw decodeError(r, `invalid import kind ${kind}`);
  }
  return { module, name, desc };
}

function emptyModule(bytes: Uint8Array): WasmModule {
  return {
    bytes, sections: [], types: [], imports: [], functions: [], tables: [], memories: [], tagCount: 0, globals: [],
    exports: [], start: null, elements: [], dataCount: null, data: [], code: [], customs: [], codeSectionSize: 0,
  };
}

function checkHeader(bytes: Uint8Array): void {
  const magic = bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
  if (!magic) throw decodeError(null, 'the module does not start with the Wasm magic bytes \\0asm');
  if (bytes.length < 8) throw decodeError(null, 'the module is truncated in its header');
  if (bytes[4] === 0x0d && bytes[6] === 0x01) throw decodeError(null, 'this is a Wasm component, not a core module');
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw decodeError(null, `unsupported Wasm binary version ${bytes[4] | (bytes[5] << 8)}`);
  }
}

function readSectionPayload(m: WasmModule, id: number, r: ByteReader): void {
  switch (id) {
    case 1: m.types = readVec(r, readFuncType); break;
    case 2: m.imports = readVec(r, readImport); break;
    case 3: m.functions = readVec(r, readU32); break;
    case 4: m.tables = readVec(r, readTableType); break;
    case 5: m.memories = readVec(r, readLimits); break;
    case 13: m.tagCount = readU32(r); r.pos = r.end; break; // refused by validation; contents irrelevant
    case 6: m.globals = readVec(r, (rr, i) => {
      const valType = readValType(rr, `global ${i}`);
      const mutability = readU8(rr);
      if (mutability > 1) throw decodeError(rr, `invalid mutability of global ${i}`);
      return { valType, mutable: mutability === 1, init: readConstExpr(rr, `global ${i}`) };
    }); break;
    case 7: m.exports = readVec(r, (rr): Export => ({ name: readName(rr), kind: readU8(rr), index: readU32(rr) })); break;
    case 8: m.start = readU32(r); break;
    case 9: m.elements = readVec(r, readElementSegment); break;
    case 12: m.dataCount = readU32(r); break;
    case 10:
      m.codeSectionSize = r.end - r.pos;
      m.code = readVec(r, (rr) => {
        const size = readU32(rr);
        if (size > rr.end - rr.pos) throw decodeError(rr, 'a function body exceeds the code section');
        const start = rr.pos;
        rr.pos += size;
        return { start, end: rr.pos };
      });
      break;
    case 11: m.data = readVec(r, readDataSegment); break;
    default: throw decodeError(r, `unknown section id ${id}`);
  }
}

/** Checks that every index the validator and instrumenter will follow points at something. */
function checkIndices(m: WasmModule): void {
  const numTypes = m.types.length;
  for (const imp of m.imports) {
    if (imp.desc.kind === 'func' && imp.desc.typeIndex >= numTypes) throw decodeError(null, `the import "${imp.module}.${imp.name}" has an invalid type index`);
  }
  m.functions.forEach((t, i) => { if (t >= numTypes) throw decodeError(null, `function ${i} has an invalid type index`); });
  if (m.functions.length !== m.code.length) throw decodeError(null, 'the function and code sections have inconsistent lengths');
  const spaces = [
    countImports(m, 'func') + m.functions.length,
    countImports(m, 'table') + m.tables.length,
    countImports(m, 'memory') + m.memories.length,
    countImports(m, 'global') + m.globals.length,
    countImports(m, 'tag') + m.tagCount,
  ];
  const names = new Set<string>();
  for (const exp of m.exports) {
    if (exp.kind > EXTERNAL_KIND.tag || exp.index >= spaces[exp.kind]) throw decodeError(null, `the export "${exp.name}" refers to a missing item`);
    if (names.has(exp.name)) throw decodeError(null, `duplicate export name "${exp.name}"`);
    names.add(exp.name);
  }
  if (m.start !== null && m.start >= spaces[EXTERNAL_KIND.func]) throw decodeError(null, 'the start function does not exist');
}

/** Decodes `bytes` (raw Wasm) into a `WasmModule`. */
export function parseModule(bytes: Uint8Array): WasmModule {
  checkHeader(bytes);
  const m = emptyModule(bytes);
  const r = createReader(bytes, 8);
  let lastOrder = 0;
  while (r.pos < r.end) {
    const id = readU8(r);
    const size = readU32(r);
    if (size > r.end - r.pos) throw decodeError(r, `section ${id} extends past the end of the module`);
    const section = createReader(bytes, r.pos, r.pos + size);
    r.pos += size;
    if (id === 0) {
      const sectionStart = section.pos;
      const name = readName(section);
      m.sections.push({ id, start: sectionStart, end: section.end, customIndex: m.customs.length });
      m.customs.push({ name, payloadStart: section.pos, payloadEnd: section.end });
      continue;
    }
    const order = SECTION_ORDER[id];
    if (order === undefined) throw decodeError(section, `unknown section id ${id}`);
    if (order <= lastOrder) throw decodeError(section, `section ${id} is out of order or duplicated`);
    lastOrder = order;
    m.sections.push({ id, start: section.pos, end: section.end, customIndex: -1 });
    readSectionPayload(m, id, section);
    if (section.pos !== section.end) throw decodeError(section, `section ${id} has trailing bytes`);
  }
  checkIndices(m);
  return m;
}
