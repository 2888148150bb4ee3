/**
 * axe-core's serious and critical violations in a part of the page (`selector`, or the whole document), as
 * "rule (what it asks): where, …" lines. The page must be opened with `bypassCSP: true`: axe is injected as a script, which the
 * app's Content-Security-Policy would refuse.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

export async function seriousViolations(page: Page, selector: string | null = null): Promise<string[]> {
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(AXE);
  const where = selector === null ? 'document' : `document.querySelector(${JSON.stringify(selector)})`;
  return await page.evaluate(`axe.run(${where}, { resultTypes: ['violations'] }).then((r) => r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ' (' + v.help + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`) as string[];
}
