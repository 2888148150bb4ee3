/**
 * Writes the report as the runner prints it (two-space JSON and a final newline) in pieces: each top-level
 * member on its own, and the long lists (`steps`, `events`) a few thousand elements at a time. The bytes are
 * those of `JSON.stringify(report, null, 2)`; what changes is that no single string holds them all (a report of
 * 20,000 updates is 39.5 MB), and that each piece is written and dropped while it is young, which is cheaper
 * for the garbage collector than one huge string (BENCHMARKS.md, issue #5).
 */
import { stringifyWithBigInts } from './stringifyWithBigInts.ts';

/** Elements of a list per piece: large enough that the calls cost nothing, small enough to stay young. */
const ELEMENTS_PER_PIECE = 2048;

export function writeReportJson(report: object, write: (text: string) => void): void {
  let first = true;
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue; // as JSON.stringify
    write(first ? '{\n' : ',\n');
    first = false;
    if (Array.isArray(value) && value.length > 0) writeListMember(key, value, write);
    else write(memberText(key, value));
  }
  write(first ? '{}\n' : '\n}\n');
}

/** `  "key": value` as it stands inside the top-level object (stringified alone, then the braces cut off). */
function memberText(key: string, value: unknown): string {
  return stringifyWithBigInts({ [key]: value }, 2).slice(2, -2);
}

/**
 * A list written a piece at a time: each piece is stringified as `{ key: piece }`, so its elements come out at
 * the depth and with the indentation they have in the whole report, and only the text around them is cut off.
 */
function writeListMember(key: string, list: readonly unknown[], write: (text: string) => void): void {
  const head = `{\n  ${JSON.stringify(key)}: [`;
  const tail = '\n  ]\n}';
  write(head.slice(2));
  for (let start = 0; start < list.length; start += ELEMENTS_PER_PIECE) {
    const text = stringifyWithBigInts({ [key]: list.slice(start, start + ELEMENTS_PER_PIECE) }, 2);
    if (start > 0) write(',');
    write(text.slice(head.length, -tail.length));
  }
  write(tail.slice(0, -2));
}
