/**
 * Completion for WAT, as a pure function of (text, position):
 * - in the name string of `(import "ic0" "…"`: every `ic0` function, inserting the rest of the import with the
 *   exact signature from the engine's table, so a completed import always links;
 * - in an `(export "…"` string: the `canister_*` entry points;
 * - in code: common instructions and module fields, or, after `$`, the ids the module declares.
 * Nothing in comments or other strings. The editor turns Monaco's word-based suggestions off, so these are all
 * the suggestions there are. The Monaco adapter (watProviders.ts) only converts the result.
 */
import { ENTRY_POINTS, IC0_NAMES, ic0Doc } from './ic0Docs.ts';
import { entryPointMarkdown, ic0Markdown } from './docMarkdown.ts';
import { WAT_INSTRUCTIONS } from './watInstructions.ts';
import {
  cursorContext, declaredIds, ic0ImportIds, isExportNameString, isIc0ImportNameString, offsetAt, rangeOf, textBefore,
  wordAt, wordStartBefore, type WatPosition, type WatRange,
} from './watText.ts';

export type WatCompletionKind = 'ic0' | 'entryPoint' | 'instruction' | 'keyword' | 'id';

export interface WatCompletion {
  readonly label: string;
  readonly kind: WatCompletionKind;
  readonly detail: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** `insertText` is a Monaco snippet (`${1:name}` placeholders). */
  readonly snippet: boolean;
  /** What accepting the item replaces; one line, containing the cursor. */
  readonly range: WatRange;
  /** Keeps the table's order (Monaco sorts by label otherwise). */
  readonly sortText: string;
  readonly deprecated?: boolean;
}

export function watCompletions(text: string, position: WatPosition): WatCompletion[] {
  const offset = offsetAt(text, position);
  const context = cursorContext(text, offset);
  if (context.kind === 'comment') return [];
  if (context.kind === 'string') {
    const before = textBefore(text, context.contentStart);
    if (isIc0ImportNameString(before)) return ic0ImportCompletions(text, offset, context.contentStart, context.closed ? context.contentEnd : undefined);
    if (isExportNameString(before)) return entryPointCompletions(text, offset, context.contentStart, context.contentEnd);
    return [];
  }
  const wordStart = wordStartBefore(text, offset);
  // `(import "ic0" |`: the name string is not typed yet, so complete it along with the rest.
  if (wordStart === offset && /\(\s*import\s+"ic0"\s+$/.test(textBefore(text, offset))) {
    return ic0ImportCompletions(text, offset, offset, undefined, '"');
  }
  return instructionCompletions(text, offset, wordStart);
}

/**
 * `nameStart` is where the function name starts, `closingQuote` the offset of the string's closing quote if
 * there is one. An import that already has its `(func …)` keeps it: only the name is replaced. Otherwise the
 * item completes the whole import, adding the `)` that closes it unless the line already has one.
 */
function ic0ImportCompletions(text: string, offset: number, nameStart: number, closingQuote: number | undefined, openQuote = ''): WatCompletion[] {
  let nameEnd = offset;
  while (nameEnd < text.length && /[A-Za-z0-9_]/.test(text[nameEnd])) nameEnd++;
  const afterString = closingQuote !== undefined && nameEnd === closingQuote ? closingQuote + 1 : undefined;
  const rest = text.slice(afterString ?? nameEnd, lineEndOffset(text, offset));
  const keepsFunc = afterString !== undefined && /^\s*\(\s*func\b/.test(rest);
  const replaceEnd = keepsFunc ? nameEnd : afterString ?? nameEnd;
  const closeParen = keepsFunc || /^\s*\)/.test(rest) ? '' : ')';
  const range = rangeOf(text, nameStart, Math.max(replaceEnd, offset));
  return IC0_NAMES.map((name, index) => {
    const doc = ic0Doc(name)!;
    return {
      label: name,
      kind: 'ic0' as const,
      detail: doc.funcType,
      documentation: ic0Markdown(doc),
      insertText: keepsFunc ? name : `${openQuote}${name}" ${doc.funcType}${closeParen}`,
      snippet: false,
      range,
      sortText: sortKey(index),
      ...(doc.deprecated ? { deprecated: true } : {}),
    };
  });
}

/** Replaces the whole string content: export names may contain a space, which ends Monaco's notion of a word. */
function entryPointCompletions(text: string, offset: number, contentStart: number, contentEnd: number): WatCompletion[] {
  const range = rangeOf(text, contentStart, Math.max(contentEnd, offset));
  return ENTRY_POINTS.map((doc, index) => ({
    label: doc.takesMethodName ? `${doc.name} <name>` : doc.name,
    kind: 'entryPoint' as const,
    detail: `entry point, ${doc.mode}`,
    documentation: entryPointMarkdown(doc),
    insertText: doc.takesMethodName ? `${doc.name} \${1:name}` : doc.name,
    snippet: doc.takesMethodName,
    range,
    sortText: sortKey(index),
  }));
}

function instructionCompletions(text: string, offset: number, wordStart: number): WatCompletion[] {
  const typed = text.slice(wordStart, offset);
  if (typed.startsWith('$')) return idCompletions(text, offset, wordStart);
  if (/^[0-9+-]/.test(typed)) return [];
  const range = rangeOf(text, wordStart, offset);
  return WAT_INSTRUCTIONS.map((instruction, index) => ({
    label: instruction.label,
    kind: instruction.keyword === true ? ('keyword' as const) : ('instruction' as const),
    detail: instruction.detail,
    insertText: instruction.label,
    snippet: false,
    range,
    sortText: sortKey(index),
  }));
}

/** The module's `$ids`; an id bound to an `ic0` import comes with that function's documentation. */
function idCompletions(text: string, offset: number, wordStart: number): WatCompletion[] {
  const range = rangeOf(text, wordStart, offset);
  const imports = ic0ImportIds(text);
  const typing = wordAt(text, offset)?.word;
  const items: WatCompletion[] = [];
  for (const [id, declaredBy] of declaredIds(text)) {
    if (id === typing) continue;
    const ic0Name = imports.get(id);
    const doc = ic0Name === undefined ? undefined : ic0Doc(ic0Name);
    items.push({
      label: id,
      kind: 'id',
      detail: doc ? `import of ic0.${doc.name}` : declaredBy,
      ...(doc ? { documentation: ic0Markdown(doc, id) } : {}),
      insertText: id,
      snippet: false,
      range,
      sortText: sortKey(items.length),
    });
  }
  return items;
}

function lineEndOffset(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

const sortKey = (index: number): string => index.toString().padStart(4, '0');
