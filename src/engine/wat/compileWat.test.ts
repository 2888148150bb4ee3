import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWat, initWat, type SourceDiagnostic } from './compileWat.ts';
import { MAX_WAT_NESTING } from './findExcessiveNesting.ts';

beforeAll(() => initWat());

const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function errorsOf(source: string): SourceDiagnostic[] {
  const result = compileWat(source);
  if (result.ok) throw new Error(`expected errors, got ${result.wasm.length} bytes of Wasm`);
  return result.errors;
}

describe('compileWat: valid sources', () => {
  it.each([
    ['an empty module', '(module)'],
    ['an empty source (the text format allows a module of no fields)', ''],
    ['a canister method', '(module (func (export "canister_update inc")))'],
    ['an ic0 import', '(module (import "ic0" "msg_reply" (func)) (func (export "canister_query get") (call 0)))'],
    ['bulk memory', '(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))'],
    ['reference types', '(module (table 1 funcref) (func (drop (ref.null extern))))'],
    ['SIMD', '(module (func (drop (i8x16.splat (i32.const 1)))))'],
    ['a mutable exported global', '(module (global (export "g") (mut i32) (i32.const 0)))'],
    ['sign extension', '(module (func (drop (i32.extend8_s (i32.const 1)))))'],
    ['saturating float-to-int', '(module (func (drop (i32.trunc_sat_f32_s (f32.const 1)))))'],
    ['multi-value', '(module (func (result i32 i32) (i32.const 1) (i32.const 2)))'],
    ['non-ASCII text in strings and comments', ';; héllo 中文 😀\n(module (memory 1) (data (i32.const 0) "héllo 中文 😀"))'],
    ['CRLF line ends', '(module\r\n  (func (result i32)\r\n    i32.const 1))'],
    ['nesting well within the limit', `(module (func ${'(block '.repeat(60)}${')'.repeat(60)}))`],
  ])('compiles %s', (_name, source) => {
    const result = compileWat(source);
    expect(result.ok).toBe(true);
    if (result.ok) expect([...result.wasm.slice(0, 8)]).toEqual(WASM_HEADER);
  });

  it('produces the same bytes as wat2wasm (no name section)', () => {
    const result = compileWat('(module (func $f (export "f") (result i32) (i32.const 42)))');
    expect(result.ok && [...result.wasm]).toEqual([
      ...WASM_HEADER,
      0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type section: () -> i32
      0x03, 0x02, 0x01, 0x00, // function section
      0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f"
      0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b, // code: i32.const 42
    ]);
  });

  it('is repeatable', () => {
    const source = '(module (func (export "canister_update inc")))';
    const a = compileWat(source);
    const b = compileWat(source);
    expect(a.ok && b.ok && [...a.wasm]).toEqual(b.ok && [...b.wasm]);
  });
});

describe('compileWat: diagnostics', () => {
  it.each([
    ['an unknown instruction', '(module\n  (func (foo)))', 2, 10, 'unexpected token "foo"'],
    ['a type error (validation)', '(module\n  (func (result i32)\n    i32.const 1\n    i32.add))', 4, 5, 'type mismatch in i32.add'],
    ['a duplicate export (validation)', '(module (func (export "a") (export "a")))', 1, 29, 'duplicate export "a"'],
    ['an undefined function', '(module (func (call $nope)))', 1, 21, 'undefined function variable "$nope"'],
    ['an unterminated module', '(module', 1, 8, 'unexpected token "EOF"'],
    ['an unterminated block comment', '(module (;', 1, 9, 'EOF in block comment'],
    ['a bad memory limit', '(module (memory 2 1))', 1, 10, 'max pages (1) must be >= initial pages (2)'],
    ['an out-of-range start function', '(module (start 5))', 1, 16, 'function variable out of range'],
    ['a literal too large', '(module (func (drop (i32.const 99999999999))))', 1, 32, 'invalid literal'],
    ['a newline in a string', '(module (data "ab\ncd"))', 1, 18, 'newline in string'],
    ['tail calls, which the replica does not enable', '(module (func (return_call 0)))', 1, 16, 'return_call'],
    ['a tab before the error (one column per tab)', '(module\n\t(func (foo)))', 2, 9, 'unexpected token "foo"'],
    ['an error after non-ASCII text (columns in UTF-16 units)', '(module (data "é中😀") (func (foo)))', 1, 30, 'unexpected token "foo"'],
    ['a stray non-ASCII character (one diagnostic, not one per byte)', '(module é)', 1, 9, 'unexpected char'],
    ['a 12-character filename would have garbled this', '(module (func (bar)))', 1, 16, 'unexpected token "bar"'],
  ])('reports %s', (_name, source, line, column, message) => {
    const [first] = errorsOf(source);
    expect(first).toMatchObject({ line, column });
    expect(first.message).toContain(message);
  });

  it('reports every error of a source, in order', () => {
    const errors = errorsOf('(module\n (func $a (foo)\n (bar))\n (func (baz)))');
    expect(errors).toEqual([
      { line: 2, column: 12, message: 'unexpected token "foo", expected an instr.' },
      { line: 3, column: 3, message: 'unexpected token bar.' },
      { line: 4, column: 9, message: 'unexpected token "baz", expected an instr.' },
    ]);
  });

  it('reports each stray byte of a multi-byte character once', () => {
    const errors = errorsOf('(module é)');
    expect(errors.filter((e) => e.message === 'unexpected char')).toHaveLength(1);
  });

  it('reports several validation errors', () => {
    const errors = errorsOf('(module (func (i32.load (i32.const 0))))');
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('memory variable out of range'),
      expect.stringContaining('type mismatch at end of function'),
    ]);
  });

  it('drops warnings that accompany errors', () => {
    const errors = errorsOf('(;');
    expect(errors.map((e) => e.message)).toEqual(['EOF in block comment']);
  });

  it('refuses nesting deep enough to overflow wabt, and keeps working afterwards', () => {
    for (const source of [
      `(module (func ${'(block '.repeat(5000)}${')'.repeat(5000)}))`,
      `(module (func ${'block '.repeat(5000)}${'end '.repeat(5000)}))`,
      '('.repeat(100_000),
    ]) {
      const [error] = errorsOf(source);
      expect(error.message).toContain('nesting deeper than');
    }
    expect(compileWat('(module (func (result i32) (i32.const 1)))').ok).toBe(true);
  });
});

