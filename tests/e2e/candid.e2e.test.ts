/**
 * [e2e] Candid in the app (issue 12, Candid part): a module whose `candid:service` declares init arguments and
 * methods is uploaded from disk and deployed with its init argument typed in a form; its methods are called
 * through the typed call form (a record with a vec and an option, a nat query), with the kind taken from the
 * interface, a wrong value refused in the form; Results read the replies by the methods' result types; a reinstall
 * from the Manage panel types its init argument the same way. axe-core
 * finds no serious or critical violation in the forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileWat, initWat } from '../../src/engine/index.ts';
import { candidCanister } from '../helpers/candidCanister.ts';
import { lastResult, openApp, startApp, stepUntilAnswered, type App } from './browser.ts';
import { seriousViolations } from './axe.ts';

let app: App;
beforeAll(async () => { app = await startApp(); }, 120_000);
afterAll(async () => { await app?.close(); });



async function moduleFile(): Promise<string> {
  await initWat();
  const compiled = compileWat(candidCanister());
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const path = join(mkdtempSync(join(tmpdir(), 'cp-candid-')), 'profiles.wasm');
  writeFileSync(path, compiled.wasm);
  return path;
}

describe('[e2e] Candid forms and typed replies', () => {
  it('deploys a module with a typed init argument, calls it through the typed form, reads typed replies', async () => {
    const page = await openApp(app, { bypassCSP: true });
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();

    // Deploy: the uploaded module's interface declares `(owner : text)`: the init argument is a form.
    const deploy = page.locator('.deploy-panel');
    await deploy.getByLabel('new canister name').fill('profiles');
    await deploy.getByLabel('new canister code').selectOption('file');
    await deploy.getByLabel('module').setInputFiles(await moduleFile());
    await deploy.getByLabel('init argument › owner').fill('alice');
    await deploy.getByRole('button', { name: 'Create and install' }).click();
    await page.locator('.inspector h3', { hasText: 'profiles' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => lastResult(page)).toMatch(/deploy replied/);

    // The call form lists the interface's methods; greet is an update.
    const call = page.getByRole('form', { name: 'Call profiles through its Candid interface' });
    await call.getByLabel('method', { exact: true }).selectOption('greet');
    expect(await call.getByTestId('method-kind').textContent()).toMatch(/^update/);
    await call.getByLabel('greet › argument 1 › name', { exact: true }).fill('ada');
    await call.getByLabel('greet › argument 1 › age', { exact: true }).fill('300');
    await expect.poll(() => call.locator('.field-error').first().textContent()).toBe('Needs a whole number from 0 to 255.');
    expect(await call.getByRole('button', { name: 'Send update' }).isDisabled()).toBe(true);
    await call.getByLabel('greet › argument 1 › age', { exact: true }).fill('36');
    await call.getByRole('button', { name: 'add an item to greet › argument 1 › tags' }).click();
    await call.getByLabel('greet › argument 1 › tags › item 1', { exact: true }).fill('math');
    await call.getByLabel('greet › argument 1 › friend: give a value', { exact: true }).check();
    await call.getByLabel('greet › argument 1 › friend › name', { exact: true }).fill('bob');
    await call.getByLabel('greet › argument 1 › friend › age', { exact: true }).fill('7');
    expect(await seriousViolations(page, '.pane.right')).toEqual([]);
    await call.getByRole('button', { name: 'Send update' }).click();
    // Rounds until the update's reply is in (a click while it is pending plays the next one).
    await stepUntilAnswered(page, /call replied/);
    const greeted = await lastResult(page);
    expect(greeted).toContain('user → profiles.greet');
    expect(greeted).toContain('argument Candid (record { age = 36 : nat8; name = "ada"; tags = vec { "math" }; friend = opt record { age = 7 : nat8; name = "bob"; tags = vec {}; friend = null } })');
    expect(greeted).toContain('Candid (record { age = 36 : nat8; name = "ada"; tags = vec { "math" }; friend = opt record { age = 7 : nat8; name = "bob"; tags = vec {}; friend = null } })');
    // Picked in Results, the inspector shows the execution's argument and reply typed by the interface (55 bytes each).
    await page.getByRole('button', { name: /→ profiles\.greet$/ }).click();
    await expect.poll(() => page.getByTestId('execution-candid').textContent())
      .toBe('argument(record { age = 36 : nat8; name = "ada"; tags = vec { "math" }; friend = opt record { age = 7 : nat8; name = "bob"; tags = vec {}; friend = null } })'
        + 'reply(record { age = 36 : nat8; name = "ada"; tags = vec { "math" }; friend = opt record { age = 7 : nat8; name = "bob"; tags = vec {}; friend = null } })');

    // A query method is answered at once, its nat reply shown with its type.
    await call.getByLabel('method', { exact: true }).selectOption('echo');
    expect(await call.getByTestId('method-kind').textContent()).toMatch(/^query/);
    await call.getByLabel('echo › argument 1', { exact: true }).fill('1_000');
    await call.getByRole('button', { name: 'Query now' }).click();
    await expect.poll(() => lastResult(page)).toContain('Candid (1_000 : nat)');
    await call.getByLabel('method', { exact: true }).selectOption('init_arg');
    await call.getByRole('button', { name: 'Query now' }).click();
    await expect.poll(() => lastResult(page)).toContain('Candid ("alice")');

    // Reinstalled from the Manage panel, the init argument typed the same way.
    const manage = page.locator('.manage-panel');
    await manage.getByLabel('code to install').selectOption('file');
    await manage.getByLabel('module').setInputFiles(await moduleFile());
    await manage.getByLabel('install argument › owner', { exact: true }).fill('carol');
    await manage.getByRole('button', { name: 'Reinstall' }).click();
    await stepUntilAnswered(page, /manage replied/);
    await call.getByRole('button', { name: 'Query now' }).click();
    await expect.poll(() => lastResult(page)).toContain('Candid ("carol")');
    await page.context().close();
  }, 90_000);
});
