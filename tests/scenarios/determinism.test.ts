/**
 * [engine/determinism] The same scenario gives a byte-identical report, run after run; the shipped
 * examples run and are deterministic too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';
import { reportToJson } from '../../src/scenario/reportToJson.ts';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';

const EXAMPLES = resolve(dirname(new URL(import.meta.url).pathname), '../../examples');

async function runFile(path: string): Promise<string> {
  const parsed = parseScenario(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const result = await runScenario(parsed.scenario, {
    motoko: nodeMotokoCompiler(),
    readSource: (p) => {
      try {
        return readFileSync(resolve(dirname(path), p));
      } catch {
        return null;
      }
    },
  });
  if (!result.ok) throw new Error(result.error);
  return reportToJson(result.report);
}

const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

describe('[engine/determinism] examples', () => {
  it('ships examples', () => expect(examples.length).toBeGreaterThanOrEqual(3));
  it.each(examples)('%s gives the same bytes twice', async (file) => {
    const first = await runFile(join(EXAMPLES, file));
    const second = await runFile(join(EXAMPLES, file));
    expect(second).toBe(first);
    expect(JSON.parse(first).format).toBe('canister-playground/report@1');
  }, 120_000); // a Motoko example is compiled first (seconds)
});
