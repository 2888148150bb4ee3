/**
 * The e2e harness: builds the app with Vite, serves the build with `vite preview` on a free localhost port,
 * and drives Debian's Chromium through playwright-core (TOOLCHAIN.md: no browser download here).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { LESSON_CATALOG } from '../../src/lessons/lessonCatalog.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export interface App {
  readonly url: string;
  /** Where the build was written. */
  readonly outDir: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** `minify: false` keeps function names, for profiling. */
/** `root`: another checkout of the app to build and serve instead of this one (a benchmark's A/B). */
export async function startApp(options: { minify?: boolean; root?: string } = {}): Promise<App> {
  const root = options.root ?? ROOT;
  if (!CHROMIUM) throw new Error('Chromium is not installed: .ci/run installs it (apt-get install chromium)');
  const outDir = mkdtempSync(join(tmpdir(), 'canister-playground-e2e-'));
  // Vitest sets NODE_ENV=test, which Vite would keep, building React's development bundle: test what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, logLevel: 'error', mode: 'production', build: { outDir, emptyOutDir: true, minify: options.minify ?? true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const server: PreviewServer = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  return {
    url: `http://127.0.0.1:${address.port}/`,
    outDir,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.httpServer.close(() => done()));
    },
  };
}

/** The app in a new browser context (1440×900 unless told otherwise), once its graph is on screen. */
export async function openApp(app: App, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport: { width: 1440, height: 900 }, ...options })).newPage();
  await page.goto(app.url);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
  // The panels around the graph are fetched once it is drawn (`afterFirstGraph`): Results is one of them.
  await page.locator('section.call-log').waitFor({ timeout: 20_000 });
  return page;
}

/** The text of the newest entry in Results. */
export const lastResult = (page: Page): Promise<string> => page.getByTestId('step-result').last().textContent().then((t) => t ?? '');

/**
 * Plays rounds (Step) while the newest call is pending, until its entry in Results matches `outcome`. Step is
 * disabled while a round runs: a click then would wait for that round's answer, which may be the reply, and play one
 * round too many; so a poll reads and clicks only when no round is running.
 */
export async function stepUntilAnswered(page: Page, outcome: RegExp): Promise<string> {
  const { expect } = await import('vitest');
  const step = page.getByRole('button', { name: /^Step/ });
  await expect.poll(async () => {
    if (!(await step.isEnabled())) return '';
    const text = await lastResult(page);
    if (text.includes('pending')) await step.click();
    return text;
  }, { timeout: 30_000 }).toMatch(outcome); // a Step per poll: under load (CI beside other jobs) a click can take a second
  return lastResult(page);
}

/** A new, empty workspace beside the open one, with a new file from a starter template open in the editor. */
export async function newFileInNewWorkspace(page: Page, name: string, template: string): Promise<void> {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.locator('[data-testid=workspace-title]', { hasText: 'New workspace' }).waitFor();
  await page.getByRole('tab', { name: /^Code/ }).click();
  const files = page.getByRole('navigation', { name: 'Files' });
  await files.getByText('New file').click();
  await files.getByLabel('new file name').fill(name);
  await files.getByLabel('new file from').selectOption({ label: template });
  await files.getByRole('button', { name: 'Create file' }).click();
}

/**
 * A canister typed into a new file's editor in a new workspace and deployed under the file's name. The text is
 * inserted as text (Monaco's bracket closing would double the parentheses); `marker` is a piece of it to wait for.
 */
export async function deployTypedWat(page: Page, name: string, wat: string, marker: string): Promise<void> {
  const { expect } = await import('vitest');
  await newFileInNewWorkspace(page, name, 'Blank module');
  const editor = page.locator('.monaco-editor').first();
  await editor.waitFor({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(wat.split('\n').map((line) => line.trim()).join('\n'));
  await expect.poll(() => page.locator('.view-lines').first().textContent().then((t) => t?.replace(/\u00a0/g, ' '))).toContain(marker);
  const form = page.locator('.deploy-panel');
  await expect.poll(() => form.getByRole('button', { name: 'Create and install' }).isEnabled(), { timeout: 10_000 }).toBe(true);
  await form.getByRole('button', { name: 'Create and install' }).click();
  await page.locator('.inspector h3', { hasText: name }).waitFor({ timeout: 20_000 });
}

/** A canister deployed from a starter template through the New canister form, optionally given a principal as init argument. */
export async function deployTemplate(page: Page, name: string, template: string, initArg?: { principalOf: string }): Promise<void> {
  const form = page.locator('.deploy-panel');
  await form.getByLabel('new canister name').fill(name);
  await form.getByLabel('new canister code').selectOption({ label: `template: ${template}` });
  if (initArg) {
    await form.getByLabel('init argument kind').selectOption('principal');
    await form.getByLabel('init argument: whose principal').selectOption(initArg.principalOf);
  }
  await form.getByRole('button', { name: 'Create and install' }).click();
  await page.locator('.inspector h3', { hasText: name }).waitFor({ timeout: 20_000 });
}

/** Opens a built-in lesson from the picker and waits until it is the workspace (lessons load on demand). */
export async function openLesson(page: Page, id: string): Promise<void> {
  const lesson = LESSON_CATALOG.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  await page.getByLabel('Lesson').selectOption(id);
  await page.locator('[data-testid=workspace-title]', { hasText: lesson.title }).waitFor({ timeout: 60_000 });
}

