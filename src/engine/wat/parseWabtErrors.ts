import type { SourceDiagnostic } from './compileWat.ts';

/**
 * Turns the text of a wabt exception into one diagnostic per reported error.
 *
 * wabt formats each error as `FILE:LINE:COL: error: TEXT`, followed (when it can) by the offending source line
 * and a line of carets. The echoed source line is the user's text and could itself look like a header, so the
 * two lines after a header are skipped when the second is a caret line. Warnings (e.g. "empty module") only
 * ever accompany errors and would add noise, so they are dropped.
 *
 * wabt counts columns in UTF-8 bytes of the source; editors count UTF-16 code units, so columns are converted
 * against `source`. Two byte positions inside one character (wabt reports each byte of a stray `é`) then land
 * on the same column, and such duplicates are merged.
 *
 * When nothing parses (wabt said something unexpected), the whole text becomes one diagnostic at 1:1 so the
 * user still sees it.
 */
export function parseWabtErrors(message: string, filename: string, source: string): SourceDiagnostic[] {
  const lines = message.split('\n');
  const header = new RegExp(`^${escapeRegExp(filename)}:(\\d+):(\\d+): (error|warning): (.*)$`);
  const sourceLines = source.split('\n');
  const diagnostics: SourceDiagnostic[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < lines.length) {
    const match = header.exec(lines[i]);
    if (!match) {
      i += 1;
      continue;
    }
    i += isCaretLine(lines[i + 2]) ? 3 : 1;
    if (match[3] !== 'error') continue;
    const line = Number(match[1]);
    const column = utf16Column(sourceLines[line - 1], Number(match[2]));
    const text = match[4].trim();
    const key = `${line}:${column}:${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({ line, column, message: text });
  }
  if (diagnostics.length > 0) return diagnostics;
  const fallback = message.replace(/^\w+ failed[.:]?\s*/, '').trim();
  return [{ line: 1, column: 1, message: fallback || 'the WAT compiler failed without a message' }];
}

function isCaretLine(line: string | undefined): boolean {
  return line !== undefined && /^\s*\^+\s*$/.test(line);
}

/** Converts wabt's 1-based UTF-8 byte column on `lineText` to a 1-based UTF-16 column. */
function utf16Column(lineText: string | undefined, byteColumn: number): number {
  if (lineText === undefined) return byteColumn;
  const targetByte = byteColumn - 1;
  let bytes = 0;
  let units = 0;
  for (const ch of lineText) {
    const size = utf8Length(ch.codePointAt(0) ?? 0);
    if (bytes + size > targetByte) return units + 1;
    bytes += size;
    units += ch.length;
  }
  // Past the end of the line (e.g. "unexpected EOF"): keep the distance beyond the last character.
  return units + 1 + (targetByte - bytes);
}

/** UTF-8 length of a code point; a lone surrogate becomes U+FFFD (3 bytes) in TextEncoder. */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
