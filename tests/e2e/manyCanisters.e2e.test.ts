/**
 * [e2e] Issue 16, target 3: a tab holds as many canisters as its worker allows. Chromium's V8 sandbox reserves room
 * for about 120 Wasm memories, so before canisters could sleep (`src/engine/canister/liveInstances.ts`) a link of
 * 200 canisters stopped the engine ("Out of memory: Cannot allocate Wasm memory for new instance"). Each canister
 * is called twice, a pass over all of them apart, so the second call finds it asleep and its state must carry over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './browser.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';
import type { Scenario } from '../../src/scenario/scenarioTypes.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

/** `inc` adds 1 to a heap word and replies its 8 bytes. */
const COUNTER = `(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (memory 1)
  (func (export "canister_update inc")
    (i64.store (i32.const 0) (i64.add (i64.load (i32.const 0)) (i64.const 1)))
    (call $append (i32.const 0) (i32.const 8))
    (call $reply)))`;

const COUNT = 200;

describe('[e2e] 200 canisters in one tab', () => {
  it('a link of 200 canisters opens and plays to its end, each canister\'s memory kept between its two calls', async () => {
    const names = Array.from({ length: COUNT }, (_, i) => `c${i}`);
    const parsed = parseScenario(JSON.stringify({
      format: 'canister-playground/scenario@1', title: 'Two hundred',
      canisters: names.map((name) => ({ name, source: { wat: COUNTER } })),
      steps: [1, 2].flatMap((pass) => names.map((to) => ({ call: { to, method: 'inc', label: `pass ${pass} ${to}` } }))),
    }));
    if (!parsed.ok) throw new Error(parsed.error);
    const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}#${encodeShareFragment(parsed.scenario as Scenario)}`);
    await page.locator('[data-testid=workspace-title]', { hasText: 'Two hundred' }).waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: /To the end/ }).click();
    const end = (await page.getByTestId('end-round').textContent())!.replace('/', '').trim();
    await expect.poll(() => page.getByTestId('round').textContent(), { timeout: 60_000 }).toBe(end);
    expect(await page.locator('.notices .banner.error').count()).toBe(0);
    const results = page.getByTestId('step-result');
    const last = (await results.last().textContent()) ?? '';
    expect(last).toContain('pass 2 c199');
    expect(last).toMatch(/replied/);
    expect(last).toContain('2 (u64, little-endian)'); // the second call found the first one's write
    expect(errors).toEqual([]);
  }, 180_000);
});
