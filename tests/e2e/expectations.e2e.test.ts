/**
 * [e2e] Issue 14, expectations in the app: a workspace whose steps carry `expect` (opened from a share link) shows
 * each expectation under its step's result, "not answered yet" while the response is pending at the playhead, then
 * held (✓) or not (✗) with what was seen once it has come — the same verdicts the runner gives at the end.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './browser.ts';
import { seriousViolations } from './axe.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const COUNTER = readFileSync(new URL('../../examples/counter.wat', import.meta.url), 'utf8');

const parsed = parseScenario(JSON.stringify({
  format: 'canister-playground/scenario@1',
  title: 'Counter with expectations',
  users: ['alice'],
  canisters: [{ name: 'counter', source: { wat: COUNTER } }],
  steps: [
    { call: { to: 'counter', method: 'inc', label: 'count one', expect: { status: 'replied', withinRounds: 1 } } },
    { tick: 1 },
    { query: { to: 'counter', method: 'get', expect: { reply: { hex: '0100000000000000' } } } },
    { query: { to: 'counter', method: 'get', expect: { reply: { text: '1' } } } },
  ],
}));
if (!parsed.ok) throw new Error(parsed.error);
const scenario = parsed.scenario;

describe('[e2e] expectations beside their steps', () => {
  it('waits while the call is pending, then says which hold and which do not, as the runner does', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}#${encodeShareFragment(scenario)}`);
    await page.locator('[data-testid=workspace-title]', { hasText: 'Counter with expectations' }).waitFor({ timeout: 60_000 });
    await page.locator('section.call-log').waitFor({ timeout: 20_000 });
    const expectations = () => page.getByTestId('expectation').allTextContents();

    // Round 0: the call is submitted, not yet executed.
    await expect.poll(expectations).toEqual(['… expects status replied: not answered yet', '… expects withinRounds at most 1 round: not answered yet']);
    expect(await page.getByTestId('expectation-summary').textContent()).toBe('Expectations so far: 2 not answered yet');

    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(expectations).toEqual([
      '✓ holds: status replied',
      '✓ holds: withinRounds at most 1 round (1 round)',
      '✓ holds: reply 0x0100000000000000',
      '✗ does not hold: reply expected "1", seen 0x0100000000000000',
    ]);
    expect(await page.getByTestId('expectation-summary').textContent()).toBe('Expectations so far: 3 hold · 1 does not hold');
    // The held and the failed read apart by their words and their colour.
    const colours = await page.getByTestId('expectation').evaluateAll((items) => items.map((item) => getComputedStyle(item).color));
    expect(colours[0]).toBe(colours[2]);
    expect(colours[3]).not.toBe(colours[0]);
    expect(await seriousViolations(page, 'section.call-log')).toEqual([]);

    // The runner's verdicts on the same scenario are the same.
    const run = await runScenario(scenario);
    if (!run.ok) throw new Error(run.error);
    expect(run.report.expectations!.map((e) => e.pass)).toEqual([true, true, true, false]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
