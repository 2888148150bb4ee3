/**
 * [e2e] Accessibility and the classroom: axe-core finds no serious or critical violation on the main page, with the
 * code open, in presentation mode and with a lesson played to its end; presentation mode at 1024×768 is measured
 * (body text 24 px, every other text 18 px or more on screen, graph and timeline labels included), keeps the
 * editor and the call panel usable, and is remembered across a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openLesson, startApp, type App } from './browser.ts';
import { seriousViolations } from './axe.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

// axe is injected as a script: the page's Content-Security-Policy would refuse it.
const newPage = (viewport: { width: number; height: number }) => openApp(app, { viewport, bypassCSP: true });

interface TextSize { size: number; text: string; where: 'graph' | 'timeline' | 'bar' | 'body' }

/** Every visible text node's font size on screen: the graph's are scaled by React Flow's zoom. */
const MEASURE_TEXT = `(() => {
  const viewport = document.querySelector('.react-flow__viewport');
  const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
  const sizes = [];
  const walker = document.createTreeWalker(document.querySelector('.app'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || element.closest('.monaco-editor, [aria-hidden=true], option')) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth) continue;
    if (getComputedStyle(element).visibility === 'hidden' || element.closest('.cp-tl-marker')) continue;
    const inGraph = viewport && viewport.contains(element);
    const where = inGraph ? 'graph' : element.closest('.cp-timeline') ? 'timeline'
      : element.closest('.workspace-bar, .banner, .react-flow__attribution') ? 'bar' : 'body';
    sizes.push({ size: parseFloat(getComputedStyle(element).fontSize) * (inGraph ? zoom : 1), text: node.textContent.trim().slice(0, 40), where });
  }
  return sizes;
})()`;

const smallest = (sizes: TextSize[], where: TextSize['where']) =>
  sizes.filter((s) => s.where === where).sort((a, b) => a.size - b.size)[0];

describe('[e2e] accessibility and presentation', () => {
  it('axe-core: no serious or critical violation on the main page, the code, presentation mode and a played lesson', async () => {
    const page = await newPage({ width: 1440, height: 900 });
    expect(await seriousViolations(page), 'main page').toEqual([]);
    await page.getByRole('tab', { name: /Code/ }).click();
    await page.locator('.monaco-editor').waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page), 'code tab').toEqual([]);
    await page.getByRole('tab', { name: /Narration/ }).click();
    await page.getByLabel('presentation').check();
    expect(await seriousViolations(page), 'presentation mode').toEqual([]);
    await page.getByLabel('presentation').uncheck();
    await openLesson(page, '04-inter-canister');
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Until idle' }).count()).toBe(1);
    await page.getByTestId('legend').locator('summary').click();
    await page.locator('.react-flow__node', { hasText: 'caller' }).first().click();
    expect(await seriousViolations(page), 'lesson at its end, legend open, canister selected').toEqual([]);
    await page.context().close();
  }, 120_000);

  it('presentation at 1024×768: body 24 px, nothing under 18 px on screen, editor and call panel usable, remembered', async () => {
    const page = await newPage({ width: 1024, height: 768 });
    await openLesson(page, '04-inter-canister');
    await page.getByLabel('presentation').check();
    // The narration is what the room reads: at round 0, under the lesson's title, its tabs and the lesson's notice,
    // lines of it are on screen (the title was three lines tall and left under three).
    const narrationShown = () => page.evaluate(`(() => {
      const pane = document.querySelector('.pane.left').getBoundingClientRect();
      const narration = document.querySelector('.narration').getBoundingClientRect();
      return Math.min(pane.bottom, narration.bottom) - Math.max(pane.top, narration.top);
    })()`) as Promise<number>;
    await expect.poll(async () => (await narrationShown()) / (24 * 1.45), { message: 'lines of narration on screen' }).toBeGreaterThanOrEqual(4);
    await page.getByRole('button', { name: /^Step/ }).click();
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => page.getByTestId('round').textContent()).toBe('2');
    // The graph fits its view after the layout settles (the zoom may be below 1 until then).
    await expect.poll(async () => smallest(await page.evaluate(MEASURE_TEXT) as TextSize[], 'graph')?.size ?? 0).toBeGreaterThanOrEqual(18);
    const sizes = await page.evaluate(MEASURE_TEXT) as TextSize[];
    for (const where of ['graph', 'timeline', 'bar', 'body'] as const) expect(smallest(sizes, where), where).toBeDefined();
    expect(smallest(sizes, 'graph').size, JSON.stringify(smallest(sizes, 'graph'))).toBeGreaterThanOrEqual(18);
    expect(smallest(sizes, 'timeline').size, JSON.stringify(smallest(sizes, 'timeline'))).toBeGreaterThanOrEqual(18);
    expect(smallest(sizes, 'bar').size, JSON.stringify(smallest(sizes, 'bar'))).toBeGreaterThanOrEqual(18);
    expect(smallest(sizes, 'body').size, JSON.stringify(smallest(sizes, 'body'))).toBeGreaterThanOrEqual(18);
    // Body text: the narration, the inspector, the panels.
    for (const selector of ['.narration p', '.inspector dd', '.call-panel label']) {
      const size = await page.locator(selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(size, selector).toBeGreaterThanOrEqual(24);
    }
    // The graph is on screen, not squeezed off it by the bars above.
    const graph = await page.locator('.cp-graph').boundingBox();
    expect(graph!.height).toBeGreaterThan(300);

    // A live demo: the editor and the call panel are there and work.
    await page.getByRole('tab', { name: /Code/ }).click();
    await page.locator('.monaco-editor').waitFor({ timeout: 20_000 });
    const editorFont = await page.locator('.monaco-editor .view-lines').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(editorFont).toBeGreaterThanOrEqual(20);
    // The code takes the left column's height; the graph and the panels share the right one, no column left empty.
    const editor = (await page.locator('.monaco-editor').boundingBox())!;
    expect(Math.floor(editor.height / (editorFont * 1.3)), 'lines of code on screen').toBeGreaterThanOrEqual(8);
    const [center, right] = await Promise.all([page.locator('.pane.center').boundingBox(), page.locator('.pane.right').boundingBox()]);
    expect(center!.x, 'the graph beside the code').toBeGreaterThanOrEqual(editor.x + editor.width);
    expect(right!.x, 'the panels under the graph').toBe(center!.x);
    expect(center!.x + center!.width, 'the graph reaches the right edge').toBeGreaterThan(1024 - 4);
    await page.getByLabel('method').fill('call');
    await expect.poll(() => page.getByRole('button', { name: /^Send / }).isEnabled()).toBe(true);

    await page.reload();
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('presentation').isChecked()).toBe(true);
    expect(await page.locator('.app.presentation').count()).toBe(1);
    await page.context().close();
  }, 120_000);
});
