/**
 * Runs one input in this process the way a user meets it: a scenario document through the headless runner's
 * in-process entry `main(["run", "-"], io)` with an in-memory `CliIo`; a share link through the app's decoder
 * (`decodeShareFragment`) and then the runner's own path (play the scenario, write the report). The outcome is the
 * exit status the runner would give (an exception escaping is 1, as `src/cli/bin.ts` makes it) and whether the
 * output kept the contract: exit 2 with one message and nothing on stdout, exit 0 with a report.
 */
import { main, type CliIo } from '../../src/cli/main.ts';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';
import { playScenario } from '../../src/scenario/runScenario.ts';
import { decodeShareFragment } from '../../src/scenario/shareLink.ts';
import { writeReportJson } from '../../src/scenario/writeReportJson.ts';
import type { FuzzPayload } from './generateInput.ts';

export interface RunOutcome {
  code: number;
  /** The message on stderr (the first 2,000 characters), or the escaped exception's stack. */
  stderr: string;
  stdoutBytes: number;
  /** How the output broke the contract, if it did (exit 0 without a report, exit 2 with stdout). */
  violation: string | null;
  ms: number;
}

/**
 * A JavaScript exception or an engine fault shown to the user as if it were an answer: exit 2 with "Internal error:
 * the instrumented module is not valid WebAssembly" kept the exit-code contract but is a bug all the same.
 */
const LEAKED = /internal error|RangeError|TypeError|ReferenceError|Maximum call stack|Cannot read propert|is not a function|is not iterable|undefined is not|Invalid array length|Invalid typed array length/i;

function leaked(text: string): string | null {
  const match = LEAKED.exec(text);
  return match ? text.slice(match.index, match.index + 100).replace(/["\\]/g, '').split('\n')[0] : null;
}

/** Reports above this are counted, not kept: the campaign's own memory must not be what runs out. */
const KEEP_STDOUT_CHARS = 16 * 1024 * 1024;

function memoryIo(stdin: string) {
  const out = { chunks: [] as string[], chars: 0, bytes: 0, stderr: '' };
  const io: CliIo = {
    stdout: (text) => {
      out.bytes += Buffer.byteLength(text);
      out.chars += text.length;
      if (out.chars <= KEEP_STDOUT_CHARS) out.chunks.push(text);
      else out.chunks.length = 0;
    },
    stderr: (text) => { if (out.stderr.length < 2000) out.stderr += text.slice(0, 2000 - out.stderr.length); },
    readStdin: () => stdin,
    // No file is readable: a fuzzed `{"path": "/dev/zero"}` must not reach this machine's files.
    readFile: (path) => { throw new Error(`ENOENT: no such file or directory, open '${path}' (the fuzz campaign gives the runner no files)`); },
  };
  return { io, out };
}

async function runLink(fragment: string, io: CliIo): Promise<number> {
  const decoded = await decodeShareFragment(fragment);
  if (!decoded.ok) {
    io.stderr(`${decoded.error}\n`);
    return 2;
  }
  const played = await playScenario(decoded.scenario, { motoko: nodeMotokoCompiler() });
  if (!played.ok) {
    io.stderr(`${played.error}\n`);
    return 2;
  }
  const report = played.session.traceReport();
  writeReportJson(report, io.stdout);
  // The runner's contract (`main`): 3 when the scenario ran and an expectation or a check of it did not hold.
  return (report.expectations ?? []).some((e) => !e.pass) ? 3 : 0;
}

export async function runInput(payload: FuzzPayload): Promise<RunOutcome> {
  const { io, out } = memoryIo('stdin' in payload ? payload.stdin : '');
  const started = performance.now();
  let code: number;
  try {
    code = 'stdin' in payload ? await main(['run', '-'], io) : await runLink(payload.link, io);
  } catch (error) {
    code = 1;
    out.stderr = `internal error (a bug in the runner): ${error instanceof Error ? error.stack : String(error)}`.slice(0, 2000);
  }
  const ms = performance.now() - started;
  let violation: string | null = null;
  if (code === 2) {
    if (out.bytes > 0) violation = `exit 2 with ${out.bytes} bytes on stdout`;
    else if (out.stderr.trim() === '') violation = 'exit 2 without a message';
    else if (leaked(out.stderr)) violation = `exit 2 with an internal error as the message: ${leaked(out.stderr)}`;
  } else if ((code === 0 || code === 3) && out.chunks.length > 0) {
    const text = out.chunks.join('');
    try {
      const report = JSON.parse(text);
      const failed = Array.isArray(report?.expectations) && report.expectations.some((e: { pass?: unknown }) => e.pass !== true);
      if (report?.format !== 'canister-playground/report@1') violation = `exit ${code} without a report`;
      else if (failed !== (code === 3)) violation = `exit ${code} with ${failed ? 'a' : 'no'} failed expectation`;
      else if (leaked(text)) violation = `exit ${code} with an internal error in the report: ${leaked(text)}`;
    } catch (error) {
      violation = `exit ${code} with a report that is not JSON: ${(error as Error).message}`;
    }
  }
  return { code, stderr: out.stderr, stdoutBytes: out.bytes, violation, ms };
}
