/**
 * WebAssembly text format (WAT) for Monaco: a Monarch grammar and a language configuration. Monaco ships no WAT
 * language (TOOLCHAIN.md), so this is ours. Pure data plus `registerWat`, which only needs the Monaco namespace
 * passed in: nothing here imports Monaco at runtime, so this module stays out of the main bundle and runs in tests.
 *
 * Token classes are chosen to get distinct colours from Monaco's built-in themes: `keyword` (module structure),
 * `keyword.flow` (control flow), `keyword.instruction` (falls back to the keyword colour), `type`, `variable`
 * ($ids), `number`/`number.hex`/`number.float`, `string`/`string.escape`, `comment`, `annotation`, `invalid`.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export const WAT_LANGUAGE_ID = 'wat';

/** Module fields and other structural keywords. */
const KEYWORDS = [
  'module', 'type', 'func', 'param', 'result', 'local', 'global', 'memory', 'table', 'elem', 'data', 'import',
  'export', 'start', 'mut', 'offset', 'item', 'declare', 'shared', 'rec', 'sub', 'final', 'field', 'struct', 'array',
];

/** Instructions that shape control flow, plus the other undotted ones, which read best in the flow colour. */
const FLOW = [
  'block', 'loop', 'if', 'then', 'else', 'end', 'br', 'br_if', 'br_table', 'return', 'call', 'call_indirect',
  'return_call', 'return_call_indirect', 'unreachable', 'nop', 'drop', 'select', 'try', 'try_table', 'catch',
  'catch_all', 'throw', 'throw_ref', 'rethrow', 'delegate',
];

const TYPES = [
  'i32', 'i64', 'f32', 'f64', 'v128', 'i8', 'i16', 'funcref', 'externref', 'anyref', 'eqref', 'i31ref', 'structref',
  'arrayref', 'nullref', 'nullfuncref', 'nullexternref', 'exnref', 'ref', 'null', 'any', 'eq', 'i31', 'extern',
];

/** The Monarch grammar. `@@` is Monarch's escape for a literal `@` inside a regex. */
export const WAT_MONARCH: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.wat',
  keywords: KEYWORDS,
  flow: FLOW,
  types: TYPES,
  brackets: [{ open: '(', close: ')', token: 'delimiter.parenthesis' }],
  // The characters of a WAT identifier or keyword (WebAssembly spec, "Tokens": idchar).
  idchar: /[0-9A-Za-z!#$%&'*+\-./:<=>?@@\\^_`|~]/,
  decnum: /\d(?:_?\d)*/,
  hexnum: /[0-9a-fA-F](?:_?[0-9a-fA-F])*/,
  escapes: /\\(?:[tnr"'\\]|[0-9a-fA-F]{2}|u\{@hexnum\})/,

  tokenizer: {
    root: [
      { include: '@whitespace' },
      [/[()]/, '@brackets'],
      [/\$@idchar+/, 'variable'],
      [/@@@idchar+/, 'annotation'],
      // An unterminated string cannot continue on the next line in WAT: mark it here instead of colouring the file.
      [/"(?:[^"\\]|\\.)*$/, 'invalid'],
      [/"/, 'string', '@string'],
      // `offset=` and `align=` before the keyword rule, which would otherwise swallow `offset=8` whole.
      [/(?:offset|align)=/, 'keyword'],
      [/[+-]?(?:inf|nan(?::0x@hexnum)?)(?!@idchar)/, 'number.float'],
      [/[+-]?0x@hexnum(?:\.(?:@hexnum)?)?[pP][+-]?@decnum/, 'number.float'],
      [/[+-]?0x@hexnum\.(?:@hexnum)?/, 'number.float'],
      [/[+-]?0x@hexnum/, 'number.hex'],
      [/[+-]?@decnum(?:\.(?:@decnum)?)?[eE][+-]?@decnum/, 'number.float'],
      [/[+-]?@decnum\.(?:@decnum)?/, 'number.float'],
      [/[+-]?@decnum/, 'number'],
      [
        /[a-z]@idchar*/,
        {
          cases: {
            '@keywords': 'keyword',
            '@flow': 'keyword.flow',
            '@types': 'type',
            // Dotted words are instructions: i32.add, local.get, memory.grow, v128.load ...
            '~[a-z0-9_]+\\..+': 'keyword.instruction',
            '@default': 'identifier',
          },
        },
      ],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\(;/, 'comment', '@blockComment'],
      [/;;.*$/, 'comment'],
    ],
    // Block comments nest in WAT: `(; outer (; inner ;) still outer ;)`.
    blockComment: [
      [/[^(;]+/, 'comment'],
      [/\(;/, 'comment', '@push'],
      [/;\)/, 'comment', '@pop'],
      [/[(;]/, 'comment'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'invalid'],
      [/"/, 'string', '@pop'],
    ],
  },
};

export const WAT_CONFIGURATION: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: ';;', blockComment: ['(;', ';)'] },
  brackets: [['(', ')']],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  // `$ids` and dotted instructions are single words, so double-click, hover and word highlighting see `$counter`
  // and `i32.add` whole.
  wordPattern: /-?\d[\w.+-]*|\$?[A-Za-z_][\w.!#%&'*+\-/:<=>?@\\^`|~]*/,
};

/** Registers the language (once per Monaco instance) and returns what to dispose to undo it. */
export function registerWat(monaco: typeof Monaco): Monaco.IDisposable[] {
  if (!monaco.languages.getLanguages().some((language) => language.id === WAT_LANGUAGE_ID)) {
    monaco.languages.register({ id: WAT_LANGUAGE_ID, extensions: ['.wat', '.wast'], aliases: ['WebAssembly Text', 'WAT', 'wat'] });
  }
  return [
    monaco.languages.setMonarchTokensProvider(WAT_LANGUAGE_ID, WAT_MONARCH),
    monaco.languages.setLanguageConfiguration(WAT_LANGUAGE_ID, WAT_CONFIGURATION),
  ];
}
