/**
 * The headless runner: `canister-playground run <scenario.json | ->` prints the report on stdout.
 * Exit status (SCENARIO.md): 0 the scenario ran; 2 the input is unusable (one message on stderr naming
 * the place, nothing on stdout); 1 only for a bug in the runner itself.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseScenario } from '../scenario/parseScenario.ts';
import { playScenario } from '../scenario/runScenario.ts';
import { writeReportJson } from '../scenario/writeReportJson.ts';
import { nodeMotokoCompiler } from '../motoko/nodeMotokoCompiler.ts';

const USAGE = 'usage: canister-playground run <scenario.json | ->';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string;
  readonly readFile: (path: string) => Uint8Array;
}

export async function main(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] !== 'run' || args.length !== 2) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const target = args[1];
  let text: string;
  try {
    text = target === '-' ? io.readStdin() : new TextDecoder().decode(io.readFile(target));
  } catch (error) {
    io.stderr(`cannot read ${target === '-' ? 'standard input' : `"${target}"`}: ${(error as Error).message}\n`);
    return 2;
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    io.stderr(`${parsed.error}\n`);
    return 2;
  }
  const baseDir = target === '-' ? process.cwd() : dirname(resolve(target));
  const readSource = (path: string): Uint8Array | null => {
    try {
      return io.readFile(resolve(baseDir, path));
    } catch {
      return null;
    }
  };
  // moc.js is loaded only if the scenario has Motoko sources.
  const played = await playScenario(parsed.scenario, { readSource, motoko: nodeMotokoCompiler() });
  if (!played.ok) {
    io.stderr(`${played.error}\n`);
    return 2;
  }
  // In pieces (no 39.5 MB string for 20,000 updates); nothing is written before the scenario has run.
  writeReportJson(played.session.traceReport(), io.stdout);
  return 0;
}

export const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf8'),
  readFile: (path) => readFileSync(path),
};
