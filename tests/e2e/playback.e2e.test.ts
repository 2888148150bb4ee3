/**
 * [e2e] Issue "lessons that play forward": in Chromium, through the UI only. Every lesson opens at round 0 and
 * plays to its end with Step alone, every result appearing on the way and the narration following; scrubbing back
 * and stepping loses nothing; acting behind the end forks with a notice and Undo; Reset rewinds; a share link opens
 * as a new workspace and leaves the address bar; a reload loses nothing; recent workspaces reopen; two tabs never
 * overwrite each other; storage failures are said once; lesson view state does not leak into the next lesson.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startApp, type App } from './browser.ts';
import { LESSONS } from '../../src/lessons/index.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';
import { currentSection, narrationSections } from '../../src/ui/workspace/narrationSections.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

async function newPage(context?: BrowserContext, path = ''): Promise<Page & { errors: string[] }> {
  const ctx = context ?? await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage() as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(app.url + path);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
  return page;
}

const round = async (page: Page) => Number(await page.getByTestId('round').textContent());
const end = async (page: Page) => Number((await page.getByTestId('end-round').textContent())!.replace('/', ''));
const results = (page: Page) => page.getByTestId('step-result');
const step = (page: Page) => page.getByRole('button', { name: /^Step/ }).click();
const nodeTexts = (page: Page) => page.locator('.react-flow__node').allTextContents();

/** What the page shows once it stops changing (the views render deferred: a call's cost comes a moment after it). */
async function settled(read: () => Promise<string[]>): Promise<string[]> {
  let last = JSON.stringify(await read());
  for (let i = 0; i < 20; i++) {
    await new Promise((done) => setTimeout(done, 250));
    const now = JSON.stringify(await read());
    if (now === last) return JSON.parse(now) as string[];
    last = now;
  }
  return JSON.parse(last) as string[];
}

async function openLesson(page: Page, id: string): Promise<void> {
  await page.getByLabel('Lesson').selectOption(id);
  await page.locator('[data-testid=workspace-title]', { hasText: LESSONS.find((l) => l.id === id)!.title }).waitFor();
  await expect.poll(() => round(page)).toBe(0);
}

async function headlessReport(json: unknown): Promise<Report> {
  const parsed = parseScenario(JSON.stringify(json));
  if (!parsed.ok) throw new Error(parsed.error);
  const run = await runScenario(parsed.scenario, { motoko: nodeMotokoCompiler() }); // the Motoko track compiles its actors
  if (!run.ok) throw new Error(run.error);
  return run.report;
}

