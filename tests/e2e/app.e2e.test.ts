/**
 * [e2e] The built app in Chromium: the first lesson opens with a graph, a canister is created and called, share
 * links round-trip, a reload restores the workspace, a dead worker is replaced without losing the workspace, a corrupt
 * link shows an error, and an endless loop in a canister leaves the page responsive (the engine runs in its worker).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLesson, startApp, type App } from './browser.ts';
import { LESSONS } from '../../src/lessons/index.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';
import type { Scenario } from '../../src/scenario/scenarioTypes.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

async function newPage(path = ''): Promise<Page> {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (/Content.Security.Policy/i.test(message.text())) errors.push(message.text()); });
  await page.goto(app.url + path);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

async function round(page: Page): Promise<number> {
  return Number(await page.getByTestId('round').textContent());
}

describe('[e2e] the playground', () => {
  it('opens with the first lesson and a graph on screen; Step advances a round', async () => {
    const page = await newPage();
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=workspace-title]', { hasText: LESSONS[0].title }).waitFor();
    const before = await round(page);
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(before + 1);
    // The editor arrives once the page is idle: Monaco, with the WAT language, under Code.
    await page.getByRole('tab', { name: /^Code/ }).click();
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("script-src 'self' 'wasm-unsafe-eval'");
  }, 60_000);

  it('creates a canister from a template, calls it, and sees the reply', async () => {
    const page = await newPage();
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
    await page.getByLabel('new canister name').fill('fresh');
    await page.getByRole('button', { name: 'Create and install' }).click();
    await page.locator('.inspector h3', { hasText: 'fresh' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('method').fill('inc');
    await page.getByRole('button', { name: 'Send update' }).click();
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(async () => (await page.getByTestId('step-result').last().textContent()) ?? '').toContain('replied');
    await expect.poll(() => page.locator('.react-flow__node', { hasText: 'fresh' }).count()).toBe(1);
    // The timeline builds a tooltip for what the pointer is on.
    // (The arrow of the call that started it ends on it: the box still takes the pointer.)
    await page.getByTestId('timeline-execution').last().hover();
    await expect.poll(() => page.locator('[data-testid=timeline-execution] title').count()).toBe(1);
    expect(await page.locator('[data-testid=timeline-execution] title').textContent()).toContain('instructions');
    // Its Wasm memory, as hex, fetched from the worker when the section is opened.
    await page.locator('summary', { hasText: 'Wasm memory' }).click();
    await expect.poll(() => page.locator('.hex-row').count()).toBe(16);
  }, 60_000);

  it('?scenario=<url> opens a scenario file from a URL', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const scenario = {
      format: 'canister-playground/scenario@1', title: 'Fetched from a URL',
      canisters: [{ name: 'remote', source: { wat: '(module (func (export "canister_update x")))' } }], steps: [],
    };
    await page.route('https://scenarios.example/remote.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(scenario) }));
    await page.goto(`${app.url}?scenario=${encodeURIComponent('https://scenarios.example/remote.json')}`);
    await page.locator('[data-testid=workspace-title]', { hasText: 'Fetched from a URL' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.react-flow__node', { hasText: 'remote' }).count()).toBe(1);
    await context.close();
  }, 60_000);

  it('removing every controller makes the canister immutable: management calls are then refused', async () => {
    const page = await newPage();
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
    await page.getByText('Settings', { exact: true }).click();
    for (const box of await page.locator('.settings-form fieldset input[type=checkbox]:checked').all()) await box.uncheck();
    await page.getByRole('button', { name: 'Update settings' }).click();
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(async () => (await page.getByTestId('step-result').last().textContent()) ?? '').toContain('replied');
    await expect.poll(async () => (await page.getByTestId('inspector-status').textContent()) ?? '').toContain('running');
    expect(await page.locator('.facts').textContent()).toContain('none (immutable)');
    await page.locator('.manage-panel').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('step-result').last().textContent()) ?? '').toContain('IC0512');
  }, 60_000);

  it('a share link opens the same workspace', async () => {
    const page = await newPage();
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(1);
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByTestId('share-link').inputValue();
    const hash = new URL(link).hash;
    expect(hash).toMatch(/^#s=/);
    const other = await newPage(hash);
    await other.locator('.react-flow').waitFor({ timeout: 20_000 });
    await expect.poll(() => round(other)).toBe(await round(page));
    await other.getByRole('button', { name: 'Share link' }).click();
    await expect.poll(() => other.getByTestId('share-link').inputValue().then((l) => new URL(l).hash)).toBe(hash);
  }, 60_000);

  it('a reload restores the workspace', async () => {
    const page = await newPage();
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
    const start = await round(page);
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(start + 1);
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(start + 2);
    const reached = start + 2;
    // Editor text not installed yet is part of the workspace too.
    await page.getByRole('tab', { name: /^Code/ }).click();
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type(';; draft (call $x) not deployed yet\n');
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
    await expect.poll(() => round(page)).toBe(reached);
    await page.getByRole('tab', { name: /^Code/ }).click();
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    // Spaces type as spaces (the graph's pan key must not swallow them).
    await expect.poll(() => page.locator('.monaco-editor .view-lines').first().textContent()).toContain(';;\u00a0draft\u00a0(call\u00a0$x)\u00a0not\u00a0deployed\u00a0yet');
  }, 60_000);

  it('a dead engine worker is noticed, restarted, and the workspace replayed', async () => {
    const page = await newPage();
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
    const start = await round(page);
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(start + 1);
    const engineWorker = () => page.workers().find((w) => w.url().includes('engine.worker'));
    const alert = page.locator('.banner[role=alert]');
    // Dies without a word (as when its memory runs out): only the liveness check can notice.
    const first = engineWorker()!;
    await first.evaluate('self.close()').catch(() => undefined);
    await alert.filter({ hasText: 'workspace replayed' }).waitFor({ timeout: 20_000 });
    expect(await round(page)).toBe(start + 1);
    await expect.poll(() => engineWorker() !== undefined && engineWorker() !== first).toBe(true);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    // An uncaught error leaves the engine in an unknown state: the same recovery.
    await engineWorker()!.evaluate("setTimeout(() => { throw new Error('engine bug') })");
    await alert.filter({ hasText: 'engine bug' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => alert.textContent()).toContain('workspace replayed');
    expect(await round(page)).toBe(start + 1);
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(start + 2);
  }, 90_000);

  it('the code: above the fold at 1280×720, 80 columns at 1440×900, Tab indents and Esc then Tab leaves', async () => {
    for (const [width, height] of [[1280, 720], [1440, 900]] as const) {
      const context = await app.browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
      await page.getByRole('tab', { name: /^Code/ }).click();
      const editor = page.locator('.monaco-editor').first();
      await editor.waitFor({ timeout: 30_000 });
      const box = (await editor.boundingBox())!;
      expect(box.y + 200, 'at least 200 px of code on screen').toBeLessThanOrEqual(height);
      if (width === 1440) {
        await editor.click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type(`\n;;${'x'.repeat(78)}`);
        // The line's last character's right edge, against the text area's (the vertical scrollbar excluded).
        const line = page.locator('.view-line', { hasText: 'x'.repeat(78) });
        const textEnd = await line.evaluate((e) => Math.max(...[...e.querySelectorAll('span')].map((s) => s.getBoundingClientRect().right)));
        const area = await page.locator('.monaco-editor .monaco-scrollable-element').first().evaluate((e) => {
          const bar = e.querySelector('.scrollbar.vertical')?.getBoundingClientRect();
          return bar && bar.width > 0 ? bar.left : e.getBoundingClientRect().right;
        });
        expect(textEnd, 'an 80-column line fits').toBeLessThanOrEqual(area);
        // Tab indents (stays in the editor); Esc, then Tab, moves on to the next control.
        await page.keyboard.press('Home');
        await page.keyboard.press('Tab');
        await expect.poll(() => page.evaluate('document.activeElement.closest(".monaco-editor") !== null')).toBe(true);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Tab');
        await expect.poll(() => page.evaluate('document.activeElement.closest(".monaco-editor") === null')).toBe(true);
      }
      await context.close();
    }
  }, 180_000); // two pages loading Monaco: 90 s was passed once in CI with the machine at load 8

  it.each([[1280, 720], [1024, 768]] as const)('presentation mode at %i×%i: body text 24 px, canister names at least 18 px on screen, the editor and panels there, remembered', async (width, height) => {
    const context = await app.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    await openLesson(page, '04-inter-canister');
    await page.locator('.react-flow__node', { hasText: 'counter' }).waitFor();
    await page.getByLabel('presentation').check();
    const px = (selector: string) => page.locator(selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    for (const selector of ['.narration p', '.inspector dd', '.controls button', '.call-panel label']) {
      await expect.poll(() => px(selector), { message: selector }).toBeGreaterThanOrEqual(24);
    }
    // The teacher's own bar is smaller, to leave the class the height.
    expect(await px('.workspace-bar button')).toBeGreaterThanOrEqual(20);
    // Rendered (zoomed) size of a canister's name on screen, in CSS pixels.
    const titleHeight = () => page.locator('.cp-node-title', { hasText: 'counter' }).evaluate((e) => e.getBoundingClientRect().height);
    await expect.poll(titleHeight).toBeGreaterThanOrEqual(18);
    // The zoom buttons sit in a bar under the graph, not over its nodes (React Flow's own controls are not drawn),
    // and zoom it.
    expect(await page.locator('.react-flow__controls').count()).toBe(0);
    const paneBottom = await page.locator('.cp-graph .react-flow').evaluate((e) => e.getBoundingClientRect().bottom);
    expect(await page.locator('.cp-zoom-bar').evaluate((e) => e.getBoundingClientRect().top)).toBeGreaterThanOrEqual(paneBottom);
    // Fit first: the pane changed size with the mode, and the graph refits in an effect after that.
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForTimeout(300);
    const fitted = await titleHeight();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(titleHeight).toBeGreaterThan(fitted);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect.poll(titleHeight).toBeCloseTo(fitted, 0);
    expect(await page.locator('.call-panel').isVisible()).toBe(true);
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.app.presentation').count(), 'the mode is remembered').toBe(1);
    await context.close();
  }, 60_000);

  it('a corrupt link shows an error and leaves the workspace', async () => {
    const page = await newPage('#s=this-is-not-a-scenario');
    const notice = page.getByTestId('workspace-notice');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toMatch(/damaged|not valid/);
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
  }, 60_000);

  it('an endless loop in a canister leaves the page responsive', async () => {
    const scenario = {
      format: 'canister-playground/scenario@1',
      title: 'Endless loop',
      canisters: [{ name: 'spin', source: { wat: '(module (func (export "canister_update spin") (loop $l (br $l))))' } }],
      steps: [],
    };
    const parsed = parseScenario(JSON.stringify(scenario));
    if (!parsed.ok) throw new Error(parsed.error);
    const page = await newPage(`#${encodeShareFragment(parsed.scenario as Scenario)}`);
    await page.locator('.react-flow').waitFor({ timeout: 20_000 });
    // Start-up is over (the editor loads once the page is idle): what is measured is the spinning worker alone.
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    await page.getByLabel('method').fill('spin');
    await page.getByRole('button', { name: 'Send update' }).click();
    await page.getByRole('button', { name: /^Step/ }).click();
    // While the worker spins through 40 B instructions, the main thread keeps painting: 60 animation frames go by
    // before the round is done. An order, not a timing (tests never assert timings; the frame gaps are a benchmark's):
    // a main thread that ran the engine itself would paint them only after the round.
    const frames = await page.evaluate(() => new Promise<number>((done) => {
      let count = 0;
      const tick = () => (++count < 60 ? requestAnimationFrame(tick) : done(count));
      requestAnimationFrame(tick);
    }));
    expect(frames).toBe(60);
    expect(await page.getByTestId('round').textContent(), 'the spinning round is not over yet').toBe('0');
    await page.getByRole('button', { name: 'presentation' }).count();
    await page.getByLabel('presentation').check();
    expect(await page.locator('.app.presentation').count()).toBe(1);
  }, 90_000);
});
