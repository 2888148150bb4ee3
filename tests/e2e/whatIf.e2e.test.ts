/**
 * [e2e] Issue 14, a what-if: with a call on its way to the callee, the learner picks "What if callee is stopped
 * now?" in the inspector; it is recorded as the step that does it (a controller's stop_canister, labelled), the
 * call comes back rejected by the stopping callee, and the what-if travels in a share link: reopened elsewhere,
 * the same step and the same outcome. And the queues' what-if, picked from a request on its way: the request is
 * answered SYS_TRANSIENT (IC0201) and the caller's reject callback runs. And a checkpoint while a long message is
 * part-way (ic-reference.md §7.7): it is aborted and restarts from scratch, finishing as many rounds later as it had run.
 * And the callee traps, picked from the request on its way: the caller's reject callback gets CANISTER_ERROR, and a
 * link carries the planned trap.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './browser.ts';
import { seriousViolations } from './axe.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
const parsed = parseScenario(JSON.stringify({
  format: 'canister-playground/scenario@1',
  title: 'What if the callee stops',
  users: ['alice'],
  canisters: [
    { name: 'caller', source: { wat: example('caller.wat') }, initArg: { hex: '00000000000000010101' } },
    { name: 'callee', source: { wat: example('callee.wat') } },
  ],
  steps: [{ call: { to: 'caller', method: 'call_inc', label: 'caller asks callee to inc' } }],
}));
if (!parsed.ok) throw new Error(parsed.error);
const callerAndCallee = parsed.scenario;

async function open(url: string, title = 'What if the callee stops'): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true })).newPage();
  await page.goto(url);
  await page.locator('[data-testid=workspace-title]', { hasText: title }).waitFor({ timeout: 60_000 });
  await page.locator('section.call-log').waitFor({ timeout: 20_000 });
  return page;
}

/**
 * A workspace titled `title` where alice's call to caller sends a request to callee.inc that is still on its way at the
 * end of round 1 — the round's budget is spent after the caller's execution (maxInstructionsPerRound 1), the request
 * is routed at the start of round 2 (ic-reference.md §7.1) — played to round 1, the request selected in the events.
 */
async function requestOnItsWay(title: string) {
  const inFlight = parseScenario(JSON.stringify({
    ...callerAndCallee, format: 'canister-playground/scenario@1', title, subnet: { preset: 'classroom', params: { maxInstructionsPerRound: '1' } },
    steps: [{ call: { to: 'caller', method: 'call_inc' } }],
  }));
  if (!inFlight.ok) throw new Error(inFlight.error);
  const page = await open(`${app.url}#${encodeShareFragment(inFlight.scenario)}`, title);
  await page.getByRole('button', { name: /^Step/ }).click();
  await expect.poll(() => page.getByTestId('round').textContent()).toBe('1');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByTestId('event-item').filter({ hasText: 'caller paid' }).filter({ hasText: 'callee.inc' }).click();
  const whatIf = page.getByTestId('what-if');
  await expect.poll(() => whatIf.locator('h3').textContent()).toContain('for callee, where this message is going');
  return { page, whatIf };
}

const results = (page: Page) => page.getByTestId('step-result').allTextContents();

/**
 * At the end of the script (played to it, or at its end run until idle): the callee's status, and whether the
 * caller's call came back with the callee's reject (caller.wat replies "J", the reject code, the message: 0x4a05…).
 */
async function outcomeAtEnd(page: Page): Promise<{ status: string | null; rejected: boolean }> {
  await page.getByRole('button', { name: /To the end|Until idle/ }).click();
  await page.locator('.react-flow__node', { hasText: 'callee' }).click();
  await expect.poll(() => page.getByTestId('inspector-status').textContent()).toBe('stopped');
  const call = (await results(page)).find((r) => r.includes('caller.call_inc')) ?? '';
  return { status: await page.getByTestId('inspector-status').textContent(), rejected: call.includes('0x4a05') };
}