describe('[e2e] lessons play forward', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: opens at round 0 and plays to its end with Step alone', async (_id, lesson) => {
    const report = await headlessReport(lesson.scenario);
    const sections = narrationSections((lesson.scenario as { description: string }).description);
    const resultsBy = (r: number) => report.steps.filter((s) => s.status !== undefined && (s.submittedRound ?? 0) <= r).length;
    const page = await newPage();
    await openLesson(page, lesson.id);
    expect(await end(page)).toBe(report.rounds);
    for (let r = 0; ; r++) {
      await expect.poll(() => round(page)).toBe(r);
      await expect.poll(() => results(page).count(), { message: `results recorded by round ${r}` }).toBe(resultsBy(r));
      await expect.poll(() => page.getByTestId('narration-section').evaluateAll((els) => els.findIndex((e) => e.getAttribute('aria-current') === 'step')),
        { message: `the narration follows round ${r}` }).toBe(currentSection(sections, r));
      if (r === report.rounds) break;
      await step(page);
    }
    // Every result the runner reports, with its status and error code.
    const texts = await settled(() => results(page).allTextContents());
    report.steps.filter((s) => s.status !== undefined).forEach((s, i) => {
      expect(texts[i]).toContain(s.status!);
      if (s.errorCode) expect(texts[i]).toContain(s.errorCode);
    });
    const atEnd = { texts, nodes: await settled(() => nodeTexts(page)) };
    // The same end, reached from round 0 by "To the end" (checkpoints and replay), shows the same state.
    await page.getByRole('button', { name: /Reset/ }).click();
    await expect.poll(() => round(page)).toBe(0);
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => round(page)).toBe(report.rounds);
    await expect.poll(() => results(page).allTextContents()).toEqual(atEnd.texts);
    await expect.poll(() => nodeTexts(page)).toEqual(atEnd.nodes);
    expect(page.errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('[e2e] time travel never destroys work', () => {
  it('scrubbing back to round 0 and pressing Step replays: the script keeps its end', async () => {
    const page = await newPage();
    await openLesson(page, '03-trap-rollback');
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => round(page)).toBe(5);
    // Results is one of the panels fetched after the first graph: it may not be on the page yet (CI read 0).
    await expect.poll(() => results(page).count()).toBeGreaterThan(0);
    const all = await results(page).count();
    await page.getByLabel('Scrub to round').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => round(page)).toBe(0);
    await step(page);
    await expect.poll(() => round(page)).toBe(1);
    expect(await end(page)).toBe(5);
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => results(page).count()).toBe(all);
    // Every shortcut is listed under ?.
    await page.locator('body').press('?');
    await expect.poll(() => page.getByTestId('shortcuts').textContent()).toContain('Reset: back to round 0');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcuts').count()).toBe(0);
    // Reset (and the key r) rewinds and keeps the script.
    await page.locator('body').press('r');
    await expect.poll(() => round(page)).toBe(0);
    expect(await end(page)).toBe(5);
    await step(page);
    await expect.poll(() => round(page)).toBe(1);
    await page.context().close();
  }, 60_000);

  it('a new action behind the end sets the later steps aside with a notice; Undo puts them back, Redo again', async () => {
    const page = await newPage();
    await openLesson(page, '03-trap-rollback');
    await step(page);
    await expect.poll(() => round(page)).toBe(1);
    await page.getByLabel('method').fill('balance');
    await page.getByRole('radio', { name: 'query' }).check();
    await page.getByRole('button', { name: 'Query now' }).click();
    const notice = page.getByTestId('fork-notice');
    await expect.poll(() => notice.textContent()).toMatch(/(\d+) later steps? were set aside/);
    const setAside = Number(/(\d+) later/.exec((await notice.textContent())!)![1]);
    expect(setAside).toBeGreaterThan(0);
    // The script now ends with the query (and what was already under way at round 1 finishes).
    await expect.poll(() => end(page)).toBeLessThan(5);
    const forkedEnd = await end(page);
    expect(await round(page)).toBe(1);
    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => end(page)).toBe(5);
    expect(await round(page)).toBe(1);
    await expect.poll(() => notice.textContent()).toContain('are back');
    await notice.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => end(page)).toBe(forkedEnd);
    await page.context().close();
  }, 60_000);

  it('inside a round the events happen one at a time: the request appears in the graph when it is sent', async () => {
    const page = await newPage();
    await openLesson(page, '04-inter-canister');
    await step(page);
    await expect.poll(() => round(page)).toBe(1);
    const moment = page.getByTestId('moment');
    const requestEdge = page.locator('.react-flow__edge[data-id^="request:"]');
    await expect.poll(() => requestEdge.count(), { message: 'the whole round: the request is on its way' }).toBe(1);
    // Back to before the round's first event, then forward one event at a time until the request is sent.
    for (let i = 0; i < 40 && !/(^|· )event 0 /.test((await moment.textContent())!); i++) await page.getByRole('button', { name: '‹ event' }).click();
    await expect.poll(() => requestEdge.count(), { message: 'before the round: no request yet' }).toBe(0);
    let seen = '';
    for (let i = 0; i < 40 && !seen.includes('request sent'); i++) {
      await page.locator('body').press('.');
      seen = (await moment.textContent())!;
    }
    expect(seen).toMatch(/^iteration 1 of 3 · event \d+ of \d+: request sent$/);
    await expect.poll(() => requestEdge.count()).toBe(1);
    // A move of the playhead shows whole rounds again.
    await step(page);
    await expect.poll(() => moment.textContent()).toMatch(/^all \d+ events( · \d+ iterations)?$/);
    await page.context().close();
  }, 60_000);

  it('by keyboard alone: reach a canister in the graph and an execution in the timeline, and inspect them; keys a widget uses play nothing', async () => {
    const page = await newPage();
    await openLesson(page, '04-inter-canister');
    await page.locator('body').press('ArrowRight');
    await expect.poll(() => round(page)).toBe(1);
    const focused = () => page.evaluate('document.activeElement?.getAttribute("aria-label") ?? ""') as Promise<string>;
    const tabTo = async (pattern: RegExp) => {
      for (let i = 0; i < 150 && !pattern.test(await focused()); i++) await page.keyboard.press('Tab');
      expect(await focused()).toMatch(pattern);
    };
    await page.locator('.controls button').first().focus();
    await tabTo(/^canister counter/);
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'), 'a visible focus ring').toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.inspector h3').first().textContent()).toContain('counter');
    // The timeline is one tab stop; the arrow keys move through its boxes and arrows in round order.
    await tabTo(/^execution of |, rounds \d+ to \d+$/);
    const tabStops = await page.locator('[data-roving][tabindex="0"]').count();
    expect(tabStops, 'one tab stop in the timeline').toBe(1);
    const arrowTo = async (pattern: RegExp) => {
      for (let i = 0; i < 30 && !pattern.test(await focused()); i++) await page.keyboard.press('ArrowRight');
      expect(await focused()).toMatch(pattern);
    };
    await arrowTo(/^execution of canister_update call in round 1/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.inspector h3').first().textContent()).toContain('execution');
    await arrowTo(/^inc, rounds 1 to /); // the request caller → counter
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.inspector h3').first().textContent()).toContain('request sent');
    // The arrow keys moved the timeline's focus only: no round was played by the page-wide shortcut.
    expect(await round(page)).toBe(1);
    // Space on a focused canister selects it, and does not start playback.
    await page.locator('.react-flow__node', { hasText: 'caller' }).focus();
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('.inspector h3').first().textContent()).toContain('caller');
    await page.waitForTimeout(1_500);
    expect(await round(page)).toBe(1);
    expect(await page.getByRole('button', { name: /^Run/ }).count(), 'still paused').toBe(1);
    // An arrow on the left pane's tabs moves to the next tab, and plays nothing.
    await page.getByRole('tab', { name: /^Narration/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: /^Code/ }).getAttribute('aria-selected')).toBe('true');
    expect(await round(page)).toBe(1);
    // Elsewhere the shortcut still plays a round.
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => round(page)).toBe(2);
    await page.context().close();
  }, 60_000);

  it('view state of one lesson does not leak into the next: call form, sender, selection', async () => {
    const page = await newPage();
    await openLesson(page, '01-code-and-state');
    await page.getByLabel('method').fill('sign');
    await page.locator('.call-panel select').first().selectOption('alice');
    await openLesson(page, '03-trap-rollback');
    await expect.poll(() => page.getByLabel('method').inputValue()).not.toBe('sign');
    expect(await page.locator('.call-panel select').first().inputValue()).toBe('user');
    expect(await page.locator('.inspector h3').first().textContent()).toContain('vault');
    await page.context().close();
  }, 60_000);
});

