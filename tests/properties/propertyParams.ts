/**
 * Run counts and seeds of the property tests: few runs from fixed seeds in CI, so `npm test` stays fast and a
 * failure reproduces; `PROPERTY_RUNS=1000 PROPERTY_SEED=7 npx vitest run tests/properties` hunts with more.
 */
export const HUNT_RUNS = Number(process.env.PROPERTY_RUNS ?? 0);
const HUNT_SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

export const hunting = HUNT_RUNS > 0;

/** Per-test timeout: vitest's default unless hunting, when a property may run for many minutes. */
export const propertyTimeout: number | undefined = hunting ? 3_600_000 : undefined;

/** fast-check parameters: `ci` unless hunting. */
export function propertyParams(ci: { numRuns: number; seed: number }): { numRuns: number; seed: number } {
  return hunting ? { numRuns: HUNT_RUNS, seed: HUNT_SEED ?? Date.now() } : ci;
}