describe('compileWat: the nesting limit is safe for wabt', () => {
  // Depth counts (module and (func, so each source nests exactly MAX_WAT_NESTING deep.
  const n = MAX_WAT_NESTING - 2;
  it.each([
    ['folded blocks', `(module (func ${'(block '.repeat(n)}${')'.repeat(n)}))`],
    ['flat blocks', `(module (func ${'block '.repeat(n)}${'end '.repeat(n)}))`],
    ['flat ifs', `(module (func ${'i32.const 0 if '.repeat(n)}${'end '.repeat(n)}))`],
    ['folded ifs', `(module (func ${'(if (i32.const 0) (then '.repeat(n / 2)}${'))'.repeat(n / 2)}))`],
    ['nested expressions', `(module (func (result i32) ${'(i32.eqz '.repeat(n - 1)}(i32.const 0)${')'.repeat(n - 1)}))`],
    ['unclosed folded blocks', `(module (func ${'(block '.repeat(n)}`],
    ['unclosed flat blocks', `(module (func ${'block '.repeat(n)}`],
  ])('compiles or reports %s at the limit, and wabt stays healthy', (_name, source) => {
    const result = compileWat(source);
    if (!result.ok) expect(result.errors[0].message).not.toContain('internal');
    expect(compileWat('(module (func (result i32) (i32.const 1)))').ok).toBe(true);
  });
});

describe('compileWat: robustness', () => {
  const check = (source: string) => {
    const result = compileWat(source);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeGreaterThanOrEqual(1);
      expect(error.message.length).toBeGreaterThan(0);
    }
  };

  it.each([
    ['NUL bytes', '(module\0)'],
    ['control characters', '\u0001\u0002\u0003(module)\u007f'],
    ['lone surrogates', '(module \ud800 \udfff)'],
    ['unbalanced parentheses', ')))((('],
    ['a very long line', `(module (func ${'(nop) '.repeat(50_000)}))`],
    ['many errors', `(module ${'(func (foo)) '.repeat(2000)})`],
    ['JSON', '{"format": "canister-playground/scenario@1"}'],
  ])('never throws on %s', (_name, source) => {
    expect(() => check(source)).not.toThrow();
  });

  it("recovers when wabt's error recovery overflows its stack", async () => {
    // Each `(foo)` error makes wabt skip the closing parentheses of the enclosing blocks while staying inside
    // them, so the nesting guard (depth 5 here) cannot see how deep wabt goes.
    const result = compileWat(`(module (func ${'(block (block (foo) ) ) '.repeat(300)}))`);
    expect(result.ok).toBe(false);
    await initWat();
    expect(compileWat('(module (func (result i32) (i32.const 1)))').ok).toBe(true);
  });

  it('never throws on random text', () => {
    const tokens = fc.constantFrom('(', ')', '(module', '(func', 'block', 'end', 'i32.const', '0', '"', ';;', '(;', ';)', '\n', ' ', '$x', 'é', '\\');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(tokens, { maxLength: 300 }).map((t) => t.join(' ')));
    fc.assert(fc.property(text, (source) => check(source)), { seed: 42, numRuns: 500 });
    // Still healthy after all that.
    expect(compileWat('(module)').ok).toBe(true);
  });
});
