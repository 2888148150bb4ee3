/**
 * [e2e] Deploying and managing from the UI alone (issue "writing, deploying and calling canisters as learners
 * expect"): two canisters wired together by an init argument picked as a principal, a management call sent by a
 * user who is not a controller and refused live, and installs refused while the editor's code does not compile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deployTemplate as deploy, lastResult, newFileInNewWorkspace, openApp, openLesson, startApp, stepUntilAnswered, type App } from './browser.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileWat, initWat } from '../../src/engine/index.ts';
import { watTemplate } from '../../src/ui/editor/templates.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const newPage = () => openApp(app);

describe('[e2e] deploying from the UI', () => {
  it('a caller installed with its callee\'s principal as init argument calls it', async () => {
    const page = await newPage();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();
    await deploy(page, 'callee', 'Counter');
    await deploy(page, 'caller', 'Inter-canister call', { principalOf: 'callee' });
    expect(await lastResult(page)).toContain('deploy replied');
    await page.getByLabel('method').fill('call_inc');
    await page.getByRole('button', { name: 'Send update' }).click();
    await stepUntilAnswered(page, /call replied/);
    // The callee ran: the caller forwards its reply, the counter as 8 little-endian bytes (1), not "no callee".
    expect(await lastResult(page)).toContain('user → caller.call_inc');
    expect(await lastResult(page)).toContain('1 (u64, little-endian)');
    expect(await page.getByTestId('step-result').count()).toBe(3);
    await page.context().close();
  }, 60_000);

  it('a user who is not a controller is refused live (IC0512); code that does not compile cannot be installed', async () => {
    const page = await newPage();
    await openLesson(page, '09-controllers');
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Until idle' }).count()).toBe(1);
    // At the end of the lesson the greeter has no controllers left: back to round 0, where alice controls it,
    // and the upgrade is sent as mallory.
    await page.getByRole('button', { name: /Reset/ }).click();
    await page.getByLabel('management calls sent by').selectOption('mallory');
    await page.getByRole('button', { name: 'Upgrade with editor code' }).click();
    await expect.poll(() => lastResult(page)).toContain('IC0512');
    expect(await page.getByTestId('error-explanation').last().textContent()).toBe('only a controller of the canister may do this');
    expect(await page.getByTestId('fork-notice').count(), 'acting at round 0 set the lesson aside, undoably').toBe(1);
    // Broken code: the install buttons are disabled and say why.
    await page.getByRole('tab', { name: /^Code/ }).click();
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n(oops');
    await expect.poll(() => page.getByTestId('install-refused').textContent(), { timeout: 10_000 }).toMatch(/editor's code has \d+ errors?/);
    expect(await page.getByRole('button', { name: 'Upgrade with editor code' }).isDisabled()).toBe(true);
    await page.context().close();
  }, 60_000);

  it('a new file from the blank module opens in its own editor, is edited, deployed under its name and called', async () => {
    const page = await newPage();
    await newFileInNewWorkspace(page, 'greeter', 'Blank module');
    const files = page.getByRole('navigation', { name: 'Files' });
    await expect.poll(() => page.getByRole('tab', { name: /^Code/ }).textContent()).toContain('greeter.wat');
    expect(await files.getByText('not deployed').count()).toBe(1);
    // Edit it in Monaco: the reply becomes "hi" (2 bytes).
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    const retype = async (line: string, erase: number, text: string) => {
      await page.locator('.view-line', { hasText: line }).click();
      await page.keyboard.press('End');
      for (let i = 0; i < erase; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type(text);
    };
    await retype('(data (i32.const 0) "hello")', '"hello")'.length, '"hi")');
    await retype('(i32.const 5))', '5))'.length, '2))');
    // Monaco draws spaces as no-break spaces.
    await expect.poll(() => page.locator('.view-lines').textContent().then((t) => t?.replace(/\u00a0/g, ' '))).toContain('(i32.const 0) (i32.const 2))');
    // The New canister form deploys the file under its own name.
    const form = page.locator('.deploy-panel');
    await expect.poll(() => form.locator('h3').textContent()).toBe('Deploy greeter.wat');
    await expect.poll(() => form.getByRole('button', { name: 'Create and install' }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await form.getByRole('button', { name: 'Create and install' }).click();
    await page.locator('.inspector h3', { hasText: 'greeter' }).waitFor({ timeout: 20_000 });
    expect(await files.getByText('not deployed').count()).toBe(0);
    await page.getByLabel('method').fill('hello');
    await page.getByRole('button', { name: 'Send update' }).click();
    await stepUntilAnswered(page, /"hi"/);
    await page.context().close();
  }, 90_000);

  it('bring your own Wasm: a .wasm file deploys a canister, a .wasm.gz upgrades it, and the Code tab says what it runs', async () => {
    await initWat();
    const compiled = compileWat(watTemplate('counter')!.source);
    if (!compiled.ok) throw new Error('the counter template compiles');
    const dir = mkdtempSync(join(tmpdir(), 'cp-wasm-'));
    const plain = join(dir, 'counter.wasm');
    const gzipped = join(dir, 'counter.wasm.gz');
    writeFileSync(plain, compiled.wasm);
    writeFileSync(gzipped, gzipSync(compiled.wasm));

    const page = await newPage();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();
    const form = page.locator('.deploy-panel');
    await form.getByLabel('new canister name').fill('uploaded');
    await form.getByLabel('new canister code').selectOption('file');
    expect(await form.getByRole('button', { name: 'Create and install' }).isDisabled(), 'no file chosen yet').toBe(true);
    await form.getByLabel('module').setInputFiles(plain);
    await expect.poll(() => form.getByTestId('wasm-chosen').textContent()).toBe(`counter.wasm: ${compiled.wasm.length.toLocaleString('en-US')} bytes`);
    await form.getByRole('button', { name: 'Create and install' }).click();
    await page.locator('.inspector h3', { hasText: 'uploaded' }).waitFor({ timeout: 20_000 });
    const call = async (expected: string) => {
      await page.getByLabel('method').fill('inc');
      await page.getByRole('button', { name: 'Send update' }).click();
      await stepUntilAnswered(page, new RegExp(`call replied.*${expected.replace(/[()]/g, '\\$&')}`, 's'));
    };
    await call('1 (u64, little-endian)');
    await call('2 (u64, little-endian)');
    await page.getByRole('tab', { name: /^Code/ }).click();
    await expect.poll(() => page.getByTestId('module-summary').textContent()).toMatch(/uploaded runs a Wasm module of [\d,]+ bytes/);
    expect(await page.getByTestId('module-summary').textContent()).toContain('inc');
    // An upgrade with the gzipped module: the heap (and the counter in it) starts again.
    const manage = page.locator('.manage-panel');
    await manage.getByLabel('code to install').selectOption('file');
    await manage.getByLabel('module').setInputFiles(gzipped);
    await manage.getByRole('button', { name: 'Upgrade with file' }).click();
    await stepUntilAnswered(page, /manage replied/);
    await call('1 (u64, little-endian)');
    await page.context().close();
  }, 90_000);
});
