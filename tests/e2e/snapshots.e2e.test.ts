/**
 * [e2e] Canister snapshots from the manage panel (ic-reference.md §12; issue "§12 in the UI"): a counter deployed
 * from the template counts to 3, a snapshot is taken and listed (with its price in Results), the code is uninstalled
 * (the count and the module are gone), the snapshot is loaded from the list and the module hash and the count come
 * back. And lesson 12 played to its end with Step tells the snapshot taken and loaded in the event list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deployTemplate, lastResult, openApp, openLesson, startApp, stepUntilAnswered, type App } from './browser.ts';
import { IC_PARAMS } from '../../src/engine/index.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const round = async (page: Page) => Number(await page.getByTestId('round').textContent());
const eventItems = (page: Page) => page.getByTestId('event-item').allTextContents();
/** The inspector's "module hash" line. */
const moduleHash = (page: Page) => page.locator('.inspector dt', { hasText: 'module hash' }).locator('xpath=following-sibling::dd[1]').textContent();
const digits = (text: string) => BigInt(text.replace(/,/g, ''));
/** The value of the counter's global `$counter`, as the inspector lists it (null when it has no globals). */
const counterGlobal = async (page: Page) => {
  const row = page.getByTestId('inspector-globals').locator('tr', { has: page.locator('th', { hasText: /^counter$/ }) });
  return (await row.count()) === 0 ? null : row.locator('.global-value').textContent();
};

async function update(page: Page, method: string, outcome: RegExp): Promise<string> {
  await page.getByLabel('method').fill(method);
  await page.getByLabel('update', { exact: true }).check();
  await page.getByRole('button', { name: 'Send update' }).click();
  return stepUntilAnswered(page, outcome);
}

async function queryGet(page: Page): Promise<string> {
  const before = await page.getByTestId('step-result').count();
  await page.getByLabel('method').fill('get');
  await page.getByLabel('query', { exact: true }).check();
  await page.getByRole('button', { name: 'Query now' }).click();
  await expect.poll(() => page.getByTestId('step-result').count()).toBe(before + 1);
  return lastResult(page);
}

