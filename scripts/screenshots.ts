/**
 * The README's screenshots (docs/screenshots/), taken from the built app in Chromium as a learner sees it:
 * `npm run screenshots` after a change to the UI. Each shot is a lesson played to a telling round.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from '../tests/e2e/browser.ts';

const OUT = resolve(new URL('..', import.meta.url).pathname, 'docs/screenshots');

interface Shot {
  readonly file: string;
  readonly viewport: { width: number; height: number };
  readonly presentation?: boolean;
  /** What to do once the lesson is open. */
  readonly act: (page: Page) => Promise<void>;
}

async function stepTo(page: Page, round: number): Promise<void> {
  while (Number(await page.getByTestId('round').textContent()) < round) await page.getByRole('button', { name: /^Step/ }).click();
}

async function openLesson(page: Page, id: string): Promise<void> {
  await page.getByLabel('Lesson').selectOption(id);
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Dismiss the notice' }).click();
}

const SHOTS: readonly Shot[] = [
  {
    file: 'main-1440x900.png', viewport: { width: 1440, height: 900 },
    act: async (page) => {
      // Round 1 at the end of its second iteration: the counter has run inc and its reply is on the way.
      await openLesson(page, '04-inter-canister');
      await stepTo(page, 1);
      await page.locator('.react-flow__node', { hasText: 'caller' }).first().click();
      await page.keyboard.press('[');
    },
  },
  {
    file: 'code-and-console-1440x900.png', viewport: { width: 1440, height: 900 },
    act: async (page) => {
      await openLesson(page, '04-inter-canister');
      await page.getByRole('button', { name: /To the end/ }).click();
      await page.getByRole('button', { name: /→ caller\.call$/ }).click();
      await page.getByRole('tab', { name: /^Code/ }).click();
      await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
      // The console is at the foot of the right pane, under the inspector and the forms.
      await page.locator('section.call-log').scrollIntoViewIfNeeded();
    },
  },
  {
    file: 'events-1440x900.png', viewport: { width: 1440, height: 900 },
    act: async (page) => {
      await openLesson(page, '05-cycles');
      await stepTo(page, 1);
      await page.getByRole('tab', { name: 'Events' }).click();
      await page.locator('.react-flow__node', { hasText: 'client' }).first().click();
    },
  },
  {
    file: 'bounded-wait-1440x900.png', viewport: { width: 1440, height: 900 },
    act: async (page) => {
      // Round 3 of lesson 11: the deadline passed, the system answered SYS_UNKNOWN, the bank still runs the transfer.
      await openLesson(page, '11-bounded-wait');
      await stepTo(page, 3);
      await page.locator('.react-flow__node', { hasText: 'bank' }).first().click();
    },
  },
  {
    file: 'presentation-1024x768.png', viewport: { width: 1024, height: 768 }, presentation: true,
    act: async (page) => {
      await openLesson(page, '04-inter-canister');
      await stepTo(page, 1);
    },
  },
];

const app = await startApp();
try {
  mkdirSync(OUT, { recursive: true });
  for (const shot of SHOTS) {
    const context = await app.browser.newContext({ viewport: shot.viewport });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    if (shot.presentation) await page.getByLabel('presentation').check();
    await shot.act(page);
    await page.waitForTimeout(1_000); // the graph fits its view, deferred renders settle
    await page.screenshot({ path: resolve(OUT, shot.file) });
    console.log(`docs/screenshots/${shot.file}`);
    await context.close();
  }
} finally {
  await app.close();
}
