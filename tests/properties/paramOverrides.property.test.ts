/**
 * [params] Parameter overrides anywhere within their documented ranges (src/engine/paramRanges.ts) never make the
 * runner fail with exit 1: each example scenario, played on a subnet with a handful of parameters at the ends of
 * their ranges, in between, or at their defaults, either runs (exit 0, or 3 when the parameters make an expectation
 * of its steps fail: a message limit of one instruction traps every call) or is refused with one message (exit 2: a
 * relation between parameters that does not hold, or a set-up the parameters make impossible, such as an install
 * limit too low to compile the module). Issue 17.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInMemory } from '../cli/runnerFixtures.ts';
import { IC_PARAMS, PARAM_RANGES, type ParamName } from '../../src/engine/index.ts';
import { propertyParams, propertyTimeout } from './propertyParams.ts';

const EXAMPLES_DIR = new URL('../../examples/', import.meta.url);
/** The WAT examples with their sources inlined (the Motoko one needs moc, minutes for a property). */
const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).map((file) =>
  JSON.parse(readFileSync(new URL(file, EXAMPLES_DIR), 'utf8'), (_key, value) =>
    typeof value?.path === 'string' ? { [value.path.endsWith('.mo') ? 'motoko' : 'wat']: readFileSync(new URL(value.path, EXAMPLES_DIR), 'utf8') } : value))
  .filter((scenario) => !JSON.stringify(scenario).includes('"motoko"'));

const NAMES = Object.keys(IC_PARAMS) as ParamName[];

/** A value of the parameter's range: either end, next to either end, its default, or anywhere between. */
function valueIn(name: ParamName): fc.Arbitrary<string> {
  const { min, max } = PARAM_RANGES[name]!;
  const fallback = IC_PARAMS[name] < min || IC_PARAMS[name] > max ? min : IC_PARAMS[name];
  return fc.oneof(
    fc.constantFrom(min, max, min + 1n > max ? max : min + 1n, max - 1n < min ? min : max - 1n, fallback),
    fc.bigInt({ min, max }),
    // Near the default, where a lesson's values are: a tenth to ten times it.
    fc.integer({ min: -1, max: 1 }).map((power) => clamp(power < 0 ? fallback / 10n : fallback * 10n ** BigInt(power), min, max)),
  ).map(String);
}
const clamp = (value: bigint, min: bigint, max: bigint) => (value < min ? min : value > max ? max : value);

const overrides = fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 6 })
  .chain((names) => fc.tuple(...names.map((name) => valueIn(name).map((value) => [name, value] as const))))
  .map((entries) => Object.fromEntries(entries));

const run = (stdin: string) => runInMemory(['run', '-'], stdin);

describe('[params] overrides within their ranges', () => {
  it('never give exit 1', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...EXAMPLES), fc.constantFrom('ic', 'classroom'), overrides, fc.integer({ min: 1, max: 40 }),
      async (example, preset, params, nodes) => {
        // Examples written for `classroom` stay on it: under `ic`, the time-slicing example's long message runs tens
        // of billions of instructions, a minute a run.
        const forClassroom = example.subnet?.preset === 'classroom';
        const scenario = { ...example, subnet: { preset: forClassroom ? 'classroom' : preset, nodes, params }, maxRounds: 200 };
        const { code, stdout, stderr } = await run(JSON.stringify(scenario));
        expect([0, 2, 3], stderr).toContain(code);
        if (code === 2) expect(stderr.trim().split('\n')).toHaveLength(1);
        else {
          const report = JSON.parse(stdout);
          expect(report.format).toBe('canister-playground/report@1');
          // 3 exactly when an expectation failed.
          expect((report.expectations ?? []).some((e: { pass: boolean }) => !e.pass)).toBe(code === 3);
        }
        // In range, a parameter is never the complaint; a relation between two may be.
        expect(stderr).not.toMatch(/is out of its range/);
      },
    ), propertyParams({ numRuns: 150, seed: 17 }));
  }, propertyTimeout ?? 120_000);
});
