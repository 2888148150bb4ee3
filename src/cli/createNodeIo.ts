/**
 * The runner's io in a Node process: files and standard input read up to the limit (`readUpTo.ts`), standard output
 * through `writableSink` (back-pressure; a reader that has gone). Made once by the process entry (`bin.ts`), not
 * at import, because it puts 'error' listeners on process.stdout and process.stderr: without them a reader that
 * closes its end (`run … | head`, `2>&1 | head`) is an uncaught EPIPE, exit 1.
 */
import type { CliIo } from './main.ts';
import { existsSync, fstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isADirectory, readFileUpTo, readStreamUpTo } from './readUpTo.ts';
import { writableSink } from './writableSink.ts';

export function createNodeIo(): CliIo {
  // A reader of stderr that has gone: nothing more can be said to it, and the exit status says the rest.
  process.stderr.on('error', () => {});
  const stdout = writableSink(process.stdout);
  return {
    stdout: stdout.write,
    flushStdout: stdout.flush,
    stderr: (text) => { process.stderr.write(text); },
    // Node reads a directory given as stdin (`run - < dir`) as empty; say what it is instead.
    readStdin: (limit) => (fstatSync(0).isDirectory() ? Promise.reject(isADirectory()) : readStreamUpTo(process.stdin, limit)),
    readFile: readFileUpTo,
    writeTree,
    stderrIsTerminal: process.stderr.isTTY === true,
    now: () => performance.now(),
  };
}

/** Writes files into `dir`, which must not exist or be empty: nothing already there is overwritten. */
function writeTree(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error('the folder is not empty (nothing is overwritten: choose a new one)');
  for (const [path, content] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
