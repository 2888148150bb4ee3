/**
 * Regression cases: every input that gave exit 1, a hang or an out-of-memory, saved under `tests/fuzz/regressions/`
 * as JSON that `tests/fuzz/regressions.test.ts` replays through the same harness. Large inputs are kept gzipped.
 * Exit-1 cases are minimised first (greedy deletion of JSON parts while the same failure remains).
 */
import { gunzipSync, gzipSync, strToU8, strFromU8 } from 'fflate';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../src/scenario/scenarioTypes.ts';
import { decodeShareFragment } from '../../src/scenario/shareLink.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';
import type { Json } from './corpus.ts';
import type { FuzzInput, FuzzPayload } from './generateInput.ts';
import type { CaseResult } from './harness.ts';

export const REGRESSIONS_DIR = fileURLToPath(new URL('../../tests/fuzz/regressions/', import.meta.url));

export interface RegressionCase {
  /** How to make the original input again. */
  found: string;
  category: string;
  note: string;
  verdict: string;
  signature: string;
  message: string;
  minimised: boolean;
  payload: FuzzPayload | { stdinGzipBase64: string } | { linkGzipBase64: string };
}

/** One line that tells two failures apart: the verdict, the message's first line with numbers blurred, the place. */
export function signatureOf(result: CaseResult, note: string): string {
  if (result.verdict === 'hang' || result.verdict === 'oom') return `${result.verdict}: ${note.replace(/[0-9]+/g, 'N')}`;
  const lines = result.message.split('\n');
  if (/Maximum call stack size exceeded/.test(lines[0])) {
    // Where a stack overflows varies with what ran before: name the code on the stack instead of the top frame.
    const places = new Set(lines.flatMap((l) => /\((?:.*\/)?((?:node_modules\/[^/]+)|(?:src\/.*?\.ts))/.exec(l)?.[1] ?? []));
    return `${result.verdict}: RangeError: Maximum call stack size exceeded in ${[...places].sort().join(', ') || 'unknown code'}`;
  }
  const first = lines[0].replace(/[0-9]+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 160);
  const frame = lines.find((l) => /^\s+at /.test(l))?.trim().replace(/:\d+:\d+\)?$/, '').replace(/\(.*\/(src|node_modules)\//, '($1/') ?? '';
  const violation = result.violation?.replace(/[0-9]+/g, 'N').replace(/[0-9a-f]{8,}/g, 'H').slice(0, 160);
  return `${result.verdict}${violation ? ` (${violation})` : ''}: ${first}${frame ? ` ${frame}` : ''}`;
}

const KEEP_PLAIN = 256 * 1024;

function storedPayload(payload: FuzzPayload): RegressionCase['payload'] {
  if ('stdin' in payload) return payload.stdin.length <= KEEP_PLAIN ? payload : { stdinGzipBase64: Buffer.from(gzipSync(strToU8(payload.stdin))).toString('base64') };
  return payload.link.length <= KEEP_PLAIN ? payload : { linkGzipBase64: Buffer.from(gzipSync(strToU8(payload.link))).toString('base64') };
}

export function payloadOf(stored: RegressionCase['payload']): FuzzPayload {
  if ('stdinGzipBase64' in stored) return { stdin: strFromU8(gunzipSync(Buffer.from(stored.stdinGzipBase64, 'base64'))) };
  if ('linkGzipBase64' in stored) return { link: strFromU8(gunzipSync(Buffer.from(stored.linkGzipBase64, 'base64'))) };
  return stored;
}

export function saveCase(input: FuzzInput, result: CaseResult, signature: string, payload: FuzzPayload, minimised: boolean): string {
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  const file = `${input.category}-s${input.seed}-i${input.index}-${result.verdict === '1' ? 'exit1' : result.verdict}.json`;
  const stored: RegressionCase = {
    found: `npm run fuzz -- --seed ${input.seed} --only ${input.index}`,
    category: input.category,
    note: input.note,
    verdict: result.verdict,
    signature,
    message: result.message.slice(0, 1500),
    minimised,
    payload: storedPayload(payload),
  };
  writeFileSync(REGRESSIONS_DIR + file, JSON.stringify(stored, null, 1) + '\n');
  return file;
}

/**
 * The saved cases: one or two per distinct cause at the top of the folder; with `duplicates`, also the other inputs
 * of the same causes the campaign saved (`tests/fuzz/regressions/duplicates/`, not replayed in CI: a hang costs 30 s).
 */
export function loadCases(options: { duplicates?: boolean; open?: boolean } = {}): { file: string; stored: RegressionCase }[] {
  const read = (dir: string, prefix: string) => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
        .map((file) => ({ file: prefix + file, stored: JSON.parse(readFileSync(dir + file, 'utf8')) as RegressionCase }));
    } catch {
      return [];
    }
  };
  return [
    ...read(REGRESSIONS_DIR, ''),
    ...(options.duplicates ? read(`${REGRESSIONS_DIR}duplicates/`, 'duplicates/') : []),
    ...(options.open ? read(`${REGRESSIONS_DIR}open/`, 'open/') : []),
  ];
}

/** The saved cases whose cause is still open (RELIABILITY.md "Open"): listed by the replay test as to-dos. */
export function openCaseFiles(): string[] {
  return loadCases({ open: true }).map(({ file }) => file).filter((file) => file.startsWith('open/'));
}

/** Candidates one step smaller than `value`: halves and single elements of arrays removed, keys removed, subtrees reduced. */
function* smaller(value: Json): Generator<Json> {
  if (Array.isArray(value)) {
    if (value.length > 1) {
      const half = Math.ceil(value.length / 2);
      yield value.slice(half);
      yield value.slice(0, half);
    }
    for (let i = 0; i < value.length; i++) yield [...value.slice(0, i), ...value.slice(i + 1)];
    for (let i = 0; i < value.length; i++) for (const c of smaller(value[i])) yield [...value.slice(0, i), c, ...value.slice(i + 1)];
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    for (const k of keys) { const { [k]: _, ...rest } = value; yield rest; }
    for (const k of keys) for (const c of smaller(value[k])) yield { ...value, [k]: c };
  }
}

/**
 * Greedy minimisation of an exit-1 input that is JSON (a scenario, or a link's scenario): keeps the first smaller
 * candidate that fails with the same signature, until none does or `budget` tries are spent.
 */
export async function minimise(payload: FuzzPayload, signature: string, note: string, run: (p: FuzzPayload) => Promise<CaseResult>, budget = 300): Promise<FuzzPayload | null> {
  let value: Json;
  let toPayload: (v: Json) => FuzzPayload;
  if ('stdin' in payload) {
    try { value = JSON.parse(payload.stdin); } catch { return null; }
    toPayload = (v) => ({ stdin: JSON.stringify(v) });
  } else {
    const decoded = await decodeShareFragment(payload.link);
    if (!decoded.ok) return null;
    value = decoded.scenario as unknown as Json;
    toPayload = (v) => ({ link: encodeShareFragment(v as unknown as Scenario, decoded.round) });
  }
  if (signatureOf(await run(toPayload(value)), note) !== signature) return null;
  let tries = 0;
  let improved = true;
  while (improved && tries < budget) {
    improved = false;
    for (const candidate of smaller(value)) {
      if (++tries > budget) break;
      if (signatureOf(await run(toPayload(candidate)), note) === signature) {
        value = candidate;
        improved = true;
        break;
      }
    }
  }
  return toPayload(value);
}
