/**
 * [e2e] Environment variables through the settings form (ic-reference.md §4.1, §12): typed as NAME=value lines,
 * sent with update_settings, shown in the inspector and read by the canister with `ic0.env_var_value_copy`; a line
 * that is not NAME=value is refused by the form before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployTypedWat, lastResult, openApp, startApp, stepUntilAnswered, type App } from './browser.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const READER = `;; Replies the value of the environment variable MODE.
(module
  (import "ic0" "env_var_value_size" (func $size (param i32 i32) (result i32)))
  (import "ic0" "env_var_value_copy" (func $copy (param i32 i32 i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (memory 1)
  (data (i32.const 0) "MODE")
  (func (export "canister_query mode")
    (call $copy (i32.const 0) (i32.const 4) (i32.const 100) (i32.const 0) (call $size (i32.const 0) (i32.const 4)))
    (call $append (i32.const 100) (call $size (i32.const 0) (i32.const 4)))
    (call $reply)))
`;

describe('[e2e] environment variables', () => {
  it('are typed in the settings form, shown in the inspector and read by the canister', async () => {
    const page = await openApp(app);
    await deployTypedWat(page, 'reader', READER, '(export "canister_query mode")');
    await expect.poll(() => page.getByTestId('inspector-env').textContent()).toBe('no variables');

    await page.locator('.manage-panel summary', { hasText: 'Settings' }).click();
    const field = page.getByLabel(/environment variables, one NAME=value per line/);
    const update = page.getByRole('button', { name: 'Update settings' });
    // Not NAME=value: the form says where, and sends nothing.
    await field.fill('MODE=prod\njust text');
    await expect.poll(() => page.locator('.settings-form .field-error').allTextContents()).toContain('Environment variables, line 2: write NAME=value.');
    expect(await update.isDisabled()).toBe(true);

    await field.fill('MODE=prod\nREGION=eu');
    await update.click();
    await stepUntilAnswered(page, /manage replied · user → ic\.update_settings \(reader\)/);
    await expect.poll(() => page.getByTestId('inspector-env').textContent()).toBe('MODE=prodREGION=eu');

    await page.getByLabel('method').fill('mode'); // a query method: the form says so by itself
    await page.getByRole('button', { name: 'Query now' }).click();
    await expect.poll(() => lastResult(page)).toMatch(/query replied · user → reader\.mode[\s\S]*prod/);
    await page.context().close();
  }, 120_000);
});
