/**
 * The first graph does not wait for the WAT compiler or the editor (issue 16, target 7): a lesson and a share link
 * come with their WAT sources compiled, and wabt and Monaco are fetched once the graph is on screen. Here they are
 * held back (their requests wait) until the graph is drawn, which it must be without them; then released, they
 * work. A link whose modules are not its sources' is found out once wabt is there, and opened again from the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { lastResult, startApp, type App } from './browser.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { compiledWatToJson } from '../../src/scenario/compiledWatJson.ts';
import { compileWat, initWat } from '../../src/engine/index.ts';

let app: App;
beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

/** A page whose requests for wabt and Monaco wait until `release` is called. */
async function pageHoldingCompilers(path = ''): Promise<{ page: Page; held: string[]; release(): void }> {
  const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const held: string[] = [];
  const waiting: Route[] = [];
  let released = false;
  await page.context().route(/\/assets\/(wabt|monacoSetup)-[^/]*\.js$/, (route) => {
    held.push(new URL(route.request().url()).pathname);
    if (released) void route.continue();
    else waiting.push(route);
  });
  await page.goto(`${app.url}${path}`);
  return { page, held, release: () => { released = true; for (const route of waiting.splice(0)) void route.continue(); } };
}

const round = (page: Page) => page.getByTestId('round').textContent().then((t) => Number(t));

const replying = (text: string) => `(module
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (memory 1)
  (data (i32.const 0) "${text}")
  (func (export "canister_update hi") (call $append (i32.const 0) (i32.const ${text.length})) (call $reply)))`;

describe('the first graph', () => {
  it('of the default page is drawn before wabt and Monaco load; they work once it is', async () => {
    const { page, held, release } = await pageHoldingCompilers();
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    // The lesson plays on its compiled modules alone.
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(page)).toBe(1);
    release();
    await expect.poll(() => held.some((path) => path.includes('/wabt-')), { timeout: 20_000 }).toBe(true);
    // The editor loads, and its code is checked by the compiler now there: an error is listed.
    await page.getByRole('tab', { name: /^Code/ }).click();
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' (oops)');
    await expect.poll(() => page.locator('.view-lines').first().textContent().then((t) => t?.replace(/\u00a0/g, ' '))).toContain('(oops)');
    await expect.poll(() => page.getByText(/unexpected token \(, expected EOF/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  }, 90_000);

  it('of a share link the app made opens without the compiler, and the link is the same once it is there', async () => {
    const first = await pageHoldingCompilers();
    first.release();
    await first.page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    await first.page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => round(first.page)).toBe(1);
    await first.page.getByRole('button', { name: 'Share link' }).click();
    const hash = new URL(await first.page.getByTestId('share-link').inputValue()).hash;
    expect(hash).toMatch(/&w=[A-Za-z0-9_-]+$/);
    const { page, release } = await pageHoldingCompilers(hash);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => round(page)).toBe(1);
    release();
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect.poll(() => page.getByTestId('share-link').inputValue().then((l) => new URL(l).hash)).toBe(hash);
  }, 90_000);

  it('of a link whose modules are not its sources is replaced by the sources\' once the compiler is there', async () => {
    const parsed = parseScenario(JSON.stringify({
      format: 'canister-playground/scenario@1', title: 'Seeds checked',
      canisters: [{ name: 'greeter', source: { wat: replying('from the source') } }],
      steps: [{ call: { to: 'greeter', method: 'hi', wait: true } }],
    }));
    if (!parsed.ok) throw new Error(parsed.error);
    await initWat();
    const impostor = compileWat(replying('not the source'));
    if (!impostor.ok) throw new Error('the impostor compiles');
    const { page, release } = await pageHoldingCompilers(`#${encodeShareFragment(parsed.scenario, 1, [compiledWatToJson(impostor)])}`);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    // Until the compiler is there, the link's module ran.
    await expect.poll(() => lastResult(page)).toContain('not the source');
    release();
    await expect.poll(() => lastResult(page), { timeout: 20_000 }).toContain('from the source');
    await expect.poll(() => page.getByText('did not match its WAT source').count()).toBe(1);
    expect(await round(page)).toBe(1);
  }, 90_000);
});
