/**
 * [e2e] A round runs iterations (ic-reference.md §7.1; issue "replica fidelity, round two"): two canisters wired
 * together from the UI, a call between them answered within one round, and that round watched iteration by
 * iteration with the keyboard (`[` and `]`) and the buttons: the graph shows the request delivered, then the reply
 * on its way, then everything done; the timeline divides the round between its iterations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deployTemplate, lastResult, openApp, startApp, stepUntilAnswered, type App } from './browser.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

/** The graph's message labels with their phase, as the learner sees them (CSS class names the phase). */
const edges = (page: Page) => page.locator('.cp-edge-label').evaluateAll((els) => els.map((e) => {
  const phase = [...e.classList].find((c) => c.startsWith('cp-edge-') && c !== 'cp-edge-label' && c !== 'cp-edge-selected');
  return `${e.textContent} ${phase?.replace('cp-edge-', '')}`;
}));

describe('[e2e] iterations inside a round', () => {
  it('a call and its reply in one round, stepped through iteration by iteration', async () => {
    const page = await openApp(app);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();
    await deployTemplate(page, 'callee', 'Counter');
    await deployTemplate(page, 'caller', 'Inter-canister call', { principalOf: 'callee' });
    await page.getByLabel('method').fill('call_inc');
    await page.getByRole('button', { name: 'Send update' }).click();
    const answered = await stepUntilAnswered(page, /call replied/);
    // Submitted between rounds; sent, executed on the callee, answered and the callback run: all in the next round.
    const round = Number(await page.getByTestId('round').textContent());
    expect(answered).toContain(`round ${round - 1} → ${round}argument`);
    await expect.poll(() => page.getByTestId('moment').textContent()).toMatch(/ · 3 iterations$/);
    await expect.poll(() => page.locator('.cp-tl-iteration').count()).toBeGreaterThanOrEqual(2); // the timeline renders a render later

    // Back to the end of the first iteration: the request has been delivered, nothing has answered yet.
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect.poll(() => page.getByTestId('moment').textContent()).toMatch(/^iteration 1 of 3 · /);
    await expect.poll(() => edges(page)).toContainEqual('inc delivered');
    expect((await edges(page)).some((e) => e.startsWith('reply'))).toBe(false);
    // The end of the second: the callee ran and its reply is on its way.
    await page.getByRole('button', { name: 'iteration ›' }).click();
    await expect.poll(() => page.getByTestId('moment').textContent()).toMatch(/^iteration 2 of 3 · /);
    await expect.poll(() => edges(page)).toContainEqual('reply in-flight');
    // The whole round again.
    await page.keyboard.press(']');
    await expect.poll(() => page.getByTestId('moment').textContent()).toMatch(/^all \d+ events · 3 iterations$/);
    await expect.poll(() => edges(page)).toContainEqual('reply arrived');
    expect(await lastResult(page)).toContain('1 (u64, little-endian)');
    await page.context().close();
  }, 120_000);
});
