/**
 * [e2e] The console of calls: a call picked in Results shows what it set in motion (its executions outlined in
 * the timeline, its messages selected in the graph, the playhead at the round it completed in); a management
 * call's Candid reply is read as Candid text with the interface's field names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, startApp, type App } from './browser.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const newPage = () => openApp(app);

const round = (page: Page) => page.getByTestId('round').textContent().then(Number);

describe('[e2e] the console of calls', () => {
  it('picking a call outlines its executions in the timeline and its messages in the graph, at the round it completed', async () => {
    const page = await newPage();
    await page.getByLabel('Lesson').selectOption('04-inter-canister');
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Until idle' }).count()).toBe(1);
    expect(await page.locator('.cp-tl-trail').count()).toBe(0);
    // The first call: caller.call (round 1) → counter.inc (round 2) → caller's reply callback (round 3).
    await page.getByRole('button', { name: /→ caller\.call$/ }).click();
    await expect.poll(() => round(page)).toBe(3);
    expect(await page.getByRole('button', { name: /→ caller\.call$/ }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('rect.cp-tl-exec.cp-tl-trail').count()).toBe(3);
    // The request and its response are outlined among the timeline's arrows, the ingress call too.
    expect(await page.locator('.cp-tl-arrow.cp-tl-trail').count()).toBeGreaterThanOrEqual(2);
    // At round 3 the graph draws the response arriving at the caller, selected.
    await expect.poll(() => page.locator('.cp-edge-label.cp-edge-selected').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.inspector h3').first().textContent()).toMatch(/execution/);
    // The inspector tells the call's first execution in words.
    expect(await page.getByTestId('event-sentence').textContent()).toMatch(/^caller ran call \(update\) for user: [\d,]+ instructions/);
    // The second call's trail is another one: its callback traps and cleanup runs (4 executions).
    await page.getByRole('button', { name: /→ caller\.call_then_trap$/ }).click();
    await expect.poll(() => round(page)).toBe(6);
    await expect.poll(() => page.locator('rect.cp-tl-exec.cp-tl-trail').count()).toBe(4);
    await page.context().close();
  }, 60_000);

  it('a canister_status reply reads as Candid with its field names', async () => {
    const page = await newPage();
    await page.getByLabel('Lesson').selectOption('02-update-vs-query');
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Until idle' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Status', exact: true }).click();
    await page.getByRole('button', { name: /^Step/ }).click();
    const result = page.getByTestId('step-result').last();
    await expect.poll(() => result.textContent()).toMatch(/manage replied/);
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/Candid \(record \{/);
    expect(text).toContain('status = variant {running}');
    expect(text).toMatch(/cycles = \d/);
    expect(text).toMatch(/module_hash = opt vec \{\d+; /);
    expect(text).not.toMatch(/_\d+_/); // every field and tag named
    await page.context().close();
  }, 60_000);
});
