/**
 * `npx tsx bench/stepInPage.ts [sizes…]` (issue 16, target 2: a step forward costs O(1) in the workspace's length): in
 * Chromium's production build, a workspace of one canister and `size` steps (a call and a one-round tick, repeated)
 * is opened, and Step ▸ is pressed 40 times in the middle of the script (replaying recorded rounds) and 40 times at
 * its end (recording new ones), each until the round shown changes. Prints the mean time per Step (a click until the
 * round shown changes, Playwright's round trips included) and the longest, the main thread's busy time per Step
 * (Chromium's TaskDuration, the autosave after the steps included) and its long tasks (over 50 ms). A script: it
 * prints figures, never asserts them.
 */
import type { CDPSession, Page } from 'playwright-core';
import { startApp } from '../tests/e2e/browser.ts';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const STEPS = 40;
const wat = '(module (import "ic0" "msg_reply" (func $reply)) (memory 1) (func (export "canister_update inc") (call $reply)))';

function workspace(size: number): string {
  const steps = Array.from({ length: size / 2 }, () => [{ call: { to: 'c0', method: 'inc' } }, { tick: 1 }]).flat();
  return JSON.stringify({ format: 'canister-playground/scenario@1', title: `Steps ${size}`, canisters: [{ name: 'c0', source: { wat } }], steps });
}

const roundShown = (page: Page) => page.evaluate(() => document.querySelector('[data-testid=round]')?.textContent ?? '');

/** The main thread's busy time so far (Chromium's TaskDuration, seconds). */
async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function steps(page: Page, cdp: CDPSession): Promise<{ mean: number; max: number; longTasks: number; busy: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  });
  const button = page.locator('button', { hasText: 'Step ▸' });
  const times: number[] = [];
  const busyBefore = await taskSeconds(cdp);
  for (let i = 0; i < STEPS; i++) {
    const before = await roundShown(page);
    const start = Date.now();
    await button.click();
    await page.waitForFunction((b) => document.querySelector('[data-testid=round]')?.textContent !== b, before, { timeout: 60_000 });
    times.push(Date.now() - start);
  }
  await page.waitForTimeout(1500); // the autosave of the last steps
  const busy = ((await taskSeconds(cdp)) - busyBefore) * 1000 / STEPS;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length);
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, max: Math.max(...times), longTasks, busy };
}

const app = await startApp();
try {
  console.log('| steps in the workspace | Step in the middle: click to round shown, mean / max | main thread per Step | long tasks | Step at the end: mean / max | main thread per Step | long tasks |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of SIZES.length ? SIZES : [1000, 16000, 64000]) {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(app.url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
    await page.locator('input[type=file]').setInputFiles({ name: 'steps.json', mimeType: 'application/json', buffer: Buffer.from(workspace(size)) });
    await page.locator('[data-testid=workspace-title]', { hasText: `Steps ${size}` }).waitFor({ timeout: 300_000 });
    const slider = page.locator('input[type=range]').first();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.waitForFunction((n) => Number(document.querySelector('input[type=range]')?.getAttribute('max')) >= n, size / 2, { timeout: 300_000 });
    const end = Number(await slider.getAttribute('max'));
    await slider.fill(String(Math.floor(end / 2)));
    await page.waitForFunction((t) => document.querySelector('[data-testid=round]')?.textContent?.replace(/\D/g, '') === t, String(Math.floor(end / 2)), { timeout: 120_000 });
    const middle = await steps(page, cdp);
    await slider.fill(String(end));
    await page.waitForFunction((t) => document.querySelector('[data-testid=round]')?.textContent?.replace(/\D/g, '') === t, String(end), { timeout: 120_000 });
    const atEnd = await steps(page, cdp);
    const banner = await page.locator('[role=alert]').allTextContents();
    if (banner.some((t) => t.includes('engine stopped'))) console.log(`${size}: ${banner.join(' ')}`);
    const row = (r: typeof middle) => `${r.mean.toFixed(0)} / ${r.max} ms | ${r.busy.toFixed(1)} ms | ${r.longTasks}`;
    console.log(`| ${size.toLocaleString('en-US')} | ${row(middle)} | ${row(atEnd)} |`);
    await page.close();
  }
} finally {
  await app.close();
}