describe('[e2e] a what-if', () => {
  it('is recorded as the step that brings it about, changes the outcome, and is shared by a link', async () => {
    const page = await open(`${app.url}#${encodeShareFragment(parsed.scenario)}`);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // Round 0: the call to caller is submitted; nothing has reached the callee yet.
    await page.locator('.react-flow__node', { hasText: 'callee' }).click();
    const whatIf = page.getByTestId('what-if');
    await whatIf.waitFor({ timeout: 20_000 });
    expect(await whatIf.getByRole('button').allTextContents()).toEqual([
      'What if callee\'s next update call traps?', 'What if callee is stopped now?', 'What if callee is frozen now?', 'What if callee\'s code is uninstalled now?',
      'What if the queues to callee, and between all canisters, are full now?',
    ]);
    expect(await seriousViolations(page, '[data-testid=what-if]')).toEqual([]);
    await whatIf.getByRole('button', { name: 'What if callee is stopped now?' }).click();
    await expect.poll(async () => (await results(page)).some((r) => r.includes('ic.stop_canister (callee)'))).toBe(true);
    expect(await page.locator('section.call-log').textContent()).toContain('What if: callee is stopped');

    // The request arrives at a stopping callee: rejected; the callee ends stopped.
    expect(await outcomeAtEnd(page)).toEqual({ status: 'stopped', rejected: true });

    // Shared: the link carries the what-if as its step.
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByTestId('share-link').inputValue();
    const shared = await open(link);
    expect(await shared.locator('section.call-log').textContent()).toContain('What if: callee is stopped');
    expect(await outcomeAtEnd(shared)).toEqual({ status: 'stopped', rejected: true });
    expect(errors).toEqual([]);
    await shared.context().close();
    await page.context().close();
  }, 180_000);

  it('from a selected message: the what-ifs of the canister it is going to', async () => {
    const page = await open(`${app.url}#${encodeShareFragment(parsed.scenario)}`);
    // Round 0: alice's call to caller is submitted, not yet run. Selecting that message offers caller's what-ifs.
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.getByTestId('event-item').filter({ hasText: 'alice submitted a call to caller.call_inc' }).click();
    const whatIf = page.getByTestId('what-if');
    await expect.poll(() => whatIf.locator('h3').textContent()).toContain('for caller, where this message is going');
    expect(await page.getByTestId('what-if').count()).toBe(1);
    await whatIf.getByRole('button', { name: 'What if caller is stopped now?' }).click();
    await expect.poll(async () => (await results(page)).some((r) => r.includes('ic.stop_canister (caller)'))).toBe(true);
    // The stop is executed before the call in the next round: the call finds caller stopping.
    await page.getByRole('button', { name: /To the end|Until idle/ }).click();
    await expect.poll(async () => (await results(page)).find((r) => r.includes('alice → caller.call_inc')) ?? '').toMatch(/call rejected.*IC0509/);
    await page.context().close();
  }, 120_000);

  it('the queues are full: picked from a request on its way, the request is answered SYS_TRANSIENT (IC0201) and the caller\'s reject callback runs', async () => {
    const { page, whatIf } = await requestOnItsWay('What if the callee stops');
    await whatIf.getByRole('button', { name: 'What if the queues to callee, and between all canisters, are full now?' }).click();
    await expect.poll(() => page.getByTestId('event-item').filter({ hasText: 'from now on, a queue between two canisters holds 0 messages' }).count()).toBe(1);
    await page.getByRole('button', { name: /To the end|Until idle/ }).click();
    // caller.wat replies "J", the reject code (2) and the message.
    const rejected = `0x4a02${Buffer.from('Maximum queue capacity 0 reached').toString('hex')}`;
    await expect.poll(async () => (await results(page)).find((r) => r.includes('alice → caller.call_inc')) ?? '').toMatch(/call replied/);
    expect((await results(page)).find((r) => r.includes('alice → caller.call_inc'))).toContain(rejected);
    // The event list, over the whole run: the step, then the system's answer to the request, with its codes.
    await page.locator('.event-list').getByRole('button', { name: 'whole run' }).click();
    const items = () => page.getByTestId('event-item').allTextContents();
    await expect.poll(async () => (await items()).filter((t) => /IC0201/.test(t))).toEqual([
      'r2 callee answered caller\'s call to callee.inc: rejected: Maximum queue capacity 0 reached (IC0201, reject code 2 SYS_TRANSIENT)',
    ]);
    expect(await items()).toContain('r1 from now on, a queue between two canisters holds 0 messages (the IC\'s is 500)');
    expect((await items()).some((t) => /^r3 caller ran its reject callback on callee's response/.test(t))).toBe(true);
    await page.context().close();
  }, 120_000);

  it('a checkpoint while a long message is part-way: aborted, restarted from scratch, done as many rounds later as it had run', async () => {
    const slicing = parseScenario(JSON.stringify({
      format: 'canister-playground/scenario@1', title: 'A checkpoint comes', subnet: { preset: 'classroom' },
      canisters: [{ name: 'worker', source: { wat: example('long-message.wat') } }],
      steps: [{ call: { to: 'worker', method: 'long' } }],
    }));
    if (!slicing.ok) throw new Error(slicing.error);
    const page = await open(`${app.url}#${encodeShareFragment(slicing.scenario)}`, 'A checkpoint comes');
    for (let round = 1; round <= 3; round++) {
      await page.getByRole('button', { name: /^Step/ }).click();
      await expect.poll(() => page.getByTestId('round').textContent()).toBe(String(round));
    }
    const worker = page.locator('.react-flow__node', { hasText: 'worker' });
    await expect.poll(() => worker.textContent()).toContain('slice 3/14');
    await worker.click();
    const whatIf = page.getByTestId('what-if');
    const choice = 'What if the subnet is busy and a checkpoint comes now, with worker\'s long message part-way?';
    await whatIf.getByRole('button', { name: choice }).click();
    // At the playhead: the execution thrown away, the canister waiting to restart.
    await expect.poll(() => worker.textContent()).toContain('aborted');
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => page.getByTestId('event-item').filter({ hasText: 'a checkpoint aborted worker\'s long after 3 of 14 slices' }).count()).toBe(1);
    // Played on: the restart runs its 14 slices from round 4, so the message commits in round 17, not 14.
    await page.getByRole('button', { name: /To the end|Until idle/ }).click();
    await page.locator('.event-list').getByRole('button', { name: 'whole run' }).click();
    const items = () => page.getByTestId('event-item').allTextContents();
    await expect.poll(async () => (await items()).filter((t) => /ran slice 14 of 14 of long/.test(t))).toEqual([expect.stringMatching(/^r17 /)]);
    expect((await items()).filter((t) => /ran slice 1 of 14 of long/.test(t)).map((t) => t.split(' ')[0])).toEqual(['r1', 'r4']);
    // The timeline draws the aborted attempt as a span of its own.
    expect(await page.locator('.cp-tl-aborted').count()).toBe(1);
    await page.context().close();
  }, 120_000);

  it('the callee traps: picked from a request on its way, the callee traps on it, the caller gets CANISTER_ERROR; a link carries it', async () => {
    const { page, whatIf } = await requestOnItsWay('What if the callee traps');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const choice = whatIf.getByRole('button', { name: 'What if callee traps on its next call to inc?' });
    expect(await page.locator(`#${await choice.getAttribute('aria-describedby')}`).textContent()).toContain('CANISTER_ERROR (reject code 5, IC0503)');
    await choice.click();
    // Planned: the event says so and the callee's node carries the badge until a call takes it.
    await expect.poll(() => page.getByTestId('event-item').filter({ hasText: 'what if: callee\'s next call to inc traps as it begins' }).count()).toBe(1);
    const callee = page.locator('.react-flow__node', { hasText: 'callee' });
    await expect.poll(() => callee.textContent()).toContain('traps next');
    // And where the learner picked it: the panel says what is planned, and offers that trap no more.
    await expect.poll(() => whatIf.getByTestId('planned-trap').textContent()).toBe('Planned: callee\'s next call to inc traps as it begins.');
    expect(await whatIf.getByRole('button', { name: 'What if callee traps on its next call to inc?' }).count()).toBe(0);
    expect(await seriousViolations(page, '[data-testid=what-if]')).toEqual([]);
    await page.getByRole('button', { name: /To the end|Until idle/ }).click();
    // caller.wat replies "J", the reject code (5) and the message (the console shows its start; the events all of it).
    const rejected = `0x4a05${Buffer.from('Error from Canister ').toString('hex')}`;
    const outcome = async (p: Page) => (await results(p)).find((r) => r.includes('alice → caller.call_inc')) ?? '';
    await expect.poll(() => outcome(page)).toMatch(/call replied/);
    expect(await outcome(page)).toContain(rejected);
    await expect.poll(() => callee.textContent()).not.toContain('traps next');
    await page.locator('.event-list').getByRole('button', { name: 'whole run' }).click();
    const items = () => page.getByTestId('event-item').allTextContents();
    await expect.poll(async () => (await items()).some((t) => /caller ran its reject callback on callee's response/.test(t))).toBe(true);
    expect((await items()).some((t) => /callee ran inc .*trapped: Canister called .*What if: callee traps in inc.*IC0503/.test(t))).toBe(true);

    // Shared: reopened from the link, the planned trap is a step of the workspace and the outcome is the same.
    await page.getByRole('button', { name: 'Share link' }).click();
    const shared = await open(await page.getByTestId('share-link').inputValue(), 'What if the callee traps');
    await shared.getByRole('button', { name: /To the end|Until idle/ }).click();
    await expect.poll(() => outcome(shared)).toMatch(/call replied/);
    expect(await outcome(shared)).toContain(rejected);
    await shared.getByRole('tab', { name: 'Events' }).click();
    await shared.locator('.event-list').getByRole('button', { name: 'whole run' }).click();
    await expect.poll(async () => (await shared.getByTestId('event-item').allTextContents()).filter((t) => /what if: callee's next call to inc traps|callee ran inc .*trapped/.test(t)).length).toBe(2);
    expect(errors).toEqual([]);
    await shared.context().close();
    await page.context().close();
  }, 180_000);
});
