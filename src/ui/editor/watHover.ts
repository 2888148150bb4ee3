/**
 * Hover documentation for WAT, as a pure function of (text, position). Documents:
 * - the name string of an `ic0` import, and any `$id` bound to an `ic0` import (so `call $reply` explains
 *   `msg_reply`), and a bare `ic0` function name (e.g. in a comment);
 * - an export string naming an entry point (`"canister_update inc"`), and a bare `canister_*` name.
 * The Monaco adapter (watProviders.ts) only converts the result.
 */
import { ENTRY_POINTS, entryPointDoc, ic0Doc, type EntryPointDoc } from './ic0Docs.ts';
import { entryPointMarkdown, ic0Markdown } from './docMarkdown.ts';
import {
  cursorContext, ic0ImportIds, isExportNameString, isIc0ImportNameString, offsetAt, rangeOf, textBefore, wordAt,
  type WatPosition, type WatRange,
} from './watText.ts';

export interface WatHover {
  /** Markdown. */
  readonly markdown: string;
  /** The text the hover is about, highlighted by Monaco while it shows. */
  readonly range: WatRange;
}

export function watHover(text: string, position: WatPosition): WatHover | undefined {
  const offset = offsetAt(text, position);
  const context = cursorContext(text, offset);
  if (context.kind === 'string') {
    const { contentStart, contentEnd } = context;
    const content = text.slice(contentStart, contentEnd);
    const before = textBefore(text, contentStart);
    const range = rangeOf(text, contentStart, contentEnd);
    if (isIc0ImportNameString(before)) {
      const doc = ic0Doc(content);
      return doc && { markdown: ic0Markdown(doc), range };
    }
    if (isExportNameString(before)) {
      const doc = entryPointDoc(content);
      return doc && { markdown: entryPointMarkdown(doc), range };
    }
    return undefined;
  }

  // `offset` may sit just after the word (the mouse is over its last character): look there too.
  const word = wordAt(text, offset);
  if (word === undefined) return undefined;
  const range = rangeOf(text, word.start, word.end);
  if (word.word.startsWith('$')) {
    const name = ic0ImportIds(text).get(word.word);
    const doc = name === undefined ? undefined : ic0Doc(name);
    return doc && { markdown: ic0Markdown(doc, word.word), range };
  }
  const ic0 = ic0Doc(word.word);
  if (ic0 !== undefined) return { markdown: ic0Markdown(ic0), range };
  const entry = entryPointByName(word.word);
  return entry && { markdown: entryPointMarkdown(entry), range };
}

function entryPointByName(name: string): EntryPointDoc | undefined {
  return ENTRY_POINTS.find((doc) => doc.name === name);
}
