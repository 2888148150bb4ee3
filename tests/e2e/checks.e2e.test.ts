/**
 * [e2e] Issue 14, checks in the app: the reentrancy example opened from a share link lists its checks under the
 * narration; "Run until a check fails" plays forward and stops on the round where the bank's balance and the
 * ledger's payments stop adding up, with the execution that broke it selected; the verdicts at the end are the
 * runner's; seeking back before that round, the check holds again; a reload keeps them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './browser.ts';
import { seriousViolations } from './axe.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';
import type { CheckExpectationReport } from '../../src/scenario/reportTypes.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');

/** examples/reentrancy-checks.json with its WAT inline (a link carries no files). */
const document = JSON.parse(example('reentrancy-checks.json'));
for (const canister of document.canisters) canister.source = { wat: example(canister.source.path) };
const parsed = parseScenario(JSON.stringify(document));
if (!parsed.ok) throw new Error(parsed.error);
const scenario = parsed.scenario;

describe('[e2e] checks and "Run until a check fails"', () => {
  it('stops on the round the invariant breaks, selects the execution that broke it, and agrees with the runner', async () => {
    const run = await runScenario(scenario);
    if (!run.ok) throw new Error(run.error);
    const runner = (run.report.expectations ?? []).filter((e): e is CheckExpectationReport => 'check' in e);
    const broken = runner[0];
    expect([broken.pass, broken.seen]).toEqual([false, 'the sum 15 (0 + 15)']);

    const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}#${encodeShareFragment(scenario)}`);
    await page.locator('[data-testid=workspace-title]', { hasText: 'Reentrancy across an await' }).waitFor({ timeout: 60_000 });
    const checks = page.getByTestId('checks');
    await checks.waitFor({ timeout: 20_000 });
    const items = () => checks.locator('li').allTextContents();

    // Round 0: the sum is 10, nothing has trapped, the bank runs.
    await expect.poll(items).toEqual([
      '✓ no money is made or lost has held at every round so far (constant sum of bank.balance + ledger.paid): the sum 10 (10 + 0)',
      '✓ no trap in bank holds now',
      '✓ canister bank has held at every round so far',
    ]);
    expect(await checks.locator('h3').textContent()).toBe('Checks · 3 hold');

    await checks.getByRole('button', { name: 'Run until a check fails' }).click();
    await expect.poll(() => checks.getByRole('status').textContent()).toBe(`Stopped in round ${broken.round}: “no money is made or lost” failed.`);
    expect(await page.getByTestId('round').textContent()).toContain(String(broken.round));
    await expect.poll(items).toEqual([
      `✗ no money is made or lost failed in round ${broken.round} (constant sum of bank.balance + ledger.paid): expected the sum 10, seen the sum 15 (0 + 15)Go to round ${broken.round}`,
      '✓ no trap in bank holds now',
      '✓ canister bank has held at every round so far',
    ]);
    // The event that broke it is selected: the bank's last execution of that round, the second callback writing back
    // the balance it read before its call.
    const inspector = page.locator('section.pane.right');
    await expect.poll(() => inspector.innerText()).toMatch(new RegExp(`^execution round ${broken.round}\\s+bank ran its reply callback on ledger's response: .*replied 8 bytes`));
    expect(await seriousViolations(page, '[data-testid=checks]')).toEqual([]);

    // Back before that round it holds; to the end the verdicts are the runner's.
    await page.getByRole('button', { name: /Back$/ }).click();
    await expect.poll(items).toContain('✓ no money is made or lost has held at every round so far (constant sum of bank.balance + ledger.paid): the sum 10 (5 + 5)');
    await checks.getByRole('button', { name: `Go to round ${broken.round}` }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(async () => (await items()).map((item) => item.startsWith('✓'))).toEqual(runner.map((c) => c.pass));
    expect(await checks.getByRole('button', { name: 'Run until a check fails' }).isDisabled()).toBe(true);

    // The checks are part of the workspace: a reload keeps them, at the same round, with the same verdicts.
    const end = await page.getByTestId('round').textContent();
    await page.reload();
    await page.getByTestId('checks').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('round').textContent()).toBe(end);
    await expect.poll(async () => (await items()).map((item) => item.startsWith('✓'))).toEqual(runner.map((c) => c.pass));
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
