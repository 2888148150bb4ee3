/**
 * [wasm/engine-limits] A module V8 accepts as uploaded but not once instrumented is refused as a limit of the
 * playground, naming what the user's module has — never "Internal error: the instrumented module is not valid
 * WebAssembly" (issue 17, found by the fuzzing campaign: 100,000 imports). Modules just inside the limits still
 * prepare. Also: many types and many multi-value functions prepare without a quadratic search of the types.
 */
import { describe, expect, it } from 'vitest';
import { prepareCanisterModule } from './prepareCanisterModule.ts';

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}
const section = (id: number, payload: number[]): number[] => [id, ...leb(payload.length), ...payload];
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const name = (text: string): number[] => [...leb(text.length), ...Buffer.from(text)];
const module = (...sections: number[][]): Uint8Array => Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sections.flat()]);
const MEMORY = section(5, vec([[0x00, 1]]));
const EMPTY_TYPE = section(1, vec([[0x60, 0, 0]]));
const EMPTY_BODY = [2, 0, 0x0b];

/** `n` imports of `ic0.msg_reply`, a memory and one exported method. */
function imports(n: number): Uint8Array {
  const entry = [...name('ic0'), ...name('msg_reply'), 0x00, 0];
  return module(EMPTY_TYPE, section(2, [...leb(n), ...new Array(n).fill(entry).flat()]), section(3, vec([[0]])), MEMORY,
    section(7, vec([[...name("canister_update go"), 0x00, ...leb(n)]])), section(10, vec([EMPTY_BODY])));
}

/** One function exported `n` times under other names. */
function exports(n: number): Uint8Array {
  return module(EMPTY_TYPE, section(3, vec([[0]])), MEMORY,
    section(7, vec(Array.from({ length: n }, (_, i) => [...name(`f${i}`), 0x00, 0]))), section(10, vec([EMPTY_BODY])));
}

function types(n: number): Uint8Array {
  return module(section(1, [...leb(n), ...new Array(n).fill([0x60, 0, 0]).flat()]), MEMORY);
}

/** One function with `n` i32 locals. */
function locals(n: number): Uint8Array {
  const body = [1, ...leb(n), 0x7f, 0x0b];
  return module(EMPTY_TYPE, section(3, vec([[0]])), MEMORY, section(10, vec([[...leb(body.length), ...body]])));
}

describe('[wasm/engine-limits] modules at the limits of the playground\'s WebAssembly engine', () => {
  const refused = [
    { what: '99,997 imports (100,001 once instrumented)', bytes: () => imports(99_997), says: 'it has 99997 imports, and 100001 once instrumented, more than the 100000' },
    { what: '100,000 imports', bytes: () => imports(100_000), says: 'it has 100000 imports, and 100004 once instrumented' },
    { what: '99,995 exports (more than 100,000 once instrumented)', bytes: () => exports(99_995), says: 'it has 99995 exports' },
    { what: '999,999 types', bytes: () => types(999_999), says: 'it has 999999 types' },
  ];
  it.each(refused)('$what: refused as the playground\'s limit', ({ bytes, says }) => {
    const prepared = prepareCanisterModule(bytes());
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.error).toContain('Wasm module is too large for this playground');
    expect(prepared.error).toContain(says);
    expect(prepared.error).toContain('not of the Internet Computer');
    expect(prepared.error).not.toContain('Internal error');
  });

  const accepted = [
    { what: '99,996 imports', bytes: () => imports(99_996) },
    { what: '99,990 exports', bytes: () => exports(99_990) },
    { what: 'a function with 49,999 locals (metering adds none to a body without stores)', bytes: () => locals(49_999) },
  ];
  it.each(accepted)('$what: prepared', ({ bytes }) => {
    const prepared = prepareCanisterModule(bytes());
    expect(prepared.ok ? 'ok' : prepared.error).toBe('ok');
  });

  it('100,000 types and 5,000 functions returning two values prepare (the block types are found, not searched for)', () => {
    // Each multi-value body is wrapped in a block of type [] -> [i32 i32], found among the module's types or added.
    const typeEntries = [[0x60, 0, 2, 0x7f, 0x7f], ...new Array(99_999).fill([0x60, 0, 0])];
    const body = [0, 0x41, 0, 0x41, 0, 0x0b];
    const bytes = module(section(1, vec(typeEntries)), section(3, vec(new Array(5_000).fill([0]))), MEMORY,
      section(10, vec(new Array(5_000).fill([body.length, ...body]))));
    const prepared = prepareCanisterModule(bytes);
    expect(prepared.ok ? 'ok' : prepared.error).toBe('ok');
  });
});
