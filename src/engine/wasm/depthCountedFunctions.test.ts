import { describe, expect, it } from 'vitest';
import type { CallGraph } from './callGraph.ts';
import { depthCountedFunctions, MAX_UNCOUNTED_FRAMES } from './depthCountedFunctions.ts';

/** A graph from `callees` (code indices), the functions with a `call_indirect`, and the table's functions. */
function graph(callees: number[][], indirect: number[] = [], targets: number[] = [], hostCalls: number[] = []): CallGraph {
  return {
    callees,
    callsIndirect: callees.map((_, f) => indirect.includes(f)),
    makesCalls: callees.map((c, f) => c.length > 0 || indirect.includes(f) || hostCalls.includes(f)),
    indirectTargets: targets,
  };
}

/** `length` functions, each calling the next: the longest acyclic chain there is. */
const chain = (length: number): number[][] => Array.from({ length }, (_, f) => (f + 1 < length ? [f + 1] : []));

const CASES: { name: string; graph: CallGraph; counted: number[] }[] = [
  { name: 'no calls', graph: graph([[], []]), counted: [0, 0] },
  { name: 'a call to a leaf', graph: graph([[1], []]), counted: [0, 0] },
  { name: 'a function calling itself', graph: graph([[0], []]), counted: [1, 0] },
  { name: 'two functions calling each other, one calling a leaf', graph: graph([[1], [0, 2], []]), counted: [1, 1, 0] },
  { name: 'a cycle below a non-recursive caller', graph: graph([[1], [2], [1]]), counted: [0, 1, 1] },
  { name: 'a call_indirect that can reach its own function', graph: graph([[], []], [0], [0]), counted: [1, 0] },
  { name: 'a call_indirect that can only reach a leaf', graph: graph([[], []], [0], [1]), counted: [0, 0] },
  { name: 'a cycle through the table and a direct call', graph: graph([[], [0]], [0], [1]), counted: [1, 1] },
  { name: 'a chain as long as the margin', graph: graph(chain(MAX_UNCOUNTED_FRAMES)), counted: Array(MAX_UNCOUNTED_FRAMES).fill(0) },
  {
    name: 'a chain longer than the margin: every function that calls counts',
    graph: graph(chain(MAX_UNCOUNTED_FRAMES + 1)),
    counted: [...Array(MAX_UNCOUNTED_FRAMES).fill(1), 0],
  },
  {
    name: 'chains split by a cycle add up',
    // 60 functions down to a self-recursive one, then 60 more below it: 120 uncounted frames on one stack.
    // Function 60 calls itself and 61; every other function f < 120 calls f + 1.
    graph: graph(Array.from({ length: 121 }, (_, f) => (f === 60 ? [60, 61] : f < 120 ? [f + 1] : []))),
    counted: [...Array(120).fill(1), 0],
  },
  {
    name: 'chains split by a cycle, each within the margin',
    graph: graph(Array.from({ length: 81 }, (_, f) => (f === 40 ? [40, 41] : f < 80 ? [f + 1] : []))),
    counted: Array.from({ length: 81 }, (_, f) => (f === 40 ? 1 : 0)),
  },
  { name: 'the fallback counts host calls too', graph: graph([...chain(MAX_UNCOUNTED_FRAMES + 1), []], [], [], [MAX_UNCOUNTED_FRAMES + 1]), counted: [...Array(MAX_UNCOUNTED_FRAMES).fill(1), 0, 1] },
];

describe('[wasm/depthCountedFunctions] which functions count against the call-depth budget', () => {
  it.each(CASES)('$name', ({ graph: g, counted }) => {
    expect([...depthCountedFunctions(g)]).toEqual(counted);
  });

  it('handles 100,000 functions in one cycle without recursing itself', () => {
    const n = 100_000;
    const ring = Array.from({ length: n }, (_, f) => [(f + 1) % n]);
    expect(depthCountedFunctions(graph(ring)).every((c) => c === 1)).toBe(true);
  });
});
