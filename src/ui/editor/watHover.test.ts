import { describe, expect, it } from 'vitest';
import { watHover } from './watHover.ts';
import { atCursor } from './testSupport.ts';

const MODULE = [
  '(module',
  '  (import "ic0" "msg_reply" (func $reply))',
  '  (import "ic0" "debug_print" (func $debug_print (param i32 i32)))',
  '  (func $helper)',
  '  ;; msg_reply sends the reply',
  '  (func (export "canister_update inc")',
  '    (call $reply))',
  '  (func (export "canister_init"))',
  '  (func (export "not_an_entry_point"))',
  '  (data (i32.const 0) "msg_reply"))',
].join('\n');

/** MODULE with the cursor placed before the `nth` occurrence of `needle` plus `shift` characters. */
function at(needle: string, shift = 1, nth = 0): string {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = MODULE.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`no ${needle}`);
  return MODULE.slice(0, index + shift) + '|' + MODULE.slice(index + shift);
}

function hover(marked: string) {
  const { text, position } = atCursor(marked);
  return watHover(text, position);
}

describe('hover', () => {
  it.each([
    ['an ic0 import name', at('"msg_reply"', 3), '**ic0.msg_reply**'],
    ['an ic0 import name at its closing quote', at('"msg_reply"', 10), '**ic0.msg_reply**'],
    ['a $id bound to an ic0 import', at('$reply)', 2, 1), '**ic0.msg_reply**'],
    ['the $id in the import itself', at('$reply', 1), '**ic0.msg_reply**'],
    ['a $id named like its import', at('$debug_print', 4), '**ic0.debug_print**'],
    ['an ic0 name in a comment', at('msg_reply sends', 3), '**ic0.msg_reply**'],
    ['an update export', at('canister_update', 17), '**canister_update**'],
    ['an init export', at('canister_init', 0), '**canister_init**'],
  ])('documents %s', (_, marked, heading) => {
    expect(hover(marked)?.markdown.startsWith(heading)).toBe(true);
  });

  it.each([
    ['a $id of an ordinary function', at('$helper', 2)],
    ['an instruction', at('call', 1)],
    ['an export that is no entry point', at('not_an_entry_point', 2)],
    ['a data string that happens to spell an ic0 name', at('"msg_reply"))', 3)],
    ['whitespace', at('  (import', 1)],
  ])('says nothing for %s', (_, marked) => {
    expect(hover(marked)).toBeUndefined();
  });

  it('highlights the whole name string of an import', () => {
    expect(hover(at('"msg_reply"', 3))?.range).toEqual({ startLineNumber: 2, startColumn: 18, endLineNumber: 2, endColumn: 27 });
  });

  it('highlights the whole $id', () => {
    expect(hover(at('$reply)', 3, 1))?.range).toEqual({ startLineNumber: 7, startColumn: 11, endLineNumber: 7, endColumn: 17 });
  });

  it('shows the import, description, contexts and alias', () => {
    const markdown = hover(at('$reply)', 2, 1))!.markdown;
    expect(markdown).toContain('```wat\n(import "ic0" "msg_reply" (func $msg_reply))\n```');
    expect(markdown).toContain('*Imported here as `$reply`.*');
    expect(markdown).toMatch(/\*May be called in:\* update methods, queries \(replicated\), .*reject callbacks/);
  });

  it('shows what an entry point may do', () => {
    const markdown = hover(at('canister_update', 3))!.markdown;
    expect(markdown).toContain('(func (export "canister_update <name>") …)');
    expect(markdown).toContain('*Mode:* replicated · *can reply:* yes · *can call other canisters:* yes');
  });
});
