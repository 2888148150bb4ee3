/**
 * The engine worker's warm-up. The first workspace a tab opens is also the first time the engine's code runs in the
 * worker: V8 parses and compiles each function on its first call and runs it in its interpreter until it is warm,
 * and that made the first load of a workspace about twice as slow as the next one in Chromium (104–151 ms against
 * 48–83 for a 20-canister link, BENCHMARKS.md session 22). The worker is idle from the moment it has evaluated its
 * code until the page, still rendering for the first time, sends it the workspace: it spends that time playing a
 * one-canister scenario through an engine API of its own, which is then dropped (issue 16, target 7).
 *
 * It gives way to the page: a workspace asked for while it runs would wait for all of it, in code still cold, and
 * come later than without it (the default page's first lesson is asked for sooner than a link's 20 canisters). So it
 * runs in steps, a task each — the instrumenter and the module hash on the canister's module, then the scenario —
 * and stops before the next step once the page has asked for anything (`asked`).
 *
 * Nothing the workspace's engine does depends on it: the warm-up has its own subnet and session, and the
 * process-wide pieces it touches (the cache of prepared modules, keyed by bytes object; the pool of live instances,
 * which no execution can observe) give the same reports with or without it (warmUpEngine.test.ts).
 */
import { moduleHash, prepareCanisterModule } from '../engine/index.ts';
import { decodeBase64 } from '../scenario/decodeBase64.ts';
import { SCENARIO_FORMAT, type Scenario } from '../scenario/scenarioTypes.ts';
import { createEngineApi } from './engineApi.ts';

/** `warmUpCanister.wat`, compiled (its test compiles the source and compares): the worker has no WAT compiler yet. */
export const WARM_UP_CANISTER_WASM =
  'AGFzbQEAAAABFwVgAAF/YAN/f38AYAJ/fwBgAABgAX8AAl0EA2ljMBFtc2dfYXJnX2RhdGFfc2l6ZQAAA2ljMBFtc2dfYXJnX2RhdGFfY29weQABA2ljMBVtc2dfcmVwbHlfZGF0YV9hcHBlbmQAAgNpYzAJbXNnX3JlcGx5AAMDBAMEAwMFAwEAAQYGAX4BQgALBykCDWNhbmlzdGVyX2luaXQABRVjYW5pc3Rlcl91cGRhdGUgY291bnQABgpPAyABAX8DQEHAACABaiABOgAAIAFBAWohASABIABJDQALCwcAQYACEAQLJABBAEEAEAAQASMAQgF8JABBACMANwMAQSAQBEEAQQgQAhADCw==';

/** Installs the canister and calls it once: a load, an ingress message, a round, an outcome. */
export const WARM_UP_SCENARIO: Scenario = {
  format: SCENARIO_FORMAT,
  users: ['alice'],
  canisters: [{ name: 'warm', source: { wasm: WARM_UP_CANISTER_WASM }, cycles: '100000000000000' }],
  maxRounds: 10,
  steps: [{ call: { from: 'alice', to: 'warm', method: 'count' } }, { tick: 1 }],
};

/** The steps, cheapest first; each answers whether it went as it should (it always should). */
const steps = (paramCaps?: Readonly<Record<string, string>>): (() => boolean | Promise<boolean>)[] => [
  () => {
    const bytes = decodeBase64(WARM_UP_CANISTER_WASM)!;
    return prepareCanisterModule(bytes).ok && moduleHash(bytes).length === 64;
  },
  async () => (await createEngineApi({ paramCaps }).load(WARM_UP_SCENARIO)).ok,
];

/**
 * Warms the engine up in steps, one task each, until done or `asked()` (the page has asked for something); with the
 * worker's parameter caps. How many steps ran, or null if one went wrong.
 */
export async function warmUpEngine(asked: () => boolean, paramCaps?: Readonly<Record<string, string>>): Promise<number | null> {
  let ran = 0;
  for (const step of steps(paramCaps)) {
    await new Promise((next) => setTimeout(next, 0));
    if (asked()) break;
    if (!(await step())) return null;
    ran++;
  }
  return ran;
}

/** How many steps `warmUpEngine` has. */
export const WARM_UP_STEPS = steps().length;
