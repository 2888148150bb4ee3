import { describe, expect, it } from 'vitest';
import { createInstructionBuffer, decodeFunctionBody } from './decodeFunctionBody.ts';
import { IMM, OPCODE_IMM, OPCODE_KEYS, OPCODE_NAMES, UNSUPPORTED_FEATURE } from './opcodes.ts';
import { parseModule } from './parseModule.ts';
import { wat } from './testSupport.ts';

/** The text of one instruction with sample immediates, by immediate layout. */
function sample(name: string, imm: number): string {
  switch (imm) {
    case IMM.blockType: return `${name} end`;
    case IMM.label: return `${name} 0`;
    case IMM.brTable: return `${name} 0 0`;
    case IMM.func: return `${name} 0`;
    case IMM.callIndirect: return `${name} (type 0)`;
    case IMM.local: case IMM.global: case IMM.data: case IMM.elem: return `${name} 0`;
    case IMM.table: return `${name} 0`;
    case IMM.i32: return `${name} -5`;
    case IMM.i64: return `${name} -5000000000`;
    case IMM.f32: case IMM.f64: return `${name} 1.5`;
    case IMM.selectT: return `${name} (result i32)`;
    case IMM.refNull: return `${name} func`;
    case IMM.dataMemory: case IMM.elemTable: return `${name} 0`;
    case IMM.v128: return `${name} i32x4 1 2 3 4`;
    case IMM.shuffle: return `${name} 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15`;
    case IMM.lane: return `${name} 1`;
    case IMM.memargLane: return `${name} offset=3 1`;
    case IMM.memarg: return `${name} offset=70000`;
    default: return name;
  }
}

async function decodeSample(text: string, features: Record<string, boolean> = {}): Promise<number[]> {
  const bytes = await wat(`(module (type (func)) (memory 1) (table 1 funcref) (global (mut i32) (i32.const 0))
    (data "x") (elem func 0) (func) (func (local i32) ${text}))`, features);
  const module = parseModule(bytes);
  const buf = createInstructionBuffer();
  decodeFunctionBody(bytes, module.code[1], 1, buf);
  return Array.from(buf.keys.subarray(0, buf.count));
}

/** `else` and `end` cannot stand alone; they are covered by the block and if/else cases. */
const supported = [...OPCODE_KEYS].filter(([name, key]) => OPCODE_IMM[key] !== IMM.unsupported && name !== 'else' && name !== 'end');

describe('[wasm/opcodes] every instruction decodes as wabt encodes it', () => {
  it('covers MVP, sign extension, sat-trunc, bulk memory, reference types and SIMD', () => {
    expect(supported.length).toBeGreaterThan(430);
  });

  it.each(supported)('%s', async (name, key) => {
    const keys = await decodeSample(sample(name, OPCODE_IMM[key]));
    const blockLike = OPCODE_IMM[key] === IMM.blockType;
    // The instruction, its own `end` for blocks, then the function's `end`: nothing more, nothing less.
    expect(keys).toEqual(blockLike ? [key, 0x0b, 0x0b] : [key, 0x0b]);
    expect(OPCODE_NAMES[key]).toBe(name);
  });

  it('decodes if/else/end', async () => {
    expect(await decodeSample('i32.const 1 if nop else nop end')).toEqual([0x41, 0x04, 0x01, 0x05, 0x01, 0x0b, 0x0b]);
  });

  it('decodes the typed select (0x1c) as its own key', async () => {
    expect(await decodeSample('select (result i32)')).toEqual([0x1c, 0x0b]);
  });

  it('decodes a multi-value block type (a type index)', async () => {
    const keys = await decodeSample('(block (param i32) (result i32) nop) drop', {});
    expect(keys[0]).toBe(0x02);
  });
});

describe('[wasm/opcodes] refused proposals are named', () => {
  it.each([
    ['return_call 0', { tail_call: true }, 'return_call (tail calls are not enabled'],
    ['return_call_indirect (type 0)', { tail_call: true }, 'return_call_indirect (tail calls'],
    ['v128.const i32x4 0 0 0 0 i8x16.relaxed_swizzle', { relaxed_simd: true }, 'i8x16.relaxed_swizzle (relaxed SIMD'],
    ['i32.const 0 i32.atomic.load', { threads: true }, 'atomics'],
  ])('%s', async (text, features, message) => {
    await expect(decodeSample(text, features)).rejects.toThrow(message);
  });

  it('lists every relaxed SIMD instruction as unsupported', () => {
    const relaxed = [...UNSUPPORTED_FEATURE].filter(([, why]) => why.includes('relaxed SIMD'));
    expect(relaxed).toHaveLength(20);
  });
});
