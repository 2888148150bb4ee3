/**
 * Test support: a source with `|` marking the cursor, split into text and Monaco position; and applying a
 * completion's edit the way Monaco would.
 */
import { offsetAt, positionAt, type WatPosition, type WatRange } from './watText.ts';

export function atCursor(marked: string): { text: string; position: WatPosition } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error(`mark exactly one cursor with | in ${marked}`);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, position: positionAt(text, offset) };
}

export function applyEdit(text: string, range: WatRange, insert: string): string {
  const start = offsetAt(text, { lineNumber: range.startLineNumber, column: range.startColumn });
  const end = offsetAt(text, { lineNumber: range.endLineNumber, column: range.endColumn });
  return text.slice(0, start) + insert + text.slice(end);
}
