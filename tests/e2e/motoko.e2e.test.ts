/**
 * [e2e] Motoko in the browser: a new file from the blank actor opens in the editor as Motoko; a type error typed in
 * it is marked by moc (in its own worker) and blocks the deploy; fixed, the actor is compiled, deployed under its
 * name and called through the typed form its Candid interface gives, with a record argument; the reply is typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lastResult, newFileInNewWorkspace, openApp, startApp, stepUntilAnswered, type App } from './browser.ts';
import { LESSONS } from '../../src/lessons/index.ts';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';

let app: App;

beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });


const ACTOR = `// Greets people: a record argument, a Text reply.
persistent actor Greeter {
  var greeted : Nat = 0;

  public func greet(person : { name : Text; age : Nat }) : async Text {
    greeted += 1;
    "hello, " # person.name # " (" # debug_show person.age # "), guest number " # debug_show greeted
  };
};
`;

describe('[e2e] Motoko', () => {
  it('write an actor, see moc\'s error marker, fix it, deploy it, call it through the typed form', async () => {
    const page = await openApp(app, { permissions: ['clipboard-read', 'clipboard-write'] });
    await newFileInNewWorkspace(page, 'greeter', 'Blank actor (Motoko)');
    await expect.poll(() => page.getByRole('tab', { name: /^Code/ }).textContent()).toContain('greeter.mo');

    // The whole actor replaces the template (pasted, as a learner would), then a type error is typed into it.
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(ACTOR)})`);
    await page.keyboard.press('Control+V');
    await page.locator('.view-line', { hasText: 'greeted += 1;' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' greeted += "one";');
    // Checked while typing (debounced): the marks settle on the finished line.
    await expect.poll(() => page.locator('.diagnostics').textContent(), { timeout: 60_000 }).toMatch(/^line 6:\d+ — [^]*(Text|Nat)[^]*\(M\d{4}\)$/);
    expect(await page.getByTestId('diagnostics').textContent()).toMatch(/^\d+ errors?$/);
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThan(0);
    const form = page.locator('.deploy-panel');
    await expect.poll(() => form.locator('h3').textContent()).toBe('Deploy greeter.mo');
    expect(await form.getByRole('button', { name: 'Create and install' }).isDisabled(), 'an error blocks the deploy').toBe(true);

    // Fixed: the line is back as it was.
    for (let i = 0; i < ' greeted += "one";'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => page.getByTestId('diagnostics').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => form.getByRole('button', { name: 'Create and install' }).isEnabled()).toBe(true);
    await form.getByRole('button', { name: 'Create and install' }).click();
    await page.locator('.inspector h3', { hasText: 'greeter' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => lastResult(page)).toContain('deploy replied');

    // The typed form from the actor's Candid interface: a record argument.
    const call = page.locator('.call-panel');
    await call.getByLabel('method', { exact: true }).selectOption('greet');
    // The form is labelled by the argument's name in the actor's Candid interface.
    await call.getByLabel('greet › person › name', { exact: true }).fill('ada');
    await call.getByLabel('greet › person › age', { exact: true }).fill('36');
    await call.getByRole('button', { name: 'Send update' }).click();
    await stepUntilAnswered(page, /call replied/);
    expect(await lastResult(page)).toContain('Candid ("hello, ada (36), guest number 1")');
    await page.context().close();
  }, 180_000);

  it('an actor class\'s module is the same after other Motoko was compiled in the page as in Node (a fresh compiler builds it)', async () => {
    const lesson = LESSONS.find((l) => l.id === 'mo-07-actor-class')!;
    const parsed = parseScenario(JSON.stringify(lesson.scenario));
    if (!parsed.ok) throw new Error(parsed.error);
    const run = await runScenario(parsed.scenario, { motoko: nodeMotokoCompiler() });
    if (!run.ok) throw new Error(run.error);
    const child = run.report.events.find((e) => e.kind === 'code_installed' && Number(e.round) > 0) as unknown as { canister: string; moduleHash: string };

    const page = await openApp(app);
    // Another Motoko lesson first: the page's compiler has compiled something before the factory.
    for (const id of ['mo-01-actor-state', lesson.id]) {
      await page.getByLabel('Lesson').selectOption(id);
      await page.locator('[data-testid=workspace-title]', { hasText: LESSONS.find((l) => l.id === id)!.title }).waitFor({ timeout: 60_000 });
    }
    await page.getByRole('button', { name: /To the end/ }).click();
    await expect.poll(() => page.getByTestId('round').textContent(), { timeout: 60_000 }).toBe(String(run.report.rounds));
    await page.locator('.react-flow__node', { hasText: child.canister.slice(0, 5) }).first().click();
    await expect.poll(() => page.locator('.inspector dd.mono').first().textContent()).toBe(child.moduleHash);
    await page.context().close();
  }, 180_000);

  it('the graph\'s and the timeline\'s tooltips show what a message carried, in Candid', async () => {
    const page = await openApp(app);
    const lesson = LESSONS.find((l) => l.id === 'mo-04-await')!;
    await page.getByLabel('Lesson').selectOption(lesson.id);
    await page.locator('[data-testid=workspace-title]', { hasText: lesson.title }).waitFor({ timeout: 60_000 });
    const edgeTitles = () => page.locator('.cp-edge-label').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    // Step until the counter's answer to `inc` is on the graph.
    await expect.poll(async () => {
      const titles = await edgeTitles();
      if (!titles.some((t) => t.startsWith('Reply (inc)'))) await page.getByRole('button', { name: /^Step/ }).click();
      return titles;
    }, { timeout: 60_000 }).toContainEqual(expect.stringContaining('Reply (inc)'));
    // No more Steps: the reply's Candid line comes when the decoder has loaded (after the first graph). The loop
    // above may have clicked Step once more while the reply was on its way (the lesson's second `inc` then
    // answers 2): any count will do.
    await expect.poll(async () => (await edgeTitles()).find((t) => t.startsWith('Reply (inc)')) ?? '', { timeout: 30_000 })
      .toMatch(/\nreply \(\d+ : nat\)/);
    // The timeline's arrow for the request says its argument when it has focus (as under the pointer).
    const request = page.getByTestId('timeline-message').filter({ has: page.locator('xpath=self::*[starts-with(@aria-label, "inc")]') }).first();
    await request.focus();
    await expect.poll(() => request.locator('title').textContent()).toContain('argument ()');
    await page.context().close();
  }, 180_000);
});
