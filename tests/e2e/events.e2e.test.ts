/**
 * [e2e] Issue 11, "an event list": in Chromium, through the UI only. In the inter-canister lesson, the Events tab
 * says in words what the round did (the caller's name and the call fee, exactly), follows the playhead, filters by
 * canister, by kind and for the whole run, and a click on an event shows it in the inspector. The tabs switch by
 * arrow keys, and opening another lesson resets the filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './browser.ts';
import { LESSONS } from '../../src/lessons/index.ts';
import { groupDigits } from '../../src/ui/graph/formatAmount.ts';
import { runInline, type InlineScenario } from '../helpers/runInline.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const LESSON = '04-inter-canister';

const round = async (page: Page) => Number(await page.getByTestId('round').textContent());
const items = (page: Page) => page.getByTestId('event-item').allTextContents();
const count = async (page: Page) => (await page.getByTestId('event-count').textContent()) ?? '';

async function openLesson(page: Page, id: string): Promise<void> {
  await page.getByLabel('Lesson').selectOption(id);
  await page.locator('[data-testid=workspace-title]', { hasText: LESSONS.find((l) => l.id === id)!.title }).waitFor();
  await expect.poll(() => round(page)).toBe(0);
}

describe('[e2e] the event list', () => {
  it('says what a round did in words, filters by canister, kind and scope, and selects an event for the inspector', async () => {
    // The first call between canisters, as the headless runner records it: its round and its fee.
    const events = (await runInline(LESSONS.find((l) => l.id === LESSON)!.scenario as InlineScenario)).events as unknown as ({ kind: string; round: number } & Record<string, unknown>)[];
    const sent = events.find((e) => e.kind === 'request_sent')!;
    const callRound = sent.round;
    const sentence = `caller paid ${groupDigits(String(sent.fee))} cycles to send ${sent.bytes} bytes to counter.inc; `
      + `${groupDigits(String(sent.reserved))} reserved for the reply and its callback`;
    const inRound = events.filter((e) => e.round === callRound && e.kind !== 'round_started' && e.kind !== 'round_finished');

    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    await openLesson(page, LESSON);
    for (let r = 0; r < callRound; r++) await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(callRound);

    await page.getByRole('tab', { name: 'Events' }).click();
    const list = page.locator('.event-list');
    await expect.poll(() => items(page)).toContain(`r${callRound} ${sentence}`);
    expect(await count(page)).toBe(`${inRound.length} events in round ${callRound}`);
    expect(await items(page)).toHaveLength(inRound.length);
    expect((await items(page)).every((text) => text.startsWith(`r${callRound} `)), 'this round only').toBe(true);

    // One canister: the callee, in the call, its delivery and what the callee did, all in this round (§7.1).
    const delivered = `r${callRound} caller's call to counter.inc reached counter's queue`;
    await list.getByLabel('Canister').selectOption({ label: 'counter' });
    await expect.poll(() => items(page)).toContain(`r${callRound} ${sentence}`);
    const counterItems = await items(page);
    expect(counterItems).toContain(delivered);
    expect(counterItems.length).toBeLessThan(inRound.length);
    expect(await count(page)).toBe(`${counterItems.length} events in round ${callRound}`);
    // One kind: the cycles of the round, every canister again.
    await list.getByLabel('Canister').selectOption({ label: 'all canisters' });
    await list.getByLabel('Kind').selectOption({ label: 'cycles' });
    const cycleEvents = inRound.filter((e) => e.kind === 'cycles_charged' || e.kind === 'cycles_refunded');
    await expect.poll(() => items(page)).toHaveLength(cycleEvents.length);
    expect(cycleEvents.length).toBeGreaterThan(1);
    expect(await items(page)).toContain(`r${callRound} caller was charged ${groupDigits(String(sent.fee))} cycles for sending a call (not refundable)`);
    expect((await items(page)).every((text) => / was charged | got back /.test(text))).toBe(true);
    // Both: what counter paid and got back in this round (its execution of inc), and nothing of the caller's.
    await list.getByLabel('Canister').selectOption({ label: 'counter' });
    const counterCycles = inRound.filter((e) => (e.kind === 'cycles_charged' || e.kind === 'cycles_refunded') && e.canister === sent.to);
    await expect.poll(() => items(page)).toHaveLength(counterCycles.length);
    expect(counterCycles.length).toBeGreaterThan(0);
    expect((await items(page)).every((text) => text.startsWith(`r${callRound} counter `))).toBe(true);

    // The whole run: the set-up of round 0 too; the round markers only in their own group.
    await list.getByLabel('Canister').selectOption({ label: 'all canisters' });
    await list.getByLabel('Kind').selectOption({ label: 'all but round markers' });
    await list.getByRole('button', { name: 'whole run' }).click();
    const soFar = events.filter((e) => e.round <= callRound && e.kind !== 'round_started' && e.kind !== 'round_finished');
    await expect.poll(() => count(page)).toBe(`${soFar.length} events in the whole run`);
    expect(await items(page)).toContain('r0 counter was created with 100,000,000,000,000 cycles, controlled by user');
    await list.getByLabel('Kind').selectOption({ label: 'rounds and time' });
    const finished = events.find((e) => e.kind === 'round_finished' && e.round === callRound)!;
    await expect.poll(() => items(page)).toContain(`r${callRound} round ${callRound} finished: ${finished.executions} executions, ${groupDigits(String(finished.instructions))} instructions`);
    await list.getByLabel('Kind').selectOption({ label: 'all but round markers' });

    // A click shows the event in the inspector, and the list marks it.
    await page.getByTestId('event-item').filter({ hasText: sentence }).click();
    await expect.poll(() => page.locator('.inspector h3').first().textContent()).toBe(`request sent round ${callRound}`);
    expect(await page.locator('.inspector').first().textContent()).toContain(String(sent.reserved));
    expect(await page.locator('[data-testid=event-item][aria-current=true]').textContent()).toBe(`r${callRound} ${sentence}`);

    // The list follows the playhead, inside the round too: at the end of the round's first iteration the call has
    // reached the counter's queue and nothing has answered it yet; the next round is the next call.
    await list.getByRole('button', { name: 'this round' }).click();
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect.poll(() => page.getByTestId('moment').textContent()).toMatch(/^iteration 1 of \d+ · /);
    // One poll for both: the list is rendered from a deferred value, so it may still show the end of the round (which
    // also holds `delivered`) for a frame after the moment's label has changed.
    const atFirstIteration = (texts: string[]) => texts.includes(delivered) && !texts.some((text) => text.includes('answered') || text.includes('replied'));
    await expect.poll(async () => atFirstIteration(await items(page))).toBe(true);
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(callRound + 1);
    await expect.poll(async () => (await items(page)).every((text) => text.startsWith(`r${callRound + 1} `))).toBe(true);

    // The three tabs switch by arrow keys, around.
    await page.getByRole('tab', { name: 'Events' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Narration' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByRole('tab', { name: 'Events' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('tab-events');

    // The filter belongs to the workspace: another lesson starts with every canister and kind of its round 0.
    await list.getByLabel('Canister').selectOption({ label: 'counter' });
    await openLesson(page, '03-trap-rollback');
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => list.getByLabel('Canister').inputValue()).toBe('');
    await expect.poll(() => count(page)).toMatch(/^\d+ events in round 0$/);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
