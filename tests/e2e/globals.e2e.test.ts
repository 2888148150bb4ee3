/**
 * [e2e] The inspector's globals (issue "writing, deploying and calling canisters as learners expect": mutable
 * globals shown by name with their values and what changed this round): a counter deployed from its template shows
 * `$counter` by name; an `inc` makes it 1 with "+1 this round" in the round it ran, and the marker goes with the next
 * round; seeking back to that round shows it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, stepUntilAnswered, type App } from './browser.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

/** The inspector's globals as rows of text: name, type, value, change marker. */
function globalRows(page: Page): Promise<string[][]> {
  return page.getByTestId('inspector-globals').locator('tr').evaluateAll((rows) => rows.map((row) => (
    [...row.children].map((cell) => (cell.textContent ?? '').trim())
  )));
}

describe('[e2e] the inspector\'s globals', () => {
  it('a counter\'s global, by its WAT name, with its value and the change of this round', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(app.url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();
    const form = page.locator('.deploy-panel');
    await form.getByLabel('new canister name').fill('counter');
    await form.getByLabel('new canister code').selectOption({ label: 'template: Counter' });
    await form.getByRole('button', { name: 'Create and install' }).click();
    await page.locator('.inspector h3', { hasText: 'counter' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => globalRows(page), { message: 'installed' }).toEqual([['counter', 'i64', '0', '']]);

    await page.getByLabel('method').fill('inc');
    await page.getByRole('button', { name: 'Send update' }).click();
    await stepUntilAnswered(page, /call replied/);
    const changedIn = await page.getByTestId('round').textContent();
    await expect.poll(() => globalRows(page), { message: 'the round of the call' }).toEqual([['counter', 'i64', '1', '+1 this round (was 0)']]);

    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => globalRows(page), { message: 'the next round changed nothing' }).toEqual([['counter', 'i64', '1', '']]);

    await page.getByRole('button', { name: /Back$/ }).click();
    await expect.poll(() => page.getByTestId('round').textContent()).toBe(changedIn);
    await expect.poll(() => globalRows(page), { message: 'back in the round of the call' }).toEqual([['counter', 'i64', '1', '+1 this round (was 0)']]);
    await page.context().close();
  }, 90_000);
});
