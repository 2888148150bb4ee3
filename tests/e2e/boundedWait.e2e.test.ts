/**
 * [e2e] Bounded-wait calls on screen (ic-reference.md §3.7, §12; lesson 11): stepped round by round with Step, the
 * graph counts the wallet's request down ("deadline in 1 s", "0 s", then "deadline passed" while the bank still runs
 * it), the timeline marks the timeout (◷, wallet, round 3), the late reply dropped (↯, round 5) and the request that
 * expired in the bank's queue (⌀, bank, round 8), the event list says what happened in words, and Alice reads the
 * wallet's answer: reject code 6, "Call deadline has expired.", the same for a transfer that happened and one that did not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lastResult, openApp, openLesson, startApp, type App } from './browser.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const LESSON = '11-bounded-wait';
const ANSWER = '"no answer, reject code 6: Call deadline has expired."';

const round = async (page: Page) => Number(await page.getByTestId('round').textContent());

/** One round forward with the Step control, waiting until the round counter shows it. */
async function step(page: Page): Promise<void> {
  const before = await round(page);
  await page.getByRole('button', { name: /^Step/ }).click();
  await expect.poll(() => round(page)).toBe(before + 1);
}

/** The graph's message labels, as the learner reads them. */
const edgeLabels = (page: Page) => page.locator('.cp-edge-label').allTextContents();

/** The bank's request label: the wallet → bank edge labelled "transfer …". */
const transferLabel = (page: Page) => page.locator('.cp-edge-label', { hasText: /^transfer/ });

/** Whether the "transfer …" label sits in the gap between the wallet and the bank, and shows all its text. */
const labelPlacement = (page: Page) => page.evaluate(() => {
  const label = [...document.querySelectorAll<HTMLElement>('.cp-edge-label')].find((e) => e.textContent?.startsWith('transfer'))!;
  const node = (name: string) => [...document.querySelectorAll('.react-flow__node')].find((n) => n.textContent?.startsWith(name))!.getBoundingClientRect();
  const box = label.getBoundingClientRect();
  return {
    betweenTheNodes: box.left >= node('wallet').right && box.right <= node('bank').left,
    whole: label.scrollWidth <= label.clientWidth && label.scrollHeight <= label.clientHeight,
  };
});

/**
 * The timeline's markers as "glyph lane round": the lane is the band the glyph sits in (named by the label beside it),
 * the round the axis number above it.
 */
const markers = (page: Page) => page.evaluate(() => {
  const names = [...document.querySelectorAll('.cp-timeline .cp-tl-labels text')].map((t) => t.firstChild?.textContent ?? '');
  const bands = [...document.querySelectorAll('.cp-timeline .cp-tl-scroll .cp-tl-lane')].map((b) => b.getBoundingClientRect());
  const axis = [...document.querySelectorAll('.cp-timeline .cp-tl-axis text')].map((t) => {
    const box = t.getBoundingClientRect();
    return { round: t.textContent ?? '', x: box.left + box.width / 2 };
  });
  return [...document.querySelectorAll('.cp-timeline .cp-tl-marker')].map((m) => {
    const box = m.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const lane = names[bands.findIndex((b) => y >= b.top && y <= b.bottom)] ?? '?';
    const nearest = axis.reduce((best, a) => (Math.abs(a.x - x) < Math.abs(best.x - x) ? a : best), { round: '?', x: Infinity });
    return `${m.firstChild?.textContent ?? ''} ${lane} ${nearest.round}: ${m.querySelector('title')?.textContent ?? ''}`;
  });
});

/** What the bank's node on the graph says (its balance, the slice of a long message it is in). */
const bankNode = (page: Page) => page.locator('.react-flow__node', { hasText: 'bank' }).textContent();

const eventItems = (page: Page) => page.getByTestId('event-item').allTextContents();

