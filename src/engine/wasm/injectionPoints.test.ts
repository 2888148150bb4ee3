import { describe, expect, it } from 'vitest';
import { computeInjectionPoints, createInjectionPoints, POINT } from './injectionPoints.ts';
import { opcodeKey } from './opcodes.ts';

const { reentrant: R, nonReentrant: NR, blockEnd: BE, dynamic: D } = POINT;

function points(names: string[]): (readonly number[])[] {
  const keys = Uint16Array.from(names.map(opcodeKey));
  const out = createInjectionPoints(2); // tiny, so growing is exercised
  computeInjectionPoints(keys, keys.length, out);
  return Array.from({ length: out.count }, (_, i) =>
    out.kind[i] === D ? [out.position[i], D] : [out.position[i], out.kind[i], out.cost[i]]);
}

describe('[wasm/injectionPoints] the replica\'s basic blocks', () => {
  it.each<[string, string[], (readonly number[])[]]>([
    ['an empty function still costs 1 (re-entrant entry)', ['end'], [[0, R, 1]]],
    ['straight-line code is one block', ['i32.const', 'drop', 'end'], [[0, R, 3]]],
    ['`block` does not split; its `end` does, and a 0-cost block is dropped',
      ['block', 'nop', 'end', 'end'], [[0, R, 2]]],
    ['a loop header is re-entrant; the code after `br` costs 0 and is dropped',
      ['loop', 'br', 'end', 'end'], [[0, R, 1], [1, R, 2]]],
    ['a 0-cost loop body is still injected (re-entrant)', ['loop', 'end', 'end'], [[0, R, 1], [1, R, 0]]],
    ['if / else: then-branch is non-re-entrant, else-branch is a block end',
      ['i32.const', 'if', 'nop', 'else', 'nop', 'end', 'end'], [[0, R, 4], [2, NR, 1], [4, BE, 1]]],
    ['br_if and br_table end blocks; their own cost stays in the block they end',
      ['i32.const', 'br_if', 'i32.const', 'br_table', 'nop', 'end'], [[0, R, 4], [2, BE, 3], [4, BE, 1]]],
    ['return and unreachable end blocks', ['nop', 'return', 'unreachable', 'end'], [[0, R, 3], [2, BE, 1]]],
    ['a bulk op gets a dynamic point before it; its static 100 stays in the block',
      ['i32.const', 'i32.const', 'i32.const', 'memory.fill', 'end'], [[0, R, 104], [3, D]]],
    ['a dynamic point at a block\'s first instruction precedes the block\'s static point',
      ['i32.const', 'br_if', 'memory.copy', 'nop', 'end'], [[0, R, 4], [2, D], [2, BE, 101]]],
    ['memory.init is dynamic too (and here it is the entry block\'s first instruction)', ['memory.init', 'end'], [[0, D], [0, R, 101]]],
  ])('%s', (_, names, expected) => {
    expect(points(names)).toEqual(expected);
  });
});
