/**
 * [e2e] The console of calls: a call picked in Results shows what it set in motion (its executions outlined in
 * the timeline, its messages selected in the graph, the playhead at the round it completed in); a management
 * call's Candid reply is read as Candid text with the interface's field names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, openLesson, startApp, type App } from './browser.ts';
import { LESSONS } from '../../src/lessons/index.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const newPage = () => openApp(app);

/**
 * What lesson 4's first call cost both canisters, independently of how the console prices it: it runs whole in round
 * 1 (ic-reference.md §7.1) and nothing else does (the second call is submitted after it), so it is the drop of their
 * joint balance over round 1.
 */
async function firstCallCost(): Promise<bigint> {
  const lesson = LESSONS.find((l) => l.id === '04-inter-canister')!;
  const parsed = parseScenario(JSON.stringify(lesson.scenario));
  if (!parsed.ok) throw new Error(parsed.error);
  const run = await runScenario(parsed.scenario);
  if (!run.ok) throw new Error(run.error);
  const events = run.report.events;
  // After set-up (round 0, which has no round_finished): created with, less what installing them cost.
  const setUp = events.filter((e) => e.round === 0).reduce((sum, e) => sum
    + (e.kind === 'canister_created' || e.kind === 'cycles_refunded' ? BigInt(e[e.kind === 'canister_created' ? 'cycles' : 'amount'] as string) : 0n)
    - (e.kind === 'cycles_charged' ? BigInt(e.amount as string) : 0n), 0n);
  const joint = (round: number) => {
    if (round === 0) return setUp;
    const finished = events.find((e) => e.kind === 'round_finished' && e.round === round)!;
    return (finished.balances as { cycles: string }[]).reduce((sum, b) => sum + BigInt(b.cycles), 0n);
  };
  const submitted = run.report.events.filter((e) => e.kind === 'ingress_submitted').map((e) => e.round);
  expect(submitted, 'the second call is submitted after round 1').toEqual([0, 1]);
  return joint(0) - joint(1);
}

const round = (page: Page) => page.getByTestId('round').textContent().then(Number);

describe('[e2e] the console of calls', () => {
  it('picking a call outlines its executions in the timeline and its messages in the graph, at the round it completed', async () => {
    const page = await newPage();
    await openLesson(page, '04-inter-canister');
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Until idle' }).count()).toBe(1);
    expect(await page.locator('.cp-tl-trail').count()).toBe(0);
    // The first call: caller.call → counter.inc → caller's reply callback, three iterations of round 1.
    await page.getByRole('button', { name: /→ caller\.call$/ }).click();
    await expect.poll(() => round(page)).toBe(1);
    expect(await page.getByRole('button', { name: /→ caller\.call$/ }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('rect.cp-tl-exec.cp-tl-trail').count()).toBe(3);
    // The request and its response are outlined among the timeline's arrows, the ingress call too.
    expect(await page.locator('.cp-tl-arrow.cp-tl-trail').count()).toBeGreaterThanOrEqual(2);
    // At round 1 the graph draws the response arriving at the caller, selected.
    await expect.poll(() => page.locator('.cp-edge-label.cp-edge-selected').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.inspector h3').first().textContent()).toMatch(/execution/);
    // Its cost, each canister's share, adds up to what the two balances lost in round 1.
    const cost = (await page.getByTestId('step-result').first().getByTestId('call-cost').textContent()) ?? '';
    expect(cost).toMatch(/^cost [\d,]+ cycles \(caller [\d,]+ · counter [\d,]+\)$/);
    expect(BigInt(cost.match(/^cost ([\d,]+)/)![1].replace(/,/g, ''))).toBe(await firstCallCost());
    expect(await page.getByTestId('step-result').first().textContent()).toContain('argument (empty)');
    // The inspector tells the call's first execution in words.
    expect(await page.getByTestId('event-sentence').textContent()).toMatch(/^caller ran call \(update\) for user: [\d,]+ instructions/);
    // The second call's trail is another one: its callback traps and cleanup runs (4 executions).
    await page.getByRole('button', { name: /→ caller\.call_then_trap$/ }).click();
    await expect.poll(() => round(page)).toBe(2);
    await expect.poll(() => page.locator('rect.cp-tl-exec.cp-tl-trail').count()).toBe(4);
    await page.context().close();
  }, 60_000);

  it('a canister_status reply reads as Candid with its field names', async () => {
    const page = await newPage();
    await openLesson(page, '02-update-vs-query');
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Until idle' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Status', exact: true }).click();
    await page.getByRole('button', { name: /^Step/ }).click();
    const result = page.getByTestId('step-result').last();
    await expect.poll(() => result.textContent()).toMatch(/manage replied/);
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/Candid \(record \{/);
    expect(text).toContain('status = variant { running }');
    expect(text).toMatch(/cycles = \d/);
    expect(text).toMatch(/module_hash = opt blob "/);
    expect(text).not.toMatch(/[{;] \d+ =|\{ \d+ \}/); // every field and tag named, none a hash
    await page.context().close();
  }, 60_000);

  it('a long run: the newest 30 entries, a note of how many more, and earlier ones a page at a time; deploys and installs show their argument', async () => {
    const page = await newPage();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();
    const form = page.locator('.deploy-panel');
    await form.getByLabel('new canister name').fill('counter');
    await form.getByLabel('init argument kind').selectOption('text');
    await form.getByLabel('init argument', { exact: true }).fill('hello');
    await form.getByRole('button', { name: 'Create and install' }).click();
    await page.locator('.inspector h3', { hasText: 'counter' }).waitFor({ timeout: 20_000 });
    const entries = page.getByTestId('step-result');
    await expect.poll(() => entries.first().textContent()).toContain('init argument "hello"');
    // Its round and what installing its code cost (the node's balance change says the same). Both come from the
    // events, which the views take a render after the entry (deferred), and the inspector in a render of its own:
    // each is read until it is there.
    await expect.poll(() => entries.first().textContent()).toMatch(/deploy replied · deploy counter · round 0[^]*to install its code/);
    const deployed = (await entries.first().textContent()) ?? '';
    const cost = /cost ([\d,]+) cycles \(paid by counter\) to install its code/.exec(deployed);
    expect(cost, deployed).not.toBeNull();
    const balance = async () => BigInt((await page.getByTestId('inspector-cycles').textContent())!.replace(/[^\d]/g, ''));
    await expect.poll(async () => (await balance()) + BigInt(cost![1].replace(/,/g, ''))).toBe(100_000_000_000_000n);
    await page.getByLabel('method').fill('get');
    for (let i = 1; i <= 33; i++) {
      await page.getByRole('button', { name: 'Query now' }).click();
      await expect.poll(() => entries.count()).toBe(Math.min(i + 1, 30));
    }
    // The list shows 30 either way: the note is what says the last answer has come.
    await expect.poll(() => page.getByTestId('results-hidden').textContent()).toBe('The 30 newest of 34. Show 4 earlier');
    await page.getByRole('button', { name: 'Show 4 earlier' }).click();
    await expect.poll(() => entries.count()).toBe(34);
    expect(await page.getByTestId('results-hidden').count()).toBe(0);
    expect(await entries.first().textContent()).toContain('deploy counter');
    await page.context().close();
  }, 120_000);
});
