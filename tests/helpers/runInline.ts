/**
 * Test harness: runs a scenario given as an object through the same path as the CLI (parse, validate,
 * run, report), and offers small readers over the report.
 */
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { runScenario, type RunOptions } from '../../src/scenario/runScenario.ts';
import type { Report, StepReport } from '../../src/scenario/reportTypes.ts';

export type InlineScenario = Record<string, unknown> & { canisters?: unknown[]; steps?: unknown[] };

export async function runInline(scenario: InlineScenario, options: RunOptions = {}): Promise<Report> {
  const result = await tryRunInline(scenario, options);
  if (!result.ok) throw new Error(`scenario did not run: ${result.error}`);
  return result.report;
}

export async function tryRunInline(scenario: InlineScenario, options: RunOptions = {}): Promise<{ ok: true; report: Report } | { ok: false; error: string }> {
  const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [], steps: [], ...scenario }));
  if (!parsed.ok) return parsed;
  const result = await runScenario(parsed.scenario, options);
  return result.ok ? { ok: true, report: result.report } : result;
}

/** A one-canister scenario: `wat` deployed as "c", then `steps`. */
export function oneCanister(wat: string, steps: unknown[], extra: InlineScenario = {}): InlineScenario {
  return { subnet: { preset: 'classroom' }, canisters: [{ name: 'c', source: { wat } }], steps, ...extra };
}

/** The reply of a step as a little-endian integer (canisters here reply with i64s). */
export function replyInt(step: StepReport): bigint {
  if (step.status !== 'replied' || step.reply === undefined) {
    throw new Error(`step ${step.step} did not reply: ${step.errorCode ?? ''} ${step.rejectMessage ?? step.status}`);
  }
  const bytes = step.reply.match(/../g) ?? [];
  return bytes.reverse().reduce((acc, b) => (acc << 8n) | BigInt(parseInt(b, 16)), 0n);
}

export function events(report: Report, kind: string): Record<string, unknown>[] {
  return report.events.filter((e) => e.kind === kind);
}
