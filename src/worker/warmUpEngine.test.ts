import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWat, initWat } from '../engine/index.ts';
import { decodeBase64 } from '../scenario/decodeBase64.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { createEngineApi } from './engineApi.ts';
import { WARM_UP_CANISTER_WASM, WARM_UP_SCENARIO, WARM_UP_STEPS, warmUpEngine } from './warmUpEngine.ts';

const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));

describe('[worker/warmUpEngine]', () => {
  it('embeds warmUpCanister.wat as it compiles', async () => {
    await initWat();
    const compiled = compileWat(readFileSync(new URL('./warmUpCanister.wat', import.meta.url), 'utf8'));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect(decodeBase64(WARM_UP_CANISTER_WASM)).toEqual(compiled.wasm);
  });

  it('installs the canister and its call replies: the warm-up runs the code a workspace runs', async () => {
    const outcome = await createEngineApi().load(WARM_UP_SCENARIO);
    if (!outcome.ok) throw new Error(outcome.error);
    // The outcome is at round 0, the events are those of the whole recording.
    const completed = outcome.events.find((e) => e.kind === 'ingress_completed');
    expect(outcome.events.map((e) => e.kind)).toContain('code_installed');
    expect(completed).toMatchObject({ response: { type: 'reply', bytes: 8 } });
  });

  it.each([
    ['before its first step', 0, 0],
    ['after its first step', 1, 1],
    ['never', Infinity, WARM_UP_STEPS],
  ])('gives way when the page asks %s', async (_when, askedAfter, ran) => {
    let checks = 0;
    expect(await warmUpEngine(() => checks++ >= askedAfter)).toBe(ran);
  });

  it('leaves a workspace played after it as it is played without it', async () => {
    await initWat();
    const parsed = parseScenario(readFileSync(new URL('../../examples/inter-canister.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const before = json(await createEngineApi().load(parsed.scenario));
    expect(await warmUpEngine(() => false)).toBe(WARM_UP_STEPS);
    expect(json(await createEngineApi().load(parsed.scenario))).toBe(before);
  });
});