describe('[e2e] canister snapshots', () => {
  it('take a snapshot of a counter at 3, uninstall it, load the snapshot: the module and the count are back', async () => {
    const page = await openApp(app);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();
    await deployTemplate(page, 'counter', 'Counter');
    for (const n of [1, 2, 3]) await update(page, 'inc', new RegExp(`call replied.*${n} \\(u64, little-endian\\)`));
    const hash = (await moduleHash(page)) ?? '';
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => counterGlobal(page)).toBe('3');

    // No snapshot yet; take one.
    const manage = page.locator('.manage-panel');
    expect(await manage.getByTestId('snapshot-list').count()).toBe(0);
    expect(await manage.locator('.snapshots').textContent()).toContain('None yet.');
    await manage.getByRole('button', { name: 'Take snapshot' }).click();
    const taken = await stepUntilAnswered(page, /manage replied/);
    expect(taken).toContain('user → ic.take_canister_snapshot (counter)');
    // The reply, read with the management canister's names: the id (its number 0, then the canister's id), the size.
    const size = taken.match(/total_size = ([\d_]+) : nat64/)?.[1].replace(/_/g, '');
    expect(size, taken).toBeDefined();
    expect(taken).toMatch(/record \{ id = blob "(\\00){8}/);
    // Listed in the panel: number, size, the module it holds.
    const list = manage.getByTestId('snapshot-list');
    await expect.poll(() => list.locator('li').count()).toBe(1);
    const label = (await list.locator('li .mono').textContent()) ?? '';
    expect(label).toMatch(new RegExp(`^#0 · \\d\\d:\\d\\d:\\d\\d UTC · ${Number(size).toLocaleString('en-US')} B · module ${hash.slice(0, 8)}…$`));
    // Its price in Results is what the event list says the round charged the counter for it: the induction and the
    // snapshot's instructions (2 B baseline plus the bytes), not the induction alone.
    await page.getByRole('tab', { name: 'Events' }).click();
    // The list renders from the events a render after the reply: read once the snapshot's own line is there.
    await expect.poll(() => eventItems(page)).toContainEqual(expect.stringMatching(/counter was snapshotted as snapshot #0/));
    await expect.poll(() => page.getByTestId('step-result').last().getByTestId('call-cost').count()).toBe(1);
    const charged = (await eventItems(page)).flatMap((t) => [...t.matchAll(/^r\d+ counter was charged ([\d,]+) cycles for (execution|inducting an ingress message)$/g)]);
    expect(charged.map((m) => m[2]).sort()).toEqual(['execution', 'inducting an ingress message']);
    const execution = digits(charged.find((m) => m[2] === 'execution')![1]);
    expect(execution).toBeGreaterThan(IC_PARAMS.canisterSnapshotBaselineInstructions);
    expect(await eventItems(page)).toContainEqual(expect.stringMatching(new RegExp(`^r\\d+ counter was snapshotted as snapshot #0 \\(${Number(size).toLocaleString('en-US')} bytes`)));
    const cost = (await page.getByTestId('step-result').last().getByTestId('call-cost').textContent()) ?? '';
    expect(digits(cost.match(/^cost ([\d,]+) cycles/)?.[1] ?? '0')).toBe(charged.reduce((sum, m) => sum + digits(m[1]), 0n));

    // Break it: uninstall. The module and the count are gone.
    await manage.getByRole('button', { name: 'Uninstall' }).click();
    await stepUntilAnswered(page, /manage replied · user → ic\.uninstall_code/);
    await expect.poll(() => moduleHash(page)).toBe('—');
    expect(await counterGlobal(page)).toBeNull();
    expect(await page.getByTestId('inspector-status').textContent()).toContain('empty');
    expect(await queryGet(page)).toMatch(/query rejected.*IC0537/s);

    // Load it back from the list.
    await list.getByRole('button', { name: 'Load' }).click();
    const loaded = await stepUntilAnswered(page, /manage replied/);
    expect(loaded).toContain('user → ic.load_canister_snapshot (counter)');
    await expect.poll(() => moduleHash(page)).toBe(hash);
    await expect.poll(() => counterGlobal(page)).toBe('3');
    expect(await page.getByTestId('inspector-status').textContent()).not.toContain('empty');
    expect(await queryGet(page)).toMatch(/query replied.*3 \(u64, little-endian\)/s);
    await expect.poll(() => eventItems(page)).toContain(`r${await round(page)} counter was restored from its snapshot #0: module, memories and globals are back as they were; cycles, settings and logs are not`);
    // The snapshot stays for next time, and the counter counts on from 3.
    expect(await list.locator('li').count()).toBe(1);
    await update(page, 'inc', /call replied.*4 \(u64, little-endian\)/s);
    await page.context().close();
  }, 120_000);

  it('lesson 12 played with Step: the snapshot taken before a bad upgrade is loaded, and the count comes back', async () => {
    const page = await openApp(app);
    await openLesson(page, '12-snapshots');
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.locator('.event-list').getByRole('button', { name: 'whole run' }).click();
    // Step, round by round, to the end of the recorded script in round 7 ("To the end" then gives way to "Until idle").
    for (let r = 1; r <= 7; r++) {
      expect(await page.getByRole('button', { name: 'Until idle' }).count(), `the lesson goes on after round ${r - 1}`).toBe(0);
      await page.getByRole('button', { name: /^Step/ }).click();
      await expect.poll(() => round(page)).toBe(r);
    }
    await expect.poll(() => page.getByRole('button', { name: 'Until idle' }).count()).toBe(1);
    // The whole run's list and the costs render from the events, which may be rounds behind after seven quick Steps.
    await expect.poll(() => eventItems(page)).toContainEqual(expect.stringMatching(/^r5 counter was restored/));
    await expect.poll(() => page.getByTestId('step-result').allTextContents())
      .toContainEqual(expect.stringMatching(/ic\.take_canister_snapshot[^]*cost [\d,]+ cycles/));
    const items = await eventItems(page);
    expect(items).toContain('r2 counter was snapshotted as snapshot #0 (65,979 bytes: its module, memories, globals, certified data and chunk store)');
    expect(items).toContain('r5 counter was restored from its snapshot #0: module, memories and globals are back as they were; cycles, settings and logs are not');
    const results = await page.getByTestId('step-result').allTextContents();
    expect(results.find((r) => r.includes('counter.inc') && r.includes('the count is gone'))).toContain('"count = 10"');
    expect(results.find((r) => r.includes('counter.get (query)'))).toContain('"count = 3"');
    expect(results.find((r) => r.includes('counting on from 3'))).toContain('"count = 4"');
    expect(results.find((r) => r.includes('ic.take_canister_snapshot'))).toMatch(/cost [\d,]+ cycles/);
    expect(results.find((r) => r.includes('ic.list_canister_snapshots'))).toMatch(/vec \{ record \{ id = blob .*total_size = 65_979 : nat64/);
    await page.context().close();
  }, 120_000);
});
