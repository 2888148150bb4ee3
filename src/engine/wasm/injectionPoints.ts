/**
 * Where metering code goes in a function body, exactly as the replica's `injections` + `inject_metering`
 * compute it (ic-reference.md §8.1; INSTR @ 002d5530):
 *
 * - A basic block starts at the function entry (re-entrant, starting with cost 1 "because even empty
 *   functions should consume at least some fuel"), after each `loop` (re-entrant), after each `if`
 *   (non-re-entrant), and after each `else`, `br`, `br_if`, `br_table`, `end`, `return`, `unreachable`.
 *   `block` does not start a new basic block.
 * - A block's cost is the sum of the static costs of its instructions, including the instruction that
 *   ends it; it is charged at the block's start.
 * - Blocks with cost 0 get no injection unless they are re-entrant.
 * - Bulk memory ops (`memory.fill/copy/init`) get a "dynamic" injection right before them that charges
 *   their size operand at run time (their static 100 stays in the surrounding block).
 *
 * Points are produced in the order the replica emits them (its stable sort by position: a dynamic point
 * at a block's first instruction precedes that block's static point).
 */
import { INSTRUCTION_COSTS_WASM32 } from './instructionCosts.ts';
import { OP } from './opcodes.ts';

// Hot-loop aliases: module-local constants instead of imported bindings, which test-time transforms
// (vite SSR, tsx) turn into getter calls on every access.
const DEFAULT_COSTS = INSTRUCTION_COSTS_WASM32;
const {
  loop: LOOP, if: IF, else: ELSE, br: BR, brIf: BR_IF, brTable: BR_TABLE, end: END, return: RETURN,
  unreachable: UNREACHABLE, returnCall: RETURN_CALL, returnCallIndirect: RETURN_CALL_INDIRECT,
  memoryFill: MEMORY_FILL, memoryCopy: MEMORY_COPY, memoryInit: MEMORY_INIT, tableFill: TABLE_FILL,
  tableCopy: TABLE_COPY, tableInit: TABLE_INIT,
} = OP;

export const POINT = {
  /** Function entry or loop header: charge, then call `out_of_instructions` if the counter is negative. */
  reentrant: 0,
  /** Start of an `if` branch. */
  nonReentrant: 1,
  /** After else/br/br_if/br_table/end/return/unreachable. */
  blockEnd: 2,
  /** Before a bulk memory op: charge its i32 size operand at run time. */
  dynamic: 3,
} as const;

/** Injection points of one body as parallel arrays (reused across bodies). */
export interface InjectionPoints {
  /** Instruction index the injection goes before. */
  position: Uint32Array;
  kind: Uint8Array;
  /** Static cost (unused for dynamic points). Float64 so huge blocks cannot wrap. */
  cost: Float64Array;
  count: number;
}

const DEFAULT_CAPACITY = 256;

export function createInjectionPoints(capacity = DEFAULT_CAPACITY): InjectionPoints {
  return { position: new Uint32Array(capacity), kind: new Uint8Array(capacity), cost: new Float64Array(capacity), count: 0 };
}

/** Back to the default capacity, the larger arrays let go (on the same object: see `instrumentCodeSection.ts`). */
export function shrinkInjectionPoints(p: InjectionPoints): void {
  p.position = new Uint32Array(DEFAULT_CAPACITY);
  p.kind = new Uint8Array(DEFAULT_CAPACITY);
  p.cost = new Float64Array(DEFAULT_CAPACITY);
  p.count = 0;
}

function push(p: InjectionPoints, position: number, kind: number, cost: number): void {
  if (p.count === p.position.length) {
    const cap = p.count * 2;
    const position2 = new Uint32Array(cap); position2.set(p.position); p.position = position2;
    const kind2 = new Uint8Array(cap); kind2.set(p.kind); p.kind = kind2;
    const cost2 = new Float64Array(cap); cost2.set(p.cost); p.cost = cost2;
  }
  p.position[p.count] = position;
  p.kind[p.count] = kind;
  p.cost[p.count] = cost;
  p.count++;
}

/**
 * Computes the kept injection points of the `count` instructions in `keys` into `out`. Dynamic points
 * found while a block is open are held back until the block's static point is emitted, so `out` ends up
 * sorted by position without a sort.
 */
export function computeInjectionPoints(
  keys: Uint16Array, count: number, out: InjectionPoints, costs: Uint16Array = DEFAULT_COSTS,
): void {
  out.count = 0;
  let blockStart = 0;
  let blockKind: number = POINT.reentrant;
  let blockCost = 1;
  const pendingDynamic: number[] = [];

  const closeBlock = (nextStart: number, nextKind: number): void => {
    let d = 0;
    // Dynamic points at the block's own first instruction sort before its static point (stable sort).
    while (d < pendingDynamic.length && pendingDynamic[d] === blockStart) push(out, pendingDynamic[d++], POINT.dynamic, 0);
    if (blockKind === POINT.reentrant || blockCost > 0) push(out, blockStart, blockKind, blockCost);
    while (d < pendingDynamic.length) push(out, pendingDynamic[d++], POINT.dynamic, 0);
    pendingDynamic.length = 0;
    blockStart = nextStart;
    blockKind = nextKind;
    blockCost = 0;
  };

  for (let i = 0; i < count; i++) {
    const key = keys[i];
    blockCost += costs[key];
    switch (key) {
      case LOOP:
        closeBlock(i + 1, POINT.reentrant);
        break;
      case IF:
        closeBlock(i + 1, POINT.nonReentrant);
        break;
      case ELSE: case BR: case BR_IF: case BR_TABLE: case END:
      case RETURN: case UNREACHABLE: case RETURN_CALL: case RETURN_CALL_INDIRECT:
        closeBlock(i + 1, POINT.blockEnd);
        break;
      case MEMORY_FILL: case MEMORY_COPY: case MEMORY_INIT:
      case TABLE_FILL: case TABLE_COPY: case TABLE_INIT:
        pendingDynamic.push(i);
        break;
      default:
        break;
    }
  }
  // The block after the function's final `end` is empty and never kept; only held dynamic points remain
  // (impossible in a valid body, whose last instruction is `end`).
  for (const position of pendingDynamic) push(out, position, POINT.dynamic, 0);
}
