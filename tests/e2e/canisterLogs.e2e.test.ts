/**
 * [e2e] A canister's log store in the inspector (ic-reference.md §12; replica `log_memory_store/ring_buffer.rs`): a
 * logger typed into the editor and deployed, each call debug_printing 35 records; the meter and its line say the bytes
 * used of `log_memory_limit` and the record numbers kept. Through the Settings form the limit is raised (nothing lost),
 * refused out of range (live, IC0406) or when not a number (the form says so), then lowered: the oldest records are
 * purged until the rest fit, and the inspector counts them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deployTypedWat, lastResult, openApp, startApp, stepUntilAnswered, type App } from './browser.ts';
import { IC_PARAMS } from '../../src/engine/index.ts';
import { groupDigits } from '../../src/ui/graph/formatAmount.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const LINE = 'a line of the log, forty bytes long.....';
const PER_CALL = 35;
const LOGGER = `;; A logger: "log" writes ${PER_CALL} lines of 40 bytes to the canister log.
(module
  (import "ic0" "debug_print" (func $print (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (memory 1)
  (data (i32.const 0) "${LINE}")
  (func (export "canister_update log") (local $i i32)
    (loop $next
      (call $print (i32.const 0) (i32.const ${LINE.length}))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const ${PER_CALL}))))
    (call $reply)))
`;
/** Bytes a record takes in the store: its header (index, timestamp, length) and its content. */
const RECORD = Number(IC_PARAMS.logStoreRecordOverheadBytes) + LINE.length;
const bytes = (n: number) => groupDigits(String(n));

const summary = (page: Page) => page.getByTestId('log-store-summary').textContent();
const meter = (page: Page) => page.locator('.inspector .log-store meter').evaluate((m: HTMLMeterElement) => ({ value: m.value, max: m.max, text: m.getAttribute('aria-valuetext') }));
const records = (page: Page) => page.locator('.inspector ol.log li').allTextContents();

async function log(page: Page): Promise<void> {
  await page.getByLabel('method').fill('log');
  await page.getByRole('button', { name: 'Send update' }).click();
  // The newest entry is the last call's until this one's comes back from the worker: wait for it, then play it.
  await expect.poll(() => lastResult(page)).toMatch(/^call pending/);
  await stepUntilAnswered(page, /call replied · user → logger\.log/);
}

async function setLogMemoryLimit(page: Page, value: string, outcome: RegExp): Promise<string> {
  await page.getByLabel('log memory limit (bytes)').fill(value);
  await page.getByRole('button', { name: 'Update settings' }).click();
  return stepUntilAnswered(page, outcome);
}

describe('[e2e] the log store in the inspector', () => {
  it('fills with records, keeps them when the limit grows, purges the oldest when it shrinks, and says how many', async () => {
    const page = await openApp(app);
    await deployTypedWat(page, 'logger', LOGGER, '(export "canister_update log")');

    // Empty, with the default limit.
    const limit = Number(IC_PARAMS.canisterLogBufferBytes);
    await expect.poll(() => summary(page)).toBe(`0 of ${bytes(limit)} bytes · no records`);
    expect(await meter(page)).toEqual({ value: 0, max: limit, text: `Log store: 0 of ${bytes(limit)} bytes (0 % full), no records.` });

    // One call: 35 records, numbered from 0.
    await log(page);
    await expect.poll(() => summary(page)).toBe(`${bytes(PER_CALL * RECORD)} of ${bytes(limit)} bytes · records #0 … #${PER_CALL - 1}`);
    expect((await meter(page)).value).toBe(PER_CALL * RECORD);
    const first = await records(page);
    expect(first).toHaveLength(PER_CALL);
    expect(first[0]).toBe(`#0 [round 1] ${LINE}`);
    expect(first[PER_CALL - 1]).toBe(`#${PER_CALL - 1} [round 1] ${LINE}`);

    // Raised to twice the default through the Settings form: nothing purged, room for three calls' records.
    await page.getByText('Settings', { exact: true }).click();
    const field = page.getByLabel('log memory limit (bytes)');
    expect(await field.inputValue()).toBe(String(limit));
    await setLogMemoryLimit(page, String(2 * limit), /manage replied · user → ic\.update_settings \(logger\)/);
    await expect.poll(() => summary(page)).toBe(`${bytes(PER_CALL * RECORD)} of ${bytes(2 * limit)} bytes · records #0 … #${PER_CALL - 1}`);
    expect((await meter(page)).max).toBe(2 * limit);
    await log(page);
    await log(page);
    const kept = 3 * PER_CALL;
    expect(kept * RECORD).toBeLessThanOrEqual(2 * limit);
    await expect.poll(() => summary(page)).toBe(`${bytes(kept * RECORD)} of ${bytes(2 * limit)} bytes · records #0 … #${kept - 1}`);

    // Out of range: refused live by the management canister, as the replica does; nothing changes.
    const refused = await setLogMemoryLimit(page, '100', /manage rejected/);
    expect(refused).toContain(`IC0406 — The canister log memory limit 100 is too low. It must be at least ${IC_PARAMS.minLogMemoryLimit}.`);
    expect(await page.getByTestId('error-explanation').last().textContent()).toContain('from the management canister');
    expect(await summary(page)).toBe(`${bytes(kept * RECORD)} of ${bytes(2 * limit)} bytes · records #0 … #${kept - 1}`);
    // Not a number: the form says so and will not send it.
    await field.fill('4 KiB');
    await expect.poll(() => page.locator('.settings-form .field-error').allTextContents()).toContain('Whole numbers only: log memory limit (bytes).');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Update settings' }).isDisabled()).toBe(true);

    // Lowered back to the default: the oldest records are purged until the rest fit.
    await setLogMemoryLimit(page, String(limit), /manage replied · user → ic\.update_settings \(logger\)/);
    const fit = Math.floor(limit / RECORD);
    const purged = kept - fit;
    expect(purged).toBeGreaterThan(0);
    await expect.poll(() => summary(page)).toBe(`${bytes(fit * RECORD)} of ${bytes(limit)} bytes · records #${purged} … #${kept - 1} · ${purged} fell off (oldest first)`);
    expect((await meter(page)).text).toBe(`Log store: ${bytes(fit * RECORD)} of ${bytes(limit)} bytes (${Math.round((100 * fit * RECORD) / limit)} % full), records #${purged} … #${kept - 1}, ${purged} fell off (oldest first).`);
    const left = await records(page);
    expect(left).toHaveLength(fit);
    expect(left[0]).toMatch(new RegExp(`^#${purged} \\[round \\d+\\] `));
    await page.context().close();
  }, 120_000);
});
