/**
 * [e2e] Issue 16, targets 1 and 6, in Chromium: a drag of the slider across a long workspace ends on a view equal to
 * the same workspace opened at that round (the graph, the results, the timeline's column at the cursor), although
 * the views answered the drag's moves from what they had derived for the whole trace; and selecting one canister
 * after another shows each one's code in the one editor the page keeps (Monaco is not created anew per canister).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './browser.ts';
import { CALLEE_WAT, callerCalleePair } from '../helpers/callerCanister.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';
import type { Scenario } from '../../src/scenario/scenarioTypes.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const CALLS = 300;
const FIRST_LINE_OF_CALLEE = CALLEE_WAT.split('\n')[0].slice(0, 30);

function workspace(): Scenario {
  const parsed = parseScenario(JSON.stringify({
    format: 'canister-playground/scenario@1', title: 'Long drag',
    ...callerCalleePair(Array.from({ length: CALLS }, (_, i) => [{ call: { to: 'caller', method: 'call_inc', label: `call ${i}` } }, { tick: 1 }]).flat()),
  }));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
}

async function open(round: number): Promise<Page & { errors: string[] }> {
  const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage() as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(`${app.url}#${encodeShareFragment(workspace(), round)}`);
  await page.locator('[data-testid=workspace-title]', { hasText: 'Long drag' }).waitFor({ timeout: 90_000 });
  await expect.poll(() => page.getByTestId('round').textContent(), { timeout: 60_000 }).toBe(String(round));
  // The panels around the graph (Results among them) come after it.
  await page.locator('section.call-log').waitFor({ timeout: 20_000 });
  return page;
}

/**
 * What the page shows at its round: the graph's text, the results, and the timeline's boxes in the cursor's column,
 * read until two reads 300 ms apart agree (the deferred views catch up with the playhead a render or more later).
 */
async function shown(page: Page): Promise<unknown> {
  let last = '';
  let seen: unknown = null;
  await expect.poll(async () => {
    seen = await read(page);
    const json = JSON.stringify(seen);
    const same = json === last;
    last = json;
    return same;
  }, { timeout: 30_000, interval: 300 }).toBe(true);
  return seen;
}

async function read(page: Page): Promise<unknown> {
  return {
    round: await page.getByTestId('round').textContent(),
    graph: await page.locator('.react-flow__node').allTextContents(),
    edges: (await page.locator('.react-flow__edge').evaluateAll((edges) => edges.map((e) => e.getAttribute('aria-label') ?? e.textContent))).sort(),
    results: await page.getByTestId('step-result').allTextContents(),
    column: await page.locator('.cp-timeline svg').last().evaluate((svg) => {
      const cursor = svg.querySelector('.cp-tl-cursor');
      const x = Number(cursor?.getAttribute('x'));
      const width = Number(cursor?.getAttribute('width'));
      return [...svg.querySelectorAll('[data-testid=timeline-execution]')]
        .map((r) => ({ x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')), width: Number(r.getAttribute('width')), cls: r.getAttribute('class') }))
        .filter((r) => r.x < x + width && r.x + r.width > x)
        .map((r) => `${r.x - x} ${r.y} ${r.width} ${r.cls}`).sort();
    }),
  };
}

/** The code lines the editor draws (Monaco draws spaces as no-break spaces). */
const codeShown = async (page: Page) => (await page.locator('.monaco-editor .view-lines').textContent())?.replace(/\u00a0/g, ' ');
const file = (page: Page, name: string) => page.getByRole('navigation', { name: 'Files' }).getByRole('button', { name: `${name}.wat` });

describe('[e2e] a long workspace', () => {
  it('a drag of the slider from the end ends on the view of the workspace opened at that round', async () => {
    const page = await open(0);
    await page.getByRole('button', { name: /To the end/ }).click();
    const end = (await page.getByTestId('end-round').textContent())!.replace('/', '').trim();
    await expect.poll(() => page.getByTestId('round').textContent(), { timeout: 60_000 }).toBe(end);
    const slider = page.getByRole('slider', { name: 'Scrub to round' });
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width - 2, y);
    await page.mouse.down();
    // Back past the middle and forward again a little, as a hand does, in 30 moves.
    for (let i = 1; i <= 30; i++) {
      const at = i <= 20 ? 1 - i * 0.035 : 0.3 + (i - 20) * 0.012;
      await page.mouse.move(box.x + box.width * at, y);
      await page.waitForTimeout(15);
    }
    await page.mouse.up();
    // The drag's last seek may still be on its way (the slider shows the round reached so far): the target is the
    // round the page stops at.
    let target = 0;
    await expect.poll(async () => {
      const before = await page.getByTestId('round').textContent();
      await page.waitForTimeout(400);
      const after = await page.getByTestId('round').textContent();
      target = Number(after);
      return before === after && after === await slider.inputValue();
    }, { timeout: 30_000 }).toBe(true);
    expect(target).toBeGreaterThan(0);
    expect(target).toBeLessThan(Number(end));
    await expect.poll(() => page.getByTestId('round').textContent(), { timeout: 30_000 }).toBe(String(target));
    const dragged = await shown(page);
    expect((dragged as { results: string[] }).results.length).toBeGreaterThan(0);

    const straight = await open(target);
    expect(dragged).toEqual(await shown(straight));
    expect(page.errors).toEqual([]);
    expect(straight.errors).toEqual([]);
  }, 240_000);

  it('selecting one canister after another shows each one\'s code in the one editor the page keeps', async () => {
    const page = await open(2);
    await page.getByRole('tab', { name: 'Code' }).click();
    const editors = page.locator('.monaco-editor');
    await editors.first().waitFor({ timeout: 60_000 });
    // Monaco draws a model's view anew in the element it was created in: that element is the editor kept.
    await page.evaluate(() => document.querySelector('.monaco-editor')!.parentElement!.setAttribute('data-first', 'yes'));
    for (const name of ['caller', 'callee', 'caller']) {
      await file(page, name).click();
      await page.locator('section.canister-editor h3', { hasText: `${name}.wat` }).waitFor();
      await expect.poll(() => codeShown(page)).toContain(name === 'caller' ? 'A caller canister' : FIRST_LINE_OF_CALLEE);
      expect(await editors.count()).toBe(1);
      expect(await page.locator('[data-first=yes] > .monaco-editor').count(), 'the same editor, not a new one').toBe(1);
    }
    // Typing goes to the file shown: a space and a comment at the end of callee's code, kept as its draft.
    await file(page, 'callee').click();
    await page.locator('section.canister-editor h3', { hasText: 'callee.wat' }).waitFor();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' ;; edited here');
    await expect.poll(() => codeShown(page)).toContain(';; edited here');
    await file(page, 'caller').click();
    await page.locator('section.canister-editor h3', { hasText: 'caller.wat' }).waitFor();
    await expect.poll(() => codeShown(page)).not.toContain(';; edited here');
    await file(page, 'callee').click();
    await page.locator('section.canister-editor h3', { hasText: 'callee.wat' }).waitFor();
    await expect.poll(() => codeShown(page)).toContain(';; edited here');
    expect(page.errors).toEqual([]);
  }, 180_000);
});
