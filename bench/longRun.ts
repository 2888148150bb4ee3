/**
 * `npx tsx bench/longRun.ts [rounds]` (issue 16, target 6: a long run costs the page nothing extra): a busy workspace
 * (20 canisters, ten callers each calling its callee, a user call every round for `rounds` rounds, default 3,000) in
 * Chromium's production build. The playhead is moved with the slider to rounds 200, 1,000 and the end, and at each
 * the page is measured: DOM elements, the main thread's JS heap after a collection, and the latency of a UI action
 * (a click on a canister node until the inspector shows it). Then the same every 10 s while playing at 30 rounds/s
 * from round 0. A script: it prints figures, never asserts them.
 */
import type { CDPSession, Page } from 'playwright-core';
import { startApp } from '../tests/e2e/browser.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { callerCalleePairs } from '../tests/helpers/callerCanister.ts';

const ROUNDS = Number(process.argv[2] ?? 3000);
const CANISTERS = 20;

function workspace(): string {
  const canisters = callerCalleePairs(CANISTERS);
  const steps = Array.from({ length: ROUNDS }, (_, i) => [
    { call: { to: `caller${i % (CANISTERS / 2)}`, method: 'call_inc' } }, { tick: 1 },
  ]).flat();
  const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', title: 'Long run', subnet: { preset: 'classroom' }, canisters, steps }));
  if (!parsed.ok) throw new Error(parsed.error);
  return JSON.stringify(parsed.scenario);
}

interface Sample { round: string; elements: number; heapMb: number; clickMs: number }

async function sample(page: Page, cdp: CDPSession, nth: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  // A UI action: select a canister in the graph, until the inspector names it.
  const name = nth % 2 === 0 ? 'caller3' : 'callee4';
  const start = Date.now();
  await page.locator('.react-flow__node', { hasText: name }).first().click();
  await page.locator('.inspector h2, .inspector h3', { hasText: name }).first().waitFor({ timeout: 60_000 });
  const clickMs = Date.now() - start;
  return { round: (await page.getByTestId('round').textContent()) ?? '?', elements, heapMb: usedSize / 2 ** 20, clickMs };
}

const row = (label: string, s: Sample) => `| ${label} | ${s.round} | ${s.elements.toLocaleString('en-US')} | ${s.heapMb.toFixed(0)} MB | ${s.clickMs} ms |`;

const app = await startApp();
try {
  const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.url);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  await page.locator('input[type=file]').setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(workspace()) });
  await page.locator('[data-testid=workspace-title]', { hasText: 'Long run' }).waitFor({ timeout: 300_000 });
  await page.locator('.react-flow__node').nth(CANISTERS).waitFor({ timeout: 300_000 });
  await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  console.log(`| where | round | DOM elements | JS heap | click → inspector |`);
  console.log(`|---|---|---:|---:|---:|`);
  const slider = page.locator('input[type=range]').first();
  let n = 0;
  for (const target of [200, 1000, ROUNDS]) {
    await slider.fill(String(target));
    await page.waitForFunction((t) => document.querySelector('[data-testid=round]')?.textContent === t, String(target), { timeout: 120_000 });
    await page.waitForTimeout(500);
    console.log(row(`seek to ${target}`, await sample(page, cdp, n++)));
  }
  await slider.fill('0');
  await page.waitForFunction(() => document.querySelector('[data-testid=round]')?.textContent === '0', undefined, { timeout: 120_000 });
  await page.locator('.speed select').selectOption('30');
  await page.locator('button', { hasText: /^Run/ }).click();
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(10_000);
    console.log(row(`playing at 30 rounds/s, ${(i + 1) * 10} s`, await sample(page, cdp, n++)));
  }
} finally {
  await app.close();
}
