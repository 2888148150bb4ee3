/**
 * [e2e] The cycles story on screen (issue "…the cycles story visible"): in lesson 5, the client's cycles chart has
 * labelled axes with short-unit ticks, a legend and a summary, and under it the round's charges by kind with the
 * exact amounts the engine's trace has for that round; in presentation mode the chart's labels stay readable.
 * Expected amounts come from the same lesson run headless (the engine's own trace), not from the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './browser.ts';
import { IC_PARAMS } from '../../src/engine/index.ts';
import { LESSONS } from '../../src/lessons/index.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';
import { formatAmount, groupDigits } from '../../src/ui/graph/formatAmount.ts';

const LESSON = '05-cycles';

let app: App;
let report: Report;

beforeAll(async () => {
  const parsed = parseScenario(JSON.stringify(LESSONS.find((l) => l.id === LESSON)!.scenario));
  if (!parsed.ok) throw new Error(parsed.error);
  const run = await runScenario(parsed.scenario);
  if (!run.ok) throw new Error(run.error);
  report = run.report;
  app = await startApp();
}, 120_000);
afterAll(async () => { await app?.close(); });

type Event = Record<string, unknown>;
const eventsOf = (kind: string, match: Record<string, unknown>): Event[] =>
  report.events.filter((e) => e.kind === kind && Object.entries(match).every(([k, v]) => e[k] === v));
const sum = (events: Event[], key: string) => events.reduce((total, e) => total + BigInt(String(e[key])), 0n);
const minus = (value: bigint) => `−${groupDigits(String(value))}`;
const plus = (value: bigint) => `+${groupDigits(String(value))}`;
const balanceAfter = (round: number, canister: string): bigint => {
  const [finished] = eventsOf('round_finished', { round });
  const entry = (finished.balances as { canister: string; cycles: string }[]).find((b) => b.canister === canister)!;
  return BigInt(entry.cycles);
};

const round = async (page: Page) => Number(await page.getByTestId('round').textContent());
const amountOf = (page: Page, line: string) => page.locator(`.round-charges tr[data-line=${line}] td`).textContent();
const digits = (text: string | null) => BigInt((text ?? '').replace(/[^\d]/g, '') || '0');

async function openClient(page: Page): Promise<void> {
  await page.goto(app.url);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
  await page.getByLabel('Lesson').selectOption(LESSON);
  await page.locator('[data-testid=workspace-title]', { hasText: LESSONS.find((l) => l.id === LESSON)!.title }).waitFor();
  await page.locator('.react-flow__node', { hasText: 'client' }).first().click();
  await page.locator('.inspector h3', { hasText: 'client' }).waitFor();
}

async function stepTo(page: Page, target: number): Promise<void> {
  while ((await round(page)) < target) {
    const before = await round(page);
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(before + 1);
  }
}

describe('[e2e] the cycles chart and the round\'s charges', () => {
  it('round 1 of lesson 5: axes, legend, and the client\'s charges by kind as the trace has them', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await openClient(page);
    const client = report.principals.client;
    const atSetUp = digits(await page.getByTestId('inspector-cycles').textContent());
    await stepTo(page, 1);

    // The chart: axis titles, 3–5 value ticks in short units, round ticks, the labelled freezing limit, a legend.
    const chart = page.locator('.cycles-chart');
    // The chart, the round's charges and the node's change render from the events a render after the round counter.
    await expect.poll(() => chart.locator('.round-tick text').allTextContents()).toEqual(['0', '1']);
    await expect.poll(() => page.locator('.react-flow__node', { hasText: 'client' }).getByTestId('cycles-change').count()).toBe(1);
    const svgTexts = await chart.locator('svg text').allTextContents();
    expect(svgTexts).toEqual(expect.arrayContaining(['cycles', 'round']));
    expect(svgTexts.some((t) => t.startsWith('freezing limit'))).toBe(true);
    const valueTicks = await chart.locator('.value-tick text').allTextContents();
    expect(valueTicks.length).toBeGreaterThanOrEqual(3);
    expect(valueTicks.length).toBeLessThanOrEqual(5);
    for (const label of valueTicks) expect(label).toMatch(/^(−?\d+(\.\d+)?[KMBT]?)$/);
    expect(await chart.locator('.round-tick text').allTextContents()).toEqual(['0', '1']);
    expect(await chart.locator('.cycles-legend').textContent()).toMatch(/balance.*freezing limit.*round 1/);
    const after = balanceAfter(1, client);
    expect(await chart.locator('svg[role=img]').getAttribute('aria-label')).toContain(`balance ${groupDigits(String(after))} cycles`);
    expect(await page.getByTestId('cycles-summary').textContent()).toContain(groupDigits(String(after)));

    // The round's charges, each as the trace has it for the client in round 1.
    const ingress = sum(eventsOf('cycles_charged', { round: 1, canister: client, charge: 'ingress_induction' }), 'amount');
    expect(ingress).toBeGreaterThan(0n);
    expect(await amountOf(page, 'ingress_induction')).toBe(minus(ingress));
    const ingressFee = `${groupDigits(String(IC_PARAMS.ingressMessageReceptionFee))} + ${groupDigits(String(IC_PARAMS.ingressByteReceptionFee))} per byte`;
    expect(await page.locator('.round-charges tr[data-line=ingress_induction] + tr').textContent()).toContain(ingressFee);
    const execution = sum(eventsOf('cycles_charged', { round: 1, canister: client, charge: 'execution' }), 'amount')
      - sum(eventsOf('cycles_refunded', { round: 1, canister: client, charge: 'execution' }), 'amount');
    expect(await amountOf(page, 'execution')).toBe(minus(execution));
    const [request] = eventsOf('request_sent', { round: 1, from: client });
    expect(await amountOf(page, 'call')).toBe(minus(BigInt(String(request.fee))));
    // The reply came back in the same round (ic-reference.md §7.1): the reservation was taken and given back.
    expect(await amountOf(page, 'reservation')).toBe('0');
    expect(await page.locator('.round-charges tr[data-line=reservation] + tr').textContent())
      .toContain(`${minus(BigInt(String(request.reserved)))} taken, ${plus(BigInt(String(request.reserved)))} given back`);
    // The net is the balance change the inspector shows, and the trace's.
    expect(await page.getByTestId('round-charges-net').textContent()).toBe(minus(atSetUp - after));
    expect(digits(await page.getByTestId('inspector-cycles').textContent())).toBe(after);
    // The graph shows the same change on the client's node, from the balance the set-up left (round 1 is the first).
    const nodeChange = page.locator('.react-flow__node', { hasText: 'client' }).getByTestId('cycles-change');
    expect(await nodeChange.getAttribute('title')).toBe(`-${groupDigits(String(atSetUp - after))} cycles in this round`);
    expect(await nodeChange.textContent()).toBe(`−${formatAmount(String(atSetUp - after))} this round`);

    // From zero, the axis starts at 0; zoomed, it does not.
    await page.getByRole('button', { name: 'from zero' }).click();
    await expect.poll(() => chart.locator('.value-tick text').last().textContent()).toBe('0');
    await page.getByRole('button', { name: 'zoom to the balance' }).click();
    await expect.poll(() => chart.locator('.value-tick text').last().textContent()).not.toBe('0');
    await page.context().close();
  }, 90_000);

  it('round 1, iteration by iteration: the reservation is taken with the call, comes back with the reply, whose bytes are paid at the xnet byte fee', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await openClient(page);
    const atSetUp = digits(await page.getByTestId('inspector-cycles').textContent());
    await stepTo(page, 1);
    const client = report.principals.client;
    const [request] = eventsOf('request_sent', { round: 1, from: client });
    const [response] = eventsOf('response_sent', { requestId: request.requestId });
    const replyBytes = BigInt((response.response as { bytes: number }).bytes);
    expect(await page.locator('.round-charges caption').textContent()).toContain('Round 1');
    // At the end of the first iteration the call has left: the reservation is out, no reply yet.
    await expect.poll(async () => {
      const moment = (await page.getByTestId('moment').textContent()) ?? '';
      if (!moment.startsWith('iteration 1 of')) await page.keyboard.press('[');
      return moment;
    }).toMatch(/^iteration 1 of \d+ · /);
    await expect.poll(() => amountOf(page, 'reservation')).toBe(minus(BigInt(String(request.reserved))));
    expect(await page.locator('.round-charges tr[data-line=reply]').count()).toBe(0);
    // The whole round: it came back, less what the reply's bytes cost.
    for (let i = 0; i < 4; i++) await page.keyboard.press(']');
    await expect.poll(() => page.getByTestId('moment').textContent()).toMatch(/^all \d+ events/);
    await expect.poll(() => amountOf(page, 'reservation')).toBe('0');
    expect(await amountOf(page, 'reply')).toBe(minus(replyBytes * IC_PARAMS.xnetByteTransmissionFee));
    expect(await page.getByTestId('round-charges-net').textContent()).toBe(minus(atSetUp - balanceAfter(1, client)));
    await page.context().close();
  }, 90_000);

  it('presentation mode at 1024×768: the chart\'s labels are at least 18 px on screen', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await openClient(page);
    await page.getByLabel('presentation').check();
    await stepTo(page, 1);
    const heights = () => page.locator('.cycles-chart svg text').evaluateAll((texts) => texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * ((t as SVGGraphicsElement).getScreenCTM()?.a ?? 1)));
    await expect.poll(async () => Math.min(...await heights())).toBeGreaterThanOrEqual(18);
    await page.context().close();
  }, 90_000);
});
