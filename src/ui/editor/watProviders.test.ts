/**
 * The Monaco adapters, against a stand-in for the Monaco namespace (the real one needs a DOM): they register for
 * the `wat` language and convert the pure results faithfully.
 */
import { describe, expect, it } from 'vitest';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { registerWatProviders } from './watProviders.ts';
import { registerWat } from './watLanguage.ts';

interface Registered {
  language: string;
  provider: Record<string, (...args: unknown[]) => unknown> & { triggerCharacters?: string[] };
}

function fakeMonaco() {
  const completion: Registered[] = [];
  const hover: Registered[] = [];
  const calls: string[] = [];
  const disposable = { dispose() {} };
  const monaco = {
    languages: {
      CompletionItemKind: { Function: 1, Event: 10, Operator: 11, Keyword: 17 },
      CompletionItemInsertTextRule: { InsertAsSnippet: 4 },
      CompletionItemTag: { Deprecated: 1 },
      registerCompletionItemProvider: (language: string, provider: Registered['provider']) => (completion.push({ language, provider }), disposable),
      registerHoverProvider: (language: string, provider: Registered['provider']) => (hover.push({ language, provider }), disposable),
      getLanguages: () => [],
      register: (language: { id: string }) => calls.push(`register ${language.id}`),
      setMonarchTokensProvider: (id: string) => (calls.push(`tokens ${id}`), disposable),
      setLanguageConfiguration: (id: string) => (calls.push(`configuration ${id}`), disposable),
    },
  };
  return { monaco: monaco as unknown as typeof Monaco, completion, hover, calls };
}

const model = (text: string) => ({ getValue: () => text });

describe('Monaco adapters', () => {
  it('registers the language, tokens and configuration', () => {
    const { monaco, calls } = fakeMonaco();
    expect(registerWat(monaco)).toHaveLength(2);
    expect(calls).toEqual(['register wat', 'tokens wat', 'configuration wat']);
  });

  it('converts completion items', () => {
    const { monaco, completion } = fakeMonaco();
    expect(registerWatProviders(monaco)).toHaveLength(2);
    expect(completion[0].language).toBe('wat');
    expect(completion[0].provider.triggerCharacters).toEqual(['"']);
    const text = '(import "ic0" "stable_gr")';
    const result = completion[0].provider.provideCompletionItems(model(text), { lineNumber: 1, column: 25 }) as { suggestions: Monaco.languages.CompletionItem[] };
    const item = result.suggestions.find((s) => s.label === 'stable_grow')!;
    expect(item).toMatchObject({
      kind: 1,
      detail: '(func $stable_grow (param i32) (result i32))',
      insertText: 'stable_grow" (func $stable_grow (param i32) (result i32))',
      tags: [1],
      range: { startLineNumber: 1, startColumn: 16, endLineNumber: 1, endColumn: 26 },
    });
    expect(item.insertTextRules).toBeUndefined();
    expect((item.documentation as Monaco.IMarkdownString).value).toContain('**ic0.stable_grow**');
  });

  it('marks snippets as snippets', () => {
    const { monaco, completion } = fakeMonaco();
    registerWatProviders(monaco);
    const result = completion[0].provider.provideCompletionItems(model('(export "")'), { lineNumber: 1, column: 10 }) as { suggestions: Monaco.languages.CompletionItem[] };
    expect(result.suggestions.find((s) => s.label === 'canister_update <name>')).toMatchObject({ kind: 10, insertTextRules: 4 });
  });

  it('converts hovers, and returns nothing where there is nothing to say', () => {
    const { monaco, hover } = fakeMonaco();
    registerWatProviders(monaco);
    const text = '(import "ic0" "time" (func $time (result i64)))';
    const found = hover[0].provider.provideHover(model(text), { lineNumber: 1, column: 18 }) as Monaco.languages.Hover;
    expect(found.range).toEqual({ startLineNumber: 1, startColumn: 16, endLineNumber: 1, endColumn: 20 });
    expect((found.contents[0] as Monaco.IMarkdownString).value).toContain('**ic0.time**');
    expect(hover[0].provider.provideHover(model(text), { lineNumber: 1, column: 3 })).toBeUndefined();
  });
});
