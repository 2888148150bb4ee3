/**
 * Which functions count against the call-depth budget (`callDepth.ts`). The budget exists to make a runaway
 * recursion trap at the same instruction in every runner, and only a function that can be on the stack twice can
 * make the stack grow without bound: one on a cycle of the call graph. Every other function adds at most one frame
 * per path through the graph's acyclic part, so the stack stays within the budget plus that path's length, whatever
 * runs below the engine. Leaving them out keeps the depth bookkeeping (a global read, add, write and test at entry,
 * and again at exit) out of the small non-recursive helpers that hot loops call (BENCHMARKS.md, issue #5).
 *
 * `call_indirect` may reach any function a table can hold: every function named by an element segment, a
 * `ref.func` in code or a global's initialiser. Calls to imports are host calls, which never call back into Wasm.
 *
 * If the longest chain of uncounted frames could exceed `MAX_UNCOUNTED_FRAMES` (a module built as one long chain
 * of distinct functions), every function that makes a call is counted instead, as a leaf still adds one frame.
 */
import type { CallGraph } from './callGraph.ts';

/**
 * Frames the uncounted functions may add on top of the budget, at most. V8's stack holds several times
 * `maxCallDepth` (params.ts) frames of ordinary size; this keeps the margin.
 */
export const MAX_UNCOUNTED_FRAMES = 100;

/** 1 for each function (code index) that counts against the budget, else 0. */
export function depthCountedFunctions(graph: CallGraph): Uint8Array {
  const n = graph.callees.length;
  const { component, order } = stronglyConnectedComponents(graph);
  const counted = new Uint8Array(n);
  const size = new Int32Array(order.length);
  for (let v = 0; v < n; v++) size[component[v]]++;
  for (let v = 0; v < n; v++) {
    const selfLoop = graph.callees[v].includes(v);
    // The indirect node (index n) is on the cycle too when a function reaches itself through a table.
    const onCycle = size[component[v]] > 1 || component[v] === component[n] || selfLoop;
    if (onCycle) counted[v] = 1;
  }
  if (longestUncountedChain(graph, component, order.length, counted) <= MAX_UNCOUNTED_FRAMES) return counted;
  for (let v = 0; v < n; v++) counted[v] = graph.makesCalls[v] ? 1 : 0;
  return counted;
}

/** The graph's edges from node `v`, where node `n` stands for "whatever a `call_indirect` reaches". */
function successors(graph: CallGraph, v: number): number[] {
  const n = graph.callees.length;
  if (v === n) return graph.indirectTargets;
  return graph.callsIndirect[v] ? [...graph.callees[v], n] : graph.callees[v];
}

/**
 * Tarjan's algorithm, iterative (a module may hold tens of thousands of functions). Components are numbered in
 * the order they complete, which is a reverse topological order: every edge leads to an equal or lower number.
 */
function stronglyConnectedComponents(graph: CallGraph): { component: Int32Array; order: number[] } {
  const nodes = graph.callees.length + 1;
  const index = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  const component = new Int32Array(nodes).fill(-1);
  const onStack = new Uint8Array(nodes);
  const stack: number[] = [];
  const order: number[] = [];
  let next = 0;
  for (let root = 0; root < nodes; root++) {
    if (index[root] !== -1) continue;
    const work: { v: number; edges: number[]; i: number }[] = [{ v: root, edges: successors(graph, root), i: 0 }];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.edges.length) {
        const w = frame.edges[frame.i++];
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, edges: successors(graph, w), i: 0 });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v], index[w]);
        }
        continue;
      }
      work.pop();
      const v = frame.v;
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] !== index[v]) continue;
      const id = order.length;
      order.push(v);
      let w: number;
      do {
        w = stack.pop() as number;
        onStack[w] = 0;
        component[w] = id;
      } while (w !== v);
    }
  }
  return { component, order };
}

/**
 * The most uncounted frames one stack can hold: the longest path through the component graph, each uncounted
 * function weighing one frame and each counted component (already bounded by the budget) none.
 */
function longestUncountedChain(graph: CallGraph, component: Int32Array, components: number, counted: Uint8Array): number {
  const n = graph.callees.length;
  const weight = new Int32Array(components);
  for (let v = 0; v < n; v++) if (!counted[v]) weight[component[v]] = 1;
  // Members of each component, so a component's successors can be found from its functions' edges.
  const members: number[][] = Array.from({ length: components }, () => []);
  for (let v = 0; v <= n; v++) members[component[v]].push(v);
  const longest = new Int32Array(components);
  let most = 0;
  // Components complete callee-first (`stronglyConnectedComponents`), so each successor is already done.
  for (let c = 0; c < components; c++) {
    let below = 0;
    for (const v of members[c]) {
      for (const w of successors(graph, v)) {
        if (component[w] !== c) below = Math.max(below, longest[component[w]]);
      }
    }
    longest[c] = weight[c] + below;
    most = Math.max(most, longest[c]);
  }
  return most;
}