describe('[e2e] bounded-wait calls, lesson 11', () => {
  it('the deadline counts down on the graph, passes while the bank still works, and the wallet gets SYS_UNKNOWN twice', async () => {
    const page = await openApp(app);
    await openLesson(page, LESSON);
    await expect.poll(() => round(page)).toBe(0);
    await page.getByRole('tab', { name: 'Events' }).click();

    // Round 1: the request leaves with a deadline 1 s after the round's time (whole seconds).
    await step(page);
    await expect.poll(() => edgeLabels(page)).toContain('transfer · +1M cycles · deadline in 1 s');
    expect(await transferLabel(page).getAttribute('title')).toContain('bounded-wait call: deadline 2021-05-10 00:00:01 UTC');
    // Readable: whole, and between the two canisters rather than under them (the nodes are drawn over the labels).
    expect(await labelPlacement(page)).toEqual({ betweenTheNodes: true, whole: true });
    await expect.poll(() => eventItems(page)).toContain('r1 wallet paid 268,000 cycles to send 0 bytes to bank.transfer with 1,000,000 cycles attached (bounded wait); 2,142,152,000 reserved for the reply and its callback');
    expect(await lastResult(page)).toMatch(/^call pending · alice → wallet\.pay/);

    // Round 2: 0 s left; nothing has timed out yet.
    await step(page);
    await expect.poll(() => edgeLabels(page)).toContain('transfer · +1M cycles · deadline in 0 s');
    expect((await markers(page)).filter((m) => !m.startsWith('▲'))).toEqual([]);
    expect(await lastResult(page)).toContain('call pending');

    // Round 3: the deadline is before the current second. The system answers the wallet (◷ on its lane), whose
    // reject callback tells Alice; the bank knows nothing and runs slice 3 of the transfer, whose label says so.
    await step(page);
    await expect.poll(() => edgeLabels(page)).toContain('transfer · +1M cycles · deadline passed');
    expect(await edgeLabels(page)).toContain('reject code 6');
    await expect.poll(() => bankNode(page)).toContain('slice 3/5');
    await expect.poll(() => markers(page)).toContain('◷ wallet 3: Call 0 passed its deadline: the system answered SYS_UNKNOWN (6)');
    await expect.poll(() => lastResult(page)).toMatch(/^call replied · alice → wallet\.pay · round 0 → 3/);
    expect(await lastResult(page)).toContain(ANSWER);
    await expect.poll(() => eventItems(page)).toContain('r3 wallet\'s call to bank.transfer timed out: the system answers SYS_UNKNOWN (6) and drops a later reply');

    // Round 4: still running past its deadline.
    await step(page);
    await expect.poll(() => edgeLabels(page)).toContain('transfer · +1M cycles · deadline passed');
    await expect.poll(() => bankNode(page)).toContain('slice 4/5');

    // Round 5: the transfer is done (balance 90), but its reply is dropped unseen (↯, a grey arrow); the refund is
    // credited all the same.
    await step(page);
    await expect.poll(() => edgeLabels(page)).toContain('reply · refund 1M · dropped');
    expect((await edgeLabels(page)).some((label) => label.includes('deadline'))).toBe(false);
    await expect.poll(() => markers(page)).toContain('↯ wallet 5: The late reply to call 0 was dropped unseen; its refund of 1M cycles was credited');
    await expect.poll(() => eventItems(page)).toContain('r5 the answer to wallet\'s call to bank.transfer came after its deadline: dropped unseen by wallet, which still gets the 1,000,000 cycles it refunds');
    await expect.poll(() => page.getByTestId('step-result').allTextContents()).toContainEqual(expect.stringMatching(/^query replied · alice → bank\.balance.*"balance = 90"/));

    // Rounds 6–8: the second pay waits in the bank's queue behind Bob's audit, and expires there unexecuted (⌀ on
    // the bank's lane) in round 8; the wallet hears the same reject code 6.
    await step(page);
    await expect.poll(() => edgeLabels(page)).toContain('transfer · +1M cycles · deadline in 1 s');
    await step(page);
    await expect.poll(() => edgeLabels(page)).toContain('transfer · +1M cycles · deadline in 0 s');
    await step(page);
    await expect.poll(() => markers(page)).toContain('⌀ bank 8: Call 1 dropped from the queue at its deadline, before it ran; 1M cycles back to the caller');
    expect(await markers(page)).toContain('◷ wallet 8: Call 1 passed its deadline: the system answered SYS_UNKNOWN (6)');
    await expect.poll(() => edgeLabels(page)).toContain('transfer · +1M cycles · expired');
    await expect.poll(() => eventItems(page)).toContain('r8 wallet\'s call to bank.transfer was still waiting in bank\'s queue at its deadline: dropped unexecuted, 1,000,000 attached cycles back to the caller');
    await expect.poll(() => lastResult(page)).toMatch(/^call replied · alice → wallet\.pay · round 5 → 8/);
    expect(await lastResult(page)).toContain(ANSWER);
    await expect.poll(() => bankNode(page)).toContain('slice 3/7');

    // To the end: the audit is over and the balance is still 90: this time the transfer never happened.
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => page.getByTestId('step-result').allTextContents()).toHaveLength(5);
    const results = await page.getByTestId('step-result').allTextContents();
    expect(results[2]).toMatch(/^call replied · bob → bank\.audit.*"audit done, balance = 90"/);
    expect(results[4]).toMatch(/^query replied · alice → bank\.balance.*"balance = 90"/);
    expect(results.filter((r) => r.includes(ANSWER))).toHaveLength(2);
    await page.context().close();
  }, 120_000);
});
