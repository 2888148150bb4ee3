/**
 * `canister-playground run --summary` (issue 15): what a run came to in a few lines a person reads at a glance —
 * the calls a user made and how they ended, the calls between canisters, the executions and their traps, the cycles
 * burned, the expectations, and each canister's state at the end. Made from the report alone.
 */
import type { ResponseSummary } from '../engine/index.ts';
import type { StepReport, TraceReport } from './reportTypes.ts';

export function reportSummary(report: TraceReport): string[] {
  const names = new Map(Object.entries(report.canisters).map(([name, canister]) => [canister.id, name]));
  const lines = [
    `${count(report.steps.length, 'step')}, ${count(report.rounds, 'round')}; ${report.idle ? 'the subnet is idle at the end' : 'the subnet still had work at the end'}`,
    `calls from users: ${outcomes(report.steps.filter((step) => step.kind === 'call' || step.kind === 'manage'))}`,
  ];
  const queries = report.steps.filter((step) => step.kind === 'query');
  if (queries.length > 0) lines.push(`queries: ${outcomes(queries)}`);
  const responses = report.events.flatMap((event) => (event.kind === 'response_sent' ? [event.response] : []));
  const requests = report.events.filter((event) => event.kind === 'request_sent').length;
  lines.push(`calls between canisters: ${grouped(requests)}${requests > 0 ? ` — ${responseOutcomes(responses)}` : ''}`);
  const executions = report.events.flatMap((event) => (event.kind === 'execution' ? [event] : []));
  const traps = executions.filter((execution) => execution.outcome === 'trap');
  const trapsBy = tally(traps.map((trap) => `${names.get(trap.canister) ?? trap.canister} ${trap.entryPoint}`));
  lines.push(`executions: ${grouped(executions.length)}, ${count(traps.length, 'trap')}${traps.length > 0 ? ` (${trapsBy})` : ''}; ${grouped(report.totals.instructions)} instructions`);
  lines.push(`cycles burned: ${grouped(report.totals.cyclesBurned)}`);
  const expectations = report.expectations ?? [];
  if (expectations.length > 0) {
    const failed = expectations.filter((e) => !e.pass).length;
    lines.push(`expectations: ${expectations.length - failed} of ${expectations.length} hold${failed > 0 ? ` — ${failed} do${failed === 1 ? 'es' : ''} not (--check lists them)` : ''}`);
  }
  if (report.limitReached) lines.push(`cut short: ${report.limitReached.message}`);
  if (Object.keys(report.canisters).length > 0) lines.push('canisters at the end:');
  for (const [name, canister] of Object.entries(report.canisters)) {
    const state = canister.status === 'deleted' ? 'deleted' : [canister.status, canister.empty ? 'no code' : null, canister.frozen ? 'frozen' : null].filter(Boolean).join(', ');
    lines.push(`  ${name}: ${state}; ${grouped(canister.cycles)} cycles`);
  }
  return lines;
}

/** `3 — 2 replied, 1 rejected (IC0503 ×1)` for steps that submit a call. */
function outcomes(steps: readonly StepReport[]): string {
  const replied = steps.filter((step) => step.status === 'replied').length;
  const rejected = steps.filter((step) => step.status === 'rejected');
  const pending = steps.filter((step) => step.status === 'pending').length;
  const parts = [`${replied} replied`, `${rejected.length} rejected${rejected.length > 0 ? ` (${tally(rejected.map((step) => step.errorCode ?? `reject code ${step.rejectCode}`))})` : ''}`];
  if (pending > 0) parts.push(`${pending} pending`);
  return `${steps.length} — ${parts.join(', ')}`;
}

function responseOutcomes(responses: readonly ResponseSummary[]): string {
  const rejects = responses.flatMap((response) => (response.type === 'reject' ? [response] : []));
  const replied = responses.length - rejects.length;
  return `${replied} replied, ${rejects.length} rejected${rejects.length > 0 ? ` (${tally(rejects.map((reject) => reject.errorCode ?? `reject code ${reject.rejectCode}`))})` : ''}`;
}

/** `IC0503 ×2, IC0207 ×1`: each value with how often it came, most often first (ties in order of first coming). */
function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([value, n]) => `${value} ×${n}`).join(', ');
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** A decimal string or number with thousands separators (bigints too: cycles exceed 2^53). */
function grouped(value: string | number | bigint): string {
  return BigInt(value).toLocaleString('en-US');
}
