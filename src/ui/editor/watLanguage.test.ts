/**
 * The WAT grammar, run through Monaco's own Monarch compiler and lexer. The full editor needs a DOM, so the two
 * internal modules are loaded directly with stub services; if a Monaco upgrade moves them, this test says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WAT_CONFIGURATION, WAT_MONARCH } from './watLanguage.ts';

interface Tokenizer {
  getInitialState(): unknown;
  tokenize(line: string, hasEOL: boolean, state: unknown): { tokens: { offset: number; type: string }[]; endState: unknown };
}

let tokenizer: Tokenizer;

beforeAll(async () => {
  // Internal paths (not typed): the `as string` keeps TypeScript from looking for declarations.
  const { compile } = await import('monaco-editor/editor/standalone/common/monarch/monarchCompile' as string);
  const { MonarchTokenizer } = await import('monaco-editor/editor/standalone/common/monarch/monarchLexer' as string);
  const configuration = { getValue: () => 20_000, onDidChangeConfiguration: () => ({ dispose() {} }) };
  const languages = { isRegisteredLanguageId: () => false, requestBasicLanguageFeatures() {} };
  tokenizer = new MonarchTokenizer(languages, {}, 'wat', compile('wat', WAT_MONARCH), configuration);
});

/** Non-blank tokens of a text as `text:type` (type without the `.wat` postfix), line by line. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let state = tokenizer.getInitialState();
  for (const line of text.split('\n')) {
    const result = tokenizer.tokenize(line, true, state);
    result.tokens.forEach((token, i) => {
      const piece = line.slice(token.offset, result.tokens[i + 1]?.offset ?? line.length);
      if (piece.trim() !== '') out.push(`${piece}:${token.type.replace(/\.wat$/, '')}`);
    });
    state = result.endState;
  }
  return out;
}

describe('WAT Monarch grammar', () => {
  it.each([
    ['line comment', '(nop) ;; a (comment) "x"', ['(:delimiter.parenthesis', 'nop:keyword.flow', '):delimiter.parenthesis', ';; a (comment) "x":comment']],
    ['block comment', '(; a ;) i32', ['(; a ;):comment', 'i32:type']],
    ['nested block comment', '(; a (; b ;) c ;) i64', ['(; a (; b ;) c ;):comment', 'i64:type']],
    ['block comment over lines', '(; a\nb ;) f32', ['(; a:comment', 'b ;):comment', 'f32:type']],
    ['string with escapes', '"a\\n\\"b\\00\\u{1F600}"', ['"a:string', '\\n\\":string.escape', 'b:string', '\\00\\u{1F600}:string.escape', '":string']],
    ['invalid escape', '"a\\qb"', ['"a:string', '\\q:invalid', 'b":string']],
    ['unterminated string stays on its line', '"abc\n(module)', ['"abc:invalid', '(:delimiter.parenthesis', 'module:keyword', '):delimiter.parenthesis']],
    ['$ids', '$counter $a.b-c!', ['$counter:variable', '$a.b-c!:variable']],
    ['keywords and types', 'func param result mut funcref', ['func:keyword', 'param:keyword', 'result:keyword', 'mut:keyword', 'funcref:type']],
    ['instructions', 'i32.add local.get memory.grow br_if', ['i32.add:keyword.instruction', 'local.get:keyword.instruction', 'memory.grow:keyword.instruction', 'br_if:keyword.flow']],
    ['memarg', 'i64.load offset=8 align=4', ['i64.load:keyword.instruction', 'offset=:keyword', '8:number', 'align=:keyword', '4:number']],
    ['integers', '42 -7 1_000', ['42:number', '-7:number', '1_000:number']],
    ['hex', '0xff -0x1_F', ['0xff:number.hex', '-0x1_F:number.hex']],
    ['floats', '1.5 -2.5e-3 1e10 0x1.8p3 0x1p-2 inf -nan nan:0x7f', ['1.5:number.float', '-2.5e-3:number.float', '1e10:number.float', '0x1.8p3:number.float', '0x1p-2:number.float', 'inf:number.float', '-nan:number.float', 'nan:0x7f:number.float']],
    ['unknown words are plain identifiers', 'frobnicate', ['frobnicate:identifier']],
    ['annotation', '(@name "x")', ['(:delimiter.parenthesis', '@name:annotation', '"x":string', '):delimiter.parenthesis']],
  ])('%s', (_, text, expected) => {
    // Adjacent string pieces of the same type are merged by Monaco, so compare against merged expectations.
    expect(tokens(text)).toEqual(expected);
  });

  it('tokenizes a whole canister', () => {
    const source = '(module\n  (import "ic0" "msg_reply" (func $msg_reply))\n  (func (export "canister_update inc")\n    (call $msg_reply)))';
    expect(tokens(source)).toContain('$msg_reply:variable');
    expect(tokens(source)).toContain('"canister_update inc":string');
  });
});

describe('WAT language configuration', () => {
  it('knows WAT comments and brackets', () => {
    expect(WAT_CONFIGURATION.comments).toEqual({ lineComment: ';;', blockComment: ['(;', ';)'] });
    expect(WAT_CONFIGURATION.brackets).toEqual([['(', ')']]);
  });

  it.each([
    ['$counter', '$counter'],
    ['i32.add', 'i32.add'],
    ['msg_reply_data_append', 'msg_reply_data_append'],
  ])('the word pattern takes %s whole', (text, word) => {
    expect(text.match(WAT_CONFIGURATION.wordPattern!)?.[0]).toBe(word);
  });
});
