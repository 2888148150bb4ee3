/**
 * `npm run bench:browser`: the app under load in Chromium (issue #4 "Speed"). A scenario with 20 canisters
 * that call each other plays at full speed while the page records main-thread long tasks (> 50 ms) and frame
 * times; also the time from navigation to the graph on screen and the initial JavaScript size. A script: it
 * prints figures, never asserts them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startApp } from '../tests/e2e/browser.ts';
import { encodeShareFragment } from '../src/scenario/shareLink.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { callerCalleePairs } from '../tests/helpers/callerCanister.ts';

const CANISTERS = 20;
const MESSAGES = 2_000;

function loadScenario() {
  // Ten callers, each calling its own callee; every user call makes one inter-canister round trip (3 messages).
  const canisters = callerCalleePairs(CANISTERS);
  const calls = Math.round(MESSAGES / 3);
  const steps: unknown[] = [];
  for (let i = 0; i < calls; i++) {
    steps.push({ call: { to: `caller${i % (CANISTERS / 2)}`, method: 'call_inc' } });
    if (i % 50 === 49) steps.push({ tick: 1 });
  }
  const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', title: 'load', subnet: { preset: 'classroom' }, canisters, steps: [] }));
  if (!parsed.ok) throw new Error(parsed.error);
  return { scenario: parsed.scenario, steps };
}

function initialJavaScriptGzip(outDir: string): number {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/src="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  return scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, 'assets', file))).length, 0);
}

/**
 * Records, in the page, the frame at which a graph node is first drawn visible (`window.__firstGraph`, ms since
 * navigation). Measured in the page rather than by Playwright's polling, whose own checks run late when the page is
 * busy (e.g. parsing the editor right after the graph appeared).
 */
const FIRST_GRAPH_PROBE = `(() => {
  const check = () => {
    const node = document.querySelector('.react-flow__node');
    if (node && node.getBoundingClientRect().width > 0 && getComputedStyle(node).visibility !== 'hidden') {
      window.__firstGraph = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

async function firstGraphAt(page: import('playwright-core').Page, url: string): Promise<number> {
  await page.addInitScript(FIRST_GRAPH_PROBE);
  await page.goto(url);
  // Polled from here: waitForFunction evaluates its text with eval, which the app's CSP forbids.
  for (let waited = 0; waited < 30_000; waited += 50) {
    const at = await page.evaluate<number | null>('window.__firstGraph ?? null');
    if (at !== null) return at;
    await page.waitForTimeout(50);
  }
  throw new Error('no graph within 30 s');
}

/** Navigation → first graph node, in fresh browser contexts (no cache, nothing saved). */
async function firstGraphTimes(app: Awaited<ReturnType<typeof startApp>>, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const context = await app.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    times.push(await firstGraphAt(await context.newPage(), url));
    await context.close();
  }
  return times.slice(1); // the first start-up of the browser process is not the page's doing
}

async function main(): Promise<void> {
  const app = await startApp();
  const { scenario, steps } = loadScenario();
  const link = `${app.url}#${encodeShareFragment(scenario)}`;
  const defaultFirstGraph = await firstGraphTimes(app, app.url);
  const linkFirstGraph = await firstGraphTimes(app, link);
  const outDir = app.outDir;
  const page = await app.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(link);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  // Submit the calls through the worker as the UI does, then play at full speed while measuring.
  const importInput = page.locator('input[type=file]');
  const withSteps = { ...scenario, steps };
  await importInput.setInputFiles({ name: 'load.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(withSteps)) });
  await page.locator('.react-flow__node').nth(CANISTERS).waitFor({ timeout: 60_000 });
  // The editor (Monaco, parsed once, ~150 ms) loads when the page is first idle: measure playback after it.
  await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
  // CSS locators, and the long-task observer only from here: Playwright's role queries run in the page and, over
  // thousands of SVG elements, are long tasks of their own.
  await page.locator('.speed select').selectOption('30');
  await page.locator('button', { hasText: /^Run/ }).click();
  await page.evaluate(`(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); })
      .observe({ type: 'longtask', buffered: false });
  })()`);
  // A string, not a function: tsx's name-keeping helpers do not exist in the page.
  const frames = await page.evaluate<number[]>(`new Promise((done) => {
    const times = [];
    let last = performance.now();
    const end = last + 10000;
    function tick() {
      const now = performance.now();
      times.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick); else done(times);
    }
    requestAnimationFrame(tick);
  })`);
  const longTasks = await page.evaluate<number[]>('window.__longTasks');
  const round = await page.getByTestId('round').textContent();
  await app.close();
  const sorted = [...frames].sort((a, b) => a - b);
  const fps = frames.length / 10;
  console.log(`| figure | value |`);
  console.log(`|---|---|`);
  console.log(`| scenario | ${CANISTERS} canisters, ${steps.filter((s) => 'call' in (s as object)).length} user calls (≈ ${MESSAGES} messages with the inter-canister requests and responses) |`);
  console.log(`| rounds played in 10 s at "30 rounds/s" | ${round} |`);
  console.log(`| frames in 10 s (mean fps) | ${frames.length} (${fps.toFixed(1)}) |`);
  console.log(`| frame time median / p95 / max | ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} / ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} / ${sorted.at(-1)!.toFixed(1)} ms |`);
  console.log(`| main-thread long tasks (> 50 ms) | ${longTasks.length}${longTasks.length ? `, longest ${Math.max(...longTasks).toFixed(0)} ms` : ''} |`);
  console.log(`| time to first graph, default page (first lesson), fresh contexts | ${defaultFirstGraph.map((t) => t.toFixed(0)).join(' / ')} ms |`);
  console.log(`| time to first graph, this 20-canister scenario from a share link, fresh contexts | ${linkFirstGraph.map((t) => t.toFixed(0)).join(' / ')} ms |`);
  console.log(`| initial JavaScript (gzip, without the lazily loaded editor) | ${(initialJavaScriptGzip(outDir) / 1024).toFixed(0)} KB |`);
  void statSync; void readdirSync;
}

await main();
