/**
 * [e2e] Issue 14, a checked exercise solved as a learner would: the reentrancy exercise opened from the lesson picker,
 * Check my code fails with the starter (what does not hold, in words), a hint, the solution shown and copied into the
 * editor, Check my code again: solved. A reload keeps the attempt (the workspace's draft), and it still checks solved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openLesson, startApp, type App } from './browser.ts';
import { seriousViolations } from './axe.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

describe('[e2e] a checked exercise', () => {
  it('fails first, then passes with the fix; the attempt survives a reload', async () => {
    const page = await openApp(app, { permissions: ['clipboard-read', 'clipboard-write'] });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openLesson(page, 'ex-03-reentrancy');
    const exercise = page.getByTestId('exercise');
    await exercise.waitFor({ timeout: 20_000 });
    const verdict = () => exercise.getByTestId('exercise-verdict').locator('[role=status]').textContent();

    // The starter code: the two withdrawals at once are both paid.
    await exercise.getByRole('button', { name: 'Check my code' }).click();
    await expect.poll(verdict, { timeout: 30_000 }).toBe('Not yet: 5 of 9 hold.');
    const lines = await exercise.getByTestId('exercise-verdict').locator('li').allTextContents();
    expect(lines).toContain('✗ “...and a third at the same time”: does not hold: status expected rejected, seen replied');
    expect(lines).toContain('✗ no money is made or lost: failed in round 4 (constant sum of bank.balance + ledger.paid): expected the sum 10, seen the sum 15 (0 + 15)');
    expect(lines).toContain('✓ no trap in bank: holds now');

    // Hints one at a time.
    await exercise.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
    expect(await exercise.locator('.hints li').count()).toBe(1);
    expect(await exercise.getByRole('button', { name: 'Show another hint (2 of 3)' }).isVisible()).toBe(true);
    expect(await seriousViolations(page, '[data-testid=exercise]')).toEqual([]);

    // The solution, shown beside the code, copied into the editor as a learner would.
    await exercise.getByText('Show the solution').click();
    const solution = exercise.locator('.solution pre');
    await solution.waitFor();
    await solution.evaluate((pre) => {
      const range = document.createRange();
      range.selectNodeContents(pre);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await page.keyboard.press('Control+C');
    await exercise.getByRole('button', { name: 'Code tab' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /^Code/ }).textContent()).toContain('bank.wat');
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.locator('.view-lines').first().textContent().then((t) => t?.replace(/\u00a0/g, ' '))).toContain('Taken off before the call');

    await page.getByRole('tab', { name: 'Narration' }).click();
    await exercise.getByRole('button', { name: 'Check my code' }).click();
    await expect.poll(verdict, { timeout: 30_000 }).toBe('✓ Solved: all 9 hold.');
    expect(await exercise.getByTestId('exercise-verdict').locator('li.not-held').count()).toBe(0);

    // The attempt is the workspace's: after a reload it is still there, and still solves it.
    await page.waitForTimeout(1500); // autosave is debounced
    await page.reload();
    await page.getByTestId('exercise').waitFor({ timeout: 60_000 });
    await page.getByTestId('exercise').getByRole('button', { name: 'Check my code' }).click();
    await expect.poll(() => page.getByTestId('exercise-verdict').locator('[role=status]').textContent(), { timeout: 30_000 }).toBe('✓ Solved: all 9 hold.');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
