/**
 * `npx tsx bench/sliderDrag.ts [rounds] [at-end]`: drags the playhead's slider in Chromium (the production build, served
 * as the e2e tests serve it) from the end of a workspace of `rounds` calls each followed by a tick to round 0 in 40
 * moves over about half a second, and reports how long the page takes to settle after the release and the long tasks
 * (over 50 ms) the main thread ran meanwhile, with when each started (ms after the mouse went down) (issue 16,
 * target 1). The link opens at round 0, so the drag's first move shows the end for the first time; with `at-end` the
 * playhead is taken to the end first (as after playing there), and the drag only goes back over what was shown.
 */
import { startApp } from '../tests/e2e/browser.ts';
import { encodeShareFragment } from '../src/scenario/encodeShareFragment.ts';

const rounds = Number(process.argv[2] ?? 3000);
const wat = '(module (import "ic0" "msg_reply" (func $reply)) (memory 1) (func (export "canister_update inc") (call $reply)))';
const scenario = {
  format: 'canister-playground/scenario@1', title: 'Drag', canisters: [{ name: 'c0', source: { wat } }],
  steps: Array.from({ length: rounds }, () => [{ call: { to: 'c0', method: 'inc' } }, { tick: 1 }]).flat(),
} as never;
const app = await startApp();
const browser = app.browser;
try {
  for (let rep = 0; rep < 3; rep++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${app.url}#${encodeShareFragment(scenario)}`);
    // Functions, not strings: the page's Content-Security-Policy allows no eval.
    await page.waitForFunction((r) => document.querySelector('[data-testid=end-round]')?.textContent?.includes(String(r)), rounds, { timeout: 300_000 });
    // The editor (Monaco) loads once the page is first idle, a long task of its own: drag after it, on a quiet page.
    await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
    if (process.argv[3] === 'at-end') {
      await page.getByRole('button', { name: /To the end/ }).click();
      await page.waitForFunction((r) => document.querySelector('[data-testid=round]')?.textContent === String(r), rounds, { timeout: 300_000 });
    }
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      const page = window as unknown as { longTasks: { start: number; duration: number }[] };
      page.longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) page.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask' });
    });
    const box = (await page.locator('input[type=range]').first().boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width - 2, y);
    const down = await page.evaluate(() => performance.now());
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) {
      await page.mouse.move(box.x + box.width * (1 - i / 40) + 2, y);
      await page.waitForTimeout(12);
    }
    await page.mouse.up();
    const released = Date.now();
    const target = await page.locator('input[type=range]').first().inputValue();
    await page.waitForFunction((t) => document.querySelector('[data-testid=round]')?.textContent === t, target, { timeout: 300_000, polling: 20 });
    const settled = Date.now() - released;
    await page.waitForTimeout(1000);
    const long = await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);
    const which = long.map((t) => `${Math.round(t.duration)} ms at +${Math.round(t.start - down)}`).join(', ');
    console.log(`run ${rep + 1}: settled at round ${target} ${settled} ms after the release; ${long.length} long tasks, the longest ${Math.round(Math.max(0, ...long.map((t) => t.duration)))} ms${which ? ` (${which})` : ''}`);
    await page.close();
  }
} finally {
  await app.close();
}
