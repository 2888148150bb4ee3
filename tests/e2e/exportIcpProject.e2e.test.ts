/**
 * [e2e] Issue 15, graduation from the UI: a learner deploys a callee and a caller wired by an init argument, calls
 * the caller, and presses **Export to icp-cli**; the zip they download is one folder holding an icp-cli project of
 * exactly that workspace — both canisters in icp.yaml, the learner's steps in scenario.json and replayed by the
 * PocketIC test with the replies the page showed — which the real `icp build` builds into the modules the page ran.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { deployTemplate as deploy, lastResult, openApp, startApp, stepUntilAnswered, type App } from './browser.ts';
import { seriousViolations } from './axe.ts';
import { ensureToolchain, icpBuild, linkedNodeModules } from '../export/toolchain.ts';

let app: App;
let dir = '';

beforeAll(async () => {
  ensureToolchain();
  dir = mkdtempSync(join(tmpdir(), 'export-button-'));
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('[e2e] Export to icp-cli', () => {
  it('downloads the workspace as an icp-cli project that icp build builds into the modules the page ran', async () => {
    const page = await openApp(app);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();
    await deploy(page, 'callee', 'Counter');
    await deploy(page, 'caller', 'Inter-canister call', { principalOf: 'callee' });
    await page.getByLabel('method').fill('call_inc');
    await page.getByRole('button', { name: 'Send update' }).click();
    await stepUntilAnswered(page, /call replied/);
    // The entry's cost comes from the events, a render after its status.
    await expect.poll(() => lastResult(page)).toMatch(/cost [\d,]+ cycles/);
    const shown = await lastResult(page);
    const round = await page.getByTestId('round').textContent();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to icp-cli' }).click()]);
    expect(download.suggestedFilename()).toBe('new-workspace-icp-cli.zip');
    await expect.poll(() => page.getByText(/Downloaded new-workspace-icp-cli\.zip: an icp-cli project \(2 canisters\)/).count()).toBe(1);
    // The workspace is as it was: same playhead, same results.
    expect(await page.getByTestId('round').textContent()).toBe(round);
    expect(await lastResult(page)).toBe(shown);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    const zip = unzipSync(readFileSync(await download.path()));
    const paths = Object.keys(zip).sort();
    expect(paths.every((path) => path.startsWith('new-workspace/'))).toBe(true);
    const file = (path: string) => zip[`new-workspace/${path}`];
    const yaml = parseDocument(strFromU8(file('icp.yaml')));
    expect(yaml.errors).toEqual([]);
    expect((yaml.toJS() as { canisters: { name: string }[] }).canisters.map((c) => c.name)).toEqual(['callee', 'caller']);
    const scenario = JSON.parse(strFromU8(file('scenario.json')));
    const kinds = scenario.steps.map((step: object) => Object.keys(step)[0]);
    expect(kinds.slice(0, 3)).toEqual(['deploy', 'deploy', 'call']);
    expect(new Set(kinds.slice(3))).toEqual(new Set(['tick'])); // the rounds Step played
    // The call's reply the page showed ("1 (u64, little-endian)") is what the PocketIC test expects of step 2.
    expect(shown).toContain('1 (u64, little-endian)');
    expect(strFromU8(file('tests/scenario.test.ts'))).toContain("expect(outcomes.get(2)).toEqual({ status: 'replied', reply: '0100000000000000' });");

    // Unzipped, `icp build` (icp-cli 1.5.0, offline) builds from the sources the modules the page ran.
    for (const [path, bytes] of Object.entries(zip)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const project = join(dir, 'new-workspace');
    symlinkSync(linkedNodeModules(dir), join(project, 'node_modules'));
    icpBuild(project, join(dir, '.icp-home'));
    for (const name of ['callee', 'caller']) {
      expect(sha256(readFileSync(join(project, '.icp/cache/artifacts', name))), name).toBe(sha256(file(`wasm/${name}.wasm`)));
    }
    // The modules the page ran are the ones it deployed: their hashes as the inspector shows them.
    await page.locator('.react-flow__node', { hasText: 'caller' }).click();
    await expect.poll(() => page.locator('.inspector').getByText(sha256(file('wasm/caller.wasm')), { exact: true }).count()).toBe(1);
    await page.context().close();
  }, 180_000);
});
