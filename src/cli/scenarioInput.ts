/**
 * The scenario a command of the runner reads (a file, or standard input for "-") and the source files it names,
 * each up to the playground's limit (`runnerInputLimits.ts`): shared by \`run\` and \`export\`.
 */
import { dirname, resolve } from 'node:path';
import type { ReadSource } from '../scenario/loadScenario.ts';
import { decodeUtf8Text } from './decodeUtf8Text.ts';
import { describeIoError } from './describeIoError.ts';
import type { CliIo } from './main.ts';
import { MAX_SCENARIO_BYTES, MAX_SOURCE_FILE_BYTES, formatMiB } from './runnerInputLimits.ts';

type TextRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** The scenario document as text: read up to the limit, refused above it, and refused if it is not UTF-8. */
export async function readScenarioText(target: string, io: CliIo): Promise<TextRead> {
  const name = target === '-' ? 'standard input' : JSON.stringify(target); // quoted, escaped: one line whatever the name
  let input: string | Uint8Array;
  try {
    input = target === '-' ? await io.readStdin(MAX_SCENARIO_BYTES) : io.readFile(target, MAX_SCENARIO_BYTES);
  } catch (error) {
    return { ok: false, error: `cannot read ${name}: ${describeIoError(error)}` };
  }
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (bytes > MAX_SCENARIO_BYTES) {
    return { ok: false, error: `${name} is larger than the playground's limit for a scenario document, ${formatMiB(MAX_SCENARIO_BYTES)}` };
  }
  const decoded = typeof input === 'string' ? { ok: true as const, text: input } : decodeUtf8Text(input);
  if (!decoded.ok) return { ok: false, error: `${name} is ${decoded.error}` };
  // A closed or empty stdin (`run - <&-`, `run - < /dev/null`) says so rather than "not valid JSON".
  if (decoded.text.trim() === '') return { ok: false, error: `${name} is empty: expected a scenario (JSON)` };
  return decoded;
}

/** Reads `{"path": …}` sources relative to the scenario file (or the working directory for stdin), up to the limit. */
export function sourceReader(target: string, io: CliIo): ReadSource {
  return (path) => {
    try {
      const baseDir = target === '-' ? process.cwd() : dirname(resolve(target));
      const bytes = io.readFile(resolve(baseDir, path), MAX_SOURCE_FILE_BYTES);
      if (bytes.length > MAX_SOURCE_FILE_BYTES) return `larger than the playground's limit for a source file, ${formatMiB(MAX_SOURCE_FILE_BYTES)}`;
      return bytes;
    } catch (error) {
      return describeIoError(error);
    }
  };
}

