/**
 * Writes the report as the runner prints it (two-space JSON and a final newline) in pieces: each top-level
 * member on its own, and the long lists (`steps`, `events`) a few thousand elements at a time. The bytes are
 * those of `JSON.stringify(report, null, 2)`; what changes is that no single string holds them all (a report of
 * 20,000 updates is 39.5 MB), and that each piece is written and dropped while it is young, which is cheaper
 * for the garbage collector than one huge string (BENCHMARKS.md, issue #5).
 *
 * `streamReportJson` is the runner's: it makes each piece only when the previous one is taken, and waits while
 * the reader is behind (back-pressure), so however large the report, only one piece at a time is held as text
 * (issue 17: 500,000 calls piped into `cat` queued 1.13 GB of pieces and failed with `write ENOBUFS`).
 */
import { stringifyWithBigInts } from './stringifyWithBigInts.ts';

/** Elements of a list per piece: large enough that the calls cost nothing, small enough to stay young. */
const ELEMENTS_PER_PIECE = 2048;

export function writeReportJson(report: object, write: (text: string) => void): void {
  for (const piece of reportJsonPieces(report)) write(piece);
}

/**
 * Writes the pieces one after the other, each made only once the previous one has been taken: `write` may return
 * a Promise (the reader is behind: the next piece waits for it), or a value other than undefined, which stops the
 * writing (the reader has gone, or the output failed) and is returned. Undefined when every piece was written.
 */
export async function streamReportJson<Stop>(
  report: object,
  write: (text: string) => Stop | void | Promise<Stop | void>,
): Promise<Stop | void> {
  for (const piece of reportJsonPieces(report)) {
    const written = write(piece);
    const outcome = written instanceof Promise ? await written : written;
    if (outcome !== undefined) return outcome;
  }
  return undefined;
}

/** The report's JSON text in pieces, each made when it is asked for. */
export function* reportJsonPieces(report: object): Generator<string, void, undefined> {
  let first = true;
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue; // as JSON.stringify
    yield first ? '{\n' : ',\n';
    first = false;
    if (Array.isArray(value) && value.length > 0) yield* listMemberPieces(key, value);
    else yield memberText(key, value);
  }
  yield first ? '{}\n' : '\n}\n';
}

/** `  "key": value` as it stands inside the top-level object (stringified alone, then the braces cut off). */
function memberText(key: string, value: unknown): string {
  return stringifyWithBigInts({ [key]: value }, 2).slice(2, -2);
}

/**
 * A list a piece at a time: each piece is stringified as `{ key: piece }`, so its elements come out at the depth
 * and with the indentation they have in the whole report, and only the text around them is cut off.
 */
function* listMemberPieces(key: string, list: readonly unknown[]): Generator<string, void, undefined> {
  const head = `{\n  ${JSON.stringify(key)}: [`;
  const tail = '\n  ]\n}';
  yield head.slice(2);
  for (let start = 0; start < list.length; start += ELEMENTS_PER_PIECE) {
    const text = stringifyWithBigInts({ [key]: list.slice(start, start + ELEMENTS_PER_PIECE) }, 2);
    if (start > 0) yield ',';
    yield text.slice(head.length, -tail.length);
  }
  yield tail.slice(0, -2);
}