describe('[e2e] a workspace that is never lost', () => {
  it('a share link opens as a new workspace at its round, leaves the address bar, survives a reload, and the previous workspace stays under Recent', async () => {
    const sharer = await newPage();
    await openLesson(sharer, '02-update-vs-query');
    await step(sharer);
    await step(sharer);
    await expect.poll(() => round(sharer)).toBe(2);
    await sharer.getByRole('button', { name: 'Share link' }).click();
    const link = await sharer.getByTestId('share-link').inputValue();
    expect(await sharer.evaluate(() => location.hash), 'sharing leaves the address bar alone').toBe('');
    await sharer.context().close();

    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await newPage(context);
    const bootTitle = (await page.locator('[data-testid=workspace-title]').textContent())!;
    await page.goto(link);
    await page.locator('[data-testid=workspace-title]', { hasText: LESSONS[1].title }).waitFor({ timeout: 20_000 });
    await expect.poll(() => round(page)).toBe(2);
    expect(await page.evaluate(() => location.hash), 'the link is read, then removed').toBe('');
    await expect.poll(() => page.getByTestId('workspace-notice').textContent()).toContain('as a new workspace');
    // Work on it, then reload: nothing is lost, and the link does not come back over it.
    await page.getByRole('button', { name: /To the end|Until idle/ }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Until idle' }).count()).toBe(1);
    const before = await round(page);
    await step(page);
    await expect.poll(() => round(page)).toBe(before + 1);
    const reached = await round(page);
    await page.reload();
    await page.locator('[data-testid=workspace-title]', { hasText: LESSONS[1].title }).waitFor({ timeout: 20_000 });
    await expect.poll(() => round(page)).toBe(reached);
    expect(await end(page)).toBe(reached);
    // The workspace the tab had before the link is still there.
    await page.getByRole('button', { name: 'Recent…' }).click();
    const entries = page.getByTestId('recent-entry');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(2);
    await entries.filter({ hasText: bootTitle }).first().getByRole('button').click();
    await page.locator('[data-testid=workspace-title]', { hasText: bootTitle }).waitFor({ timeout: 20_000 });
    expect(page.errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('"Export all" writes every recent workspace to one file, and Import in another browser lists them all again', async () => {
    const page = await newPage();
    await openLesson(page, '03-trap-rollback');
    await openLesson(page, '05-cycles');
    await page.getByRole('button', { name: 'Recent…' }).click();
    const entries = page.getByTestId('recent-entry');
    await expect.poll(() => entries.count()).toBe(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'workspaces-')), download.suggestedFilename());
    await download.saveAs(file);
    await page.context().close();

    const other = await newPage();
    await other.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => other.getByTestId('workspace-notice').textContent()).toContain('3 workspaces');
    const listed = other.getByTestId('recent-entry');
    await expect.poll(() => listed.count(), { message: 'its own workspace and the three imported' }).toBe(4);
    const imported = listed.filter({ hasText: LESSONS[2].title }).getByRole('button');
    await expect.poll(async () => (await imported.count()) === 1 && (await imported.isEnabled()),
      { message: `an enabled entry for lesson 3 among ${JSON.stringify(await listed.allTextContents())}` }).toBe(true);
    await imported.click();
    await other.locator('[data-testid=workspace-title]', { hasText: LESSONS[2].title }).waitFor({ timeout: 20_000 });
    await other.context().close();
  }, 90_000);

  it('two tabs never overwrite each other: the second works on a copy', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const first = await newPage(context);
    await openLesson(first, '03-trap-rollback');
    await step(first);
    await step(first);
    await expect.poll(() => round(first)).toBe(2);
    await first.waitForTimeout(1_200); // autosave is coalesced until the browser is idle, at most 1 s
    const second = await newPage(context);
    await expect.poll(() => second.getByTestId('workspace-notice').textContent()).toContain('open in another tab');
    await expect.poll(() => round(second)).toBe(2);
    // The copy moves on; the first tab's workspace stays where its own tab left it.
    await second.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => round(second)).toBe(5);
    await second.waitForTimeout(300);
    await first.reload();
    await first.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => round(first)).toBe(2);
    // A damaged link opened in a third tab: it says why the link was not opened, and then that it works on a copy.
    const third = await newPage(context, '#s=AAAAxyz');
    await expect.poll(() => third.getByTestId('workspace-notice').textContent())
      .toMatch(/This link is damaged: its scenario cannot be decompressed\. Your workspace was left as it was\. .*open in another tab/);
    await context.close();
  }, 90_000);

  it('storage that fails is said once, and the app keeps working in memory', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => {
      IDBObjectStore.prototype.put = function put() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    const page = await newPage(context);
    const notice = page.getByTestId('workspace-notice');
    await expect.poll(() => notice.textContent()).toContain('cannot save your workspace');
    await page.getByRole('button', { name: 'Dismiss the notice' }).click();
    const start = await round(page);
    for (let i = 0; i < 3; i++) await step(page);
    await expect.poll(() => round(page)).toBe(start + 3);
    await page.waitForTimeout(1500);
    expect(await notice.count(), 'said once, not at every save').toBe(0);
    await context.close();
  }, 60_000);
});
