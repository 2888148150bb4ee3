/**
 * Thin Monaco adapters for WAT completion and hover: they read the model, call the pure functions and convert the
 * results. All the logic (and its tests) lives in watCompletion.ts and watHover.ts.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { watCompletions, type WatCompletion } from './watCompletion.ts';
import { watHover } from './watHover.ts';
import { WAT_LANGUAGE_ID } from './watLanguage.ts';

type MonacoApi = typeof Monaco;

export function registerWatProviders(monaco: MonacoApi): Monaco.IDisposable[] {
  return [
    monaco.languages.registerCompletionItemProvider(WAT_LANGUAGE_ID, {
      // `"` opens the import and export name strings; inside them Monaco's quick suggestions are off by default.
      triggerCharacters: ['"'],
      provideCompletionItems(model, position) {
        const items = watCompletions(model.getValue(), position);
        return { suggestions: items.map((item) => toCompletionItem(monaco, item)) };
      },
    }),
    monaco.languages.registerHoverProvider(WAT_LANGUAGE_ID, {
      provideHover(model, position) {
        const hover = watHover(model.getValue(), position);
        return hover && { range: hover.range, contents: [{ value: hover.markdown }] };
      },
    }),
  ];
}

export function toCompletionItem(monaco: MonacoApi, item: WatCompletion): Monaco.languages.CompletionItem {
  const { CompletionItemKind, CompletionItemInsertTextRule, CompletionItemTag } = monaco.languages;
  const kinds: Record<WatCompletion['kind'], Monaco.languages.CompletionItemKind> = {
    ic0: CompletionItemKind.Function,
    entryPoint: CompletionItemKind.Event,
    instruction: CompletionItemKind.Operator,
    keyword: CompletionItemKind.Keyword,
    id: CompletionItemKind.Variable,
  };
  return {
    label: item.label,
    kind: kinds[item.kind],
    detail: item.detail,
    ...(item.documentation !== undefined ? { documentation: { value: item.documentation } } : {}),
    insertText: item.insertText,
    ...(item.snippet ? { insertTextRules: CompletionItemInsertTextRule.InsertAsSnippet } : {}),
    ...(item.deprecated === true ? { tags: [CompletionItemTag.Deprecated] } : {}),
    range: item.range,
    sortText: item.sortText,
  };
}
