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
import { encodeShareFragment } from '../src/scenario/encodeShareFragment.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { callerCalleePairs } from '../tests/helpers/callerCanister.ts';
import { compiledWatOf, type CompiledWatJson } from '../src/scenario/compiledWatJson.ts';
import { initWat } from '../src/engine/index.ts';
import type { Scenario } from '../src/scenario/scenarioTypes.ts';

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

/** The scenario's WAT sources compiled, as the app's Share link button puts them in the link. */
async function compiledModules(scenario: Scenario): Promise<(CompiledWatJson | null)[]> {
  await initWat();
  return compiledWatOf(scenario);
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

interface FirstGraph {
  /** ms since navigation. */
  readonly at: number;
  /** The app's JavaScript requested before it (the page's and its workers'), gzip bytes as a server would send them. */
  readonly criticalGzip: number;
  readonly criticalFiles: readonly string[];
}

async function firstGraphAt(page: import('playwright-core').Page, url: string, outDir: string): Promise<FirstGraph> {
  await page.addInitScript(FIRST_GRAPH_PROBE);
  // When each request started: Chromium's own time once the request has timing, else when Playwright heard of it.
  const requests: { request: import('playwright-core').Request; heard: number }[] = [];
  page.context().on('request', (request) => requests.push({ request, heard: Date.now() }));
  const startedAt = ({ request, heard }: (typeof requests)[number]) => (request.timing().startTime > 0 ? request.timing().startTime : heard);
  await page.goto(url);
  // Polled from here: waitForFunction evaluates its text with eval, which the app's CSP forbids.
  for (let waited = 0; waited < 30_000; waited += 50) {
    const at = await page.evaluate<number | null>('window.__firstGraph ?? null');
    if (at !== null) {
      const epoch = await page.evaluate<number>('performance.timeOrigin + window.__firstGraph');
      const files = requests.filter((r) => startedAt(r) <= epoch).map((r) => new URL(r.request.url()).pathname).filter((p) => p.startsWith('/assets/'));
      const unique = [...new Set(files)];
      if (process.env.DEBUG_FIRST_GRAPH) console.error(requests.map((r) => `${(startedAt(r) - epoch).toFixed(0)} ${(r.heard - epoch).toFixed(0)} ${new URL(r.request.url()).pathname}`).filter((l) => l.includes('wabt')).join('\n'));
      // JavaScript only (the target's measure); the stylesheet is listed.
      const criticalGzip = unique.filter((p) => p.endsWith('.js')).reduce((sum, path) => sum + gzipSync(readFileSync(join(outDir, path))).length, 0);
      return { at, criticalGzip, criticalFiles: unique.map((p) => p.replace('/assets/', '')) };
    }
    await page.waitForTimeout(50);
  }
  throw new Error('no graph within 30 s');
}

/** Navigation → first graph node, in fresh browser contexts (no cache, nothing saved). */
async function firstGraphTimes(app: Awaited<ReturnType<typeof startApp>>, url: string): Promise<FirstGraph[]> {
  const times: FirstGraph[] = [];
  for (let i = 0; i < 6; i++) {
    const context = await app.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    times.push(await firstGraphAt(await context.newPage(), url, app.outDir));
    await context.close();
  }
  return times.slice(1); // the first start-up of the browser process is not the page's doing
}

function describeFirstGraphs(runs: readonly FirstGraph[]): string {
  const sizes = [...new Set(runs.map((r) => `${(r.criticalGzip / 1024).toFixed(0)} KB`))].join(' / ');
  return `${runs.map((r) => r.at.toFixed(0)).join(' / ')} ms; JavaScript fetched before it: ${sizes} gzip (${runs[0].criticalFiles.join(', ')})`;
}

/**
 * `npm run bench:browser -- --first-graph [other checkout]`: only the start-up figures; given another checkout of
 * the app (e.g. a worktree of an earlier commit), both are built and measured interleaved, run for run
 * (`FIRST_GRAPH_RUNS`, six unless told).
 */
async function firstGraphOnly(other: string | undefined): Promise<void> {
  const { scenario } = loadScenario();
  const modules = await compiledModules(scenario);
  const apps = [{ name: 'this checkout', app: await startApp() }, ...(other ? [{ name: other, app: await startApp({ root: other }) }] : [])];
  const runs = new Map<string, FirstGraph[]>();
  // FIRST_GRAPH_RUNS=n: more runs than six when the difference measured is smaller than this machine's noise.
  const count = Number(process.env.FIRST_GRAPH_RUNS ?? 6);
  for (let i = 0; i <= count; i++) {
    for (const { name, app } of apps) {
      for (const [page, url] of [['default page', app.url], ['20-canister link', `${app.url}#${encodeShareFragment(scenario, 0, modules)}`]]) {
        const context = await app.browser.newContext({ viewport: { width: 1600, height: 1000 } });
        const run = await firstGraphAt(await context.newPage(), url, app.outDir);
        await context.close();
        // The first start-up of each browser process is not the page's doing.
        if (i > 0) runs.set(`${page}, ${name}`, [...(runs.get(`${page}, ${name}`) ?? []), run]);
      }
    }
  }
  for (const { app } of apps) await app.close();
  console.log('| time to first graph, fresh contexts (interleaved) | ms; files fetched before it |');
  console.log('|---|---|');
  for (const [what, measured] of runs) {
    const sorted = measured.map((r) => r.at).sort((a, b) => a - b);
    console.log(`| ${what} | median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} (${describeFirstGraphs(measured)}) |`);
  }
}

async function main(): Promise<void> {
  const firstGraph = process.argv.indexOf('--first-graph');
  if (firstGraph >= 0) return firstGraphOnly(process.argv[firstGraph + 1]);
  const app = await startApp();
  const { scenario, steps } = loadScenario();
  const link = `${app.url}#${encodeShareFragment(scenario, 0, await compiledModules(scenario))}`;
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
  console.log(`| time to first graph, default page (first lesson), fresh contexts | ${describeFirstGraphs(defaultFirstGraph)} |`);
  console.log(`| time to first graph, this 20-canister scenario from a share link (with its compiled modules, as the app makes it), fresh contexts | ${describeFirstGraphs(linkFirstGraph)} |`);
  console.log(`| initial JavaScript (gzip, without the lazily loaded editor) | ${(initialJavaScriptGzip(outDir) / 1024).toFixed(0)} KB |`);
  void statSync; void readdirSync;
}

await main();
