import { describe, expect, it } from 'vitest';
import { createReader, readU32, readU8 } from './binaryReader.ts';
import { BRANCH_HINT_SECTION } from './branchHints.ts';
import { parseModule } from './parseModule.ts';
import { prepared, wat } from './testSupport.ts';

/** The section's hints as `[function index, offset, value]`, and the instrumented module they point into. */
async function hintsOf(body: string): Promise<{ hints: [number, number, number][]; bytes: Uint8Array; firstBody: number }> {
  const module = parseModule(prepared(await wat(`(module ${body})`)).instrumented);
  const custom = module.customs.find((c) => c.name === BRANCH_HINT_SECTION);
  const hints: [number, number, number][] = [];
  if (custom) {
    const r = createReader(module.bytes, custom.payloadStart, custom.payloadEnd);
    for (let f = readU32(r); f > 0; f--) {
      const index = readU32(r);
      for (let n = readU32(r); n > 0; n--) {
        const offset = readU32(r);
        expect(readU32(r)).toBe(1); // hint size
        hints.push([index, offset, readU8(r)]);
      }
    }
  }
  const firstBody = module.imports.filter((i) => i.desc.kind === 'func').length;
  return { hints, bytes: module.bytes, firstBody };
}

interface HintCase {
  name: string;
  body: string;
  /** Function index (in the instrumented module) of each hint, in order. */
  functions: number[];
}

// Function indices: the 4 injected imports come first, then the module's imports, then its functions.
const CASES: HintCase[] = [
  { name: 'function entry: the out-of-instructions check', body: '(func)', functions: [4] },
  { name: 'entry and a loop header', body: '(func (loop))', functions: [4, 4] },
  {
    name: 'a store in a loop adds the inline barrier\'s call to the mark function (after a module import)',
    body: '(import "ic0" "msg_reply" (func)) (memory 1) (func (loop i32.const 0 i32.const 1 i32.store))',
    functions: [5, 5, 5],
  },
  {
    name: 'a store outside every loop calls the outlined barrier: nothing to hint in the body',
    body: '(import "ic0" "msg_reply" (func)) (memory 1) (func i32.const 0 i32.const 1 i32.store)',
    functions: [5],
  },
  { name: 'two functions, each with its entry check', body: '(func) (func (loop))', functions: [4, 5, 5] },
  { name: 'a function that can recurse adds the call-depth check', body: '(func) (func call 1)', functions: [4, 5, 5] },
  { name: 'a function that calls one that cannot recurse has no call-depth check', body: '(func) (func call 0)', functions: [4, 5] },
];

describe('[wasm/branchHints] the injected checks\' rare branches are hinted unlikely', () => {
  it.each(CASES)('$name', async ({ body, functions }) => {
    const { hints, bytes, firstBody } = await hintsOf(body);
    expect(hints.map(([f]) => f)).toEqual(functions);
    const module = parseModule(bytes);
    for (const [index, offset, value] of hints) {
      expect(value).toBe(0); // likely false
      const code = module.code[index - firstBody];
      expect(bytes[code.start + offset]).toBe(0x04); // each offset is an `if`, counted from the body's start
    }
  });

  it('a module without functions gets no section', async () => {
    expect((await hintsOf('')).hints).toEqual([]);
  });
});
