/**
 * The engine worker's warm-up. The first workspace a tab opens is also the first time the engine's code runs in the
 * worker: V8 parses and compiles each function on its first call and runs it in its interpreter until it is warm,
 * and that made the first load of a workspace about twice as slow as the next one in Chromium (104–151 ms against
 * 48–83 for a 20-canister link, BENCHMARKS.md session 22). The worker is idle from the moment it has evaluated its
 * code until the page, still rendering for the first time, sends it the workspace: it spends that time playing a
 * one-canister scenario through an engine API of its own, which is then dropped (issue 16, target 7).
 *
 * Nothing the workspace's engine does depends on it: the warm-up has its own subnet and session, and the
 * process-wide pieces it touches (the cache of prepared modules, keyed by bytes object; the pool of live instances,
 * which no execution can observe) give the same reports with or without it (warmUpEngine.test.ts).
 */
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

/** Plays the warm-up scenario with the worker's parameter caps; whether it loaded (it always should). */
export async function warmUpEngine(paramCaps?: Readonly<Record<string, string>>): Promise<boolean> {
  const outcome = await createEngineApi({ paramCaps }).load(WARM_UP_SCENARIO);
  return outcome.ok;
}
