/**
 * Decodes one function body in a single linear pass into a reusable buffer of (opcode key, byte offset)
 * pairs. Validation (size, complexity, refused instructions) and instrumentation (cost injection) both
 * work from this buffer, so the body's bytes are decoded exactly once.
 */
import { createReader, decodeError, readU32 } from './binaryReader.ts';
import { OP } from './opcodes.ts';
import { readInstruction, readValType } from './readInstruction.ts';
import type { CodeBody } from './wasmModule.ts';

// Hot-loop aliases: module-local constants instead of imported bindings, which test-time transforms
// (vite SSR, tsx) turn into getter calls on every access.
const decodeInstruction = readInstruction;
const { block: BLOCK, loop: LOOP, if: IF, end: END } = OP;

/** Scratch arrays reused across bodies; `starts[count]` is the byte offset just past the last instruction. */
export interface InstructionBuffer {
  keys: Uint16Array;
  starts: Uint32Array;
  count: number;
}

export interface DecodedBody {
  /** Byte range of the locals declarations after their count (copied through unchanged). */
  localsStart: number;
  localsEnd: number;
  /** Number of local declaration entries (the vector length). */
  localDeclCount: number;
  /** Total number of declared locals (excluding parameters). */
  numLocals: number;
  /** Byte offset of the first instruction. */
  codeStart: number;
}

/** Wasm engines refuse more than 50,000 locals in one function (V8's and wasmtime's limit). */
const MAX_LOCALS = 50_000;

const DEFAULT_CAPACITY = 1024;

export function createInstructionBuffer(capacity = DEFAULT_CAPACITY): InstructionBuffer {
  return { keys: new Uint16Array(capacity), starts: new Uint32Array(capacity + 1), count: 0 };
}

/** Back to the default capacity, the larger arrays let go (on the same object: see `instrumentCodeSection.ts`). */
export function shrinkInstructionBuffer(buf: InstructionBuffer): void {
  buf.keys = new Uint16Array(DEFAULT_CAPACITY);
  buf.starts = new Uint32Array(DEFAULT_CAPACITY + 1);
  buf.count = 0;
}

function ensureCapacity(buf: InstructionBuffer, capacity: number): void {
  if (buf.keys.length >= capacity) return;
  let next = buf.keys.length * 2;
  while (next < capacity) next *= 2;
  buf.keys = new Uint16Array(next);
  buf.starts = new Uint32Array(next + 1);
}

/**
 * Decodes the body at `body` into `buf`. `codeIndex` is the body's position in the code section (the
 * index the replica's messages use). Throws `CanisterModuleError` on malformed or refused code.
 */
export function decodeFunctionBody(bytes: Uint8Array, body: CodeBody, codeIndex: number, buf: InstructionBuffer): DecodedBody {
  const r = createReader(bytes, body.start, body.end);
  const localDeclCount = readU32(r);
  const localsStart = r.pos;
  let numLocals = 0;
  for (let i = 0; i < localDeclCount; i++) {
    numLocals += readU32(r);
    if (numLocals > MAX_LOCALS) {
      throw decodeError(r, `the function at index ${codeIndex} declares more than ${MAX_LOCALS} locals`);
    }
    readValType(r, codeIndex);
  }
  const localsEnd = r.pos;
  const codeStart = r.pos;

  // Every instruction takes at least one byte, so this bounds the instruction count.
  ensureCapacity(buf, body.end - codeStart + 1);
  const { keys, starts } = buf;
  let n = 0;
  let depth = 0;
  let finished = false;
  while (r.pos < r.end) {
    starts[n] = r.pos;
    const key = decodeInstruction(r, codeIndex);
    keys[n++] = key;
    if (key === BLOCK || key === LOOP || key === IF) {
      depth++;
    } else if (key === END) {
      if (depth === 0) {
        finished = true; // the function's own `end`
        break;
      }
      depth--;
    }
  }
  if (!finished) {
    throw decodeError(r, `the function at index ${codeIndex} does not end with \`end\``);
  }
  if (r.pos !== r.end) throw decodeError(r, `the function at index ${codeIndex} has bytes after its final \`end\``);
  starts[n] = r.pos;
  buf.count = n;
  return { localsStart, localsEnd, localDeclCount, numLocals, codeStart };
}
