import { describe, expect, it } from 'vitest';
import { IC0_SIGNATURES } from '../../engine/index.ts';
import { ENTRY_POINTS } from './ic0Docs.ts';
import { watCompletions, type WatCompletion } from './watCompletion.ts';
import { applyEdit, atCursor } from './testSupport.ts';

function complete(marked: string): { text: string; items: WatCompletion[] } {
  const { text, position } = atCursor(marked);
  return { text, items: watCompletions(text, position) };
}

/** The text after accepting the item labelled `label`, as Monaco would apply it. */
function accept(marked: string, label: string): string {
  const { text, items } = complete(marked);
  const item = items.find((i) => i.label === label);
  if (item === undefined) throw new Error(`no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return applyEdit(text, item.range, item.insertText);
}

describe('completion in an ic0 import', () => {
  it('offers every ic0 function, in the table order', () => {
    const { items } = complete('(module (import "ic0" "|"))');
    expect(items.map((i) => i.label)).toEqual(Object.keys(IC0_SIGNATURES));
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['ic0']));
  });

  it.each([
    // With Monaco's auto-closed quote and parenthesis.
    ['(import "ic0" "ms|")', 'msg_reply', '(import "ic0" "msg_reply" (func $msg_reply))'],
    ['(import "ic0" "|")', 'msg_reply_data_append', '(import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))'],
    // Typed without auto-closing.
    ['(import "ic0" "msg_arg|', 'msg_arg_data_size', '(import "ic0" "msg_arg_data_size" (func $msg_arg_data_size (result i32)))'],
    ['(import "ic0" "msg_arg|"', 'msg_arg_data_copy', '(import "ic0" "msg_arg_data_copy" (func $msg_arg_data_copy (param i32 i32 i32)))'],
    // The name string not started yet.
    ['(import "ic0" |', 'time', '(import "ic0" "time" (func $time (result i64)))'],
    ['(import "ic0" |)', 'time', '(import "ic0" "time" (func $time (result i64)))'],
    // Cursor inside an existing name: the whole name is replaced.
    ['(import "ic0" "stable|64_read")', 'stable64_grow', '(import "ic0" "stable64_grow" (func $stable64_grow (param i64) (result i64)))'],
    // An import that already has its func keeps it: only the name changes.
    ['(import "ic0" "msg_rep|" (func $r))', 'msg_reply', '(import "ic0" "msg_reply" (func $r))'],
    // Spread over lines and indented.
    ['(module\n  (import\n    "ic0"   "call_p|")\n)', 'call_perform', '(module\n  (import\n    "ic0"   "call_perform" (func $call_perform (result i32)))\n)'],
  ])('%s + %s → %s', (marked, label, expected) => {
    expect(accept(marked, label)).toBe(expected);
  });

  it('every offered import has the exact signature of the engine table', () => {
    const { items } = complete('(import "ic0" "|")');
    for (const item of items) {
      const { params, results } = IC0_SIGNATURES[item.label];
      const typeOf = (t: string) => (t === 'I' ? 'i32' : t);
      const expected = `(func $${item.label}${params.length ? ` (param ${params.map(typeOf).join(' ')})` : ''}${results.length ? ` (result ${results.map(typeOf).join(' ')})` : ''})`;
      expect(item.insertText).toBe(`${item.label}" ${expected}`);
      expect(item.detail).toBe(expected);
      expect(item.documentation).toContain(`**ic0.${item.label}**`);
    }
  });

  it('marks the deprecated 32-bit stable memory API', () => {
    const { items } = complete('(import "ic0" "|")');
    expect(items.filter((i) => i.deprecated).map((i) => i.label)).toEqual(['stable_size', 'stable_grow', 'stable_write', 'stable_read']);
  });

  it.each([
    ['(import "env" "|")'],
    ['(import "ic0|" "x")'],
    ['(import "i|'],
  ])('offers no ic0 names in %s', (marked) => {
    expect(complete(marked).items.filter((i) => i.kind === 'ic0')).toEqual([]);
  });
});

describe('completion in an export name', () => {
  it('offers the entry points', () => {
    const { items } = complete('(func (export "|"))');
    expect(items.map((i) => i.label)).toEqual(ENTRY_POINTS.map((e) => (e.takesMethodName ? `${e.name} <name>` : e.name)));
  });

  it.each([
    ['(func (export "canister_i|"))', 'canister_init', '(func (export "canister_init"))', false],
    ['(func (export "|"))', 'canister_update <name>', '(func (export "canister_update ${1:name}"))', true],
    ['(export "canister_q|uery get" (func $f))', 'canister_query <name>', '(export "canister_query ${1:name}" (func $f))', true],
    ['(func (export "can|', 'canister_heartbeat', '(func (export "canister_heartbeat', false],
  ])('%s + %s → %s', (marked, label, expected, snippet) => {
    expect(accept(marked, label)).toBe(expected);
    expect(complete(marked).items.find((i) => i.label === label)?.snippet).toBe(snippet);
  });
});

describe('completion elsewhere', () => {
  it.each([
    ['(module (func (i32.a|', 'i32.add', '(module (func (i32.add'],
    ['(module (func (|', 'local.get', '(module (func (local.get'],
    ['(mo|', 'module', '(module'],
  ])('%s + %s → %s', (marked, label, expected) => {
    expect(accept(marked, label)).toBe(expected);
  });

  it('offers instructions and module fields', () => {
    const kinds = new Set(complete('(|').items.map((i) => i.kind));
    expect(kinds).toEqual(new Set(['instruction', 'keyword']));
  });

  it.each([
    [';; a comment (i32.|'],
    ['(; block (|'],
    ['(data (i32.const 0) "hel|lo")'],
    ['(i32.const 4|'],
    ['(call $|'],
  ])('offers nothing in %s', (marked) => {
    expect(complete(marked).items).toEqual([]);
  });

  it('offers the declared $ids after $, with ic0 documentation for imports', () => {
    const source = [
      '(module',
      '  (import "ic0" "msg_reply" (func $reply))',
      '  (global $count (mut i64) (i64.const 0))',
      '  (func $helper (param $n i32) (local $tmp i32)',
      '    (loop $again (br $again)))',
      '  (func (export "canister_update inc")',
      '    (call $|',
    ].join('\n');
    const { items } = complete(source);
    expect(items.map((i) => [i.label, i.kind, i.detail])).toEqual([
      ['$reply', 'id', 'import of ic0.msg_reply'],
      ['$count', 'id', 'global'],
      ['$helper', 'id', 'func'],
      ['$n', 'id', 'param'],
      ['$tmp', 'id', 'local'],
      ['$again', 'id', 'loop'],
    ]);
    expect(items[0].documentation).toContain('*Imported here as `$reply`.*');
    expect(accept(source.replace('$|', '$he|'), '$helper').endsWith('(call $helper')).toBe(true);
  });

  it('does not offer the $id being typed as if it were declared', () => {
    expect(complete('(func $f (call $unknow|').items.map((i) => i.label)).toEqual(['$f']);
  });

  it('keeps every range on the cursor line and containing the cursor', () => {
    for (const marked of ['(import "ic0" "ms|")', '(export "x|y")', '  (i32.ad|d', '(import "ic0" |']) {
      const { position, text } = atCursor(marked);
      for (const { range } of watCompletions(text, position)) {
        expect(range.startLineNumber).toBe(position.lineNumber);
        expect(range.endLineNumber).toBe(position.lineNumber);
        expect(range.startColumn).toBeLessThanOrEqual(position.column);
        expect(range.endColumn).toBeGreaterThanOrEqual(position.column);
      }
    }
  });
});
