/**
 * A campaign: inputs `start … start + count − 1` of a seed, each generated (`generateInput.ts`), run under the
 * harness's bounds, and counted; failures (exit 1, hang, out-of-memory, broken output contract) grouped by
 * signature and, when `save` is set, written as regression cases (a few per signature).
 */
import { CATEGORIES, generateInput, type Category, type FuzzInput } from './generateInput.ts';
import { Harness, VERDICTS, type CaseResult, type Verdict } from './harness.ts';
import { minimise, saveCase, signatureOf } from './regressionCases.ts';

export interface CampaignOptions {
  seed: number;
  start?: number;
  count: number;
  categories?: readonly Category[];
  timeoutMs?: number;
  memoryBytes?: number;
  /** Write regression cases under tests/fuzz/regressions/. */
  save?: boolean;
  casesPerSignature?: number;
  onProgress?: (summary: CampaignSummary, done: number) => void;
  /** Called for every failing input (for logs). */
  onFailure?: (failure: Failure) => void;
}

export interface CategoryFigures {
  inputs: number;
  verdicts: Record<Verdict, number>;
  violations: number;
  totalMs: number;
  slowest: { index: number; ms: number; note: string; verdict: Verdict } | null;
  /** Hangs and out-of-memories that did not happen again on a re-run in a fresh process (counted by the re-run). */
  unconfirmed: { index: number; verdict: Verdict; rerunMs: number }[];
}

export interface Failure {
  index: number;
  category: Category;
  verdict: Verdict;
  signature: string;
  note: string;
  message: string;
  ms: number;
  saved: string | null;
}

export interface CampaignSummary {
  seed: number;
  start: number;
  inputs: number;
  wallSeconds: number;
  inputsPerSecond: number;
  peakRssBytes: number;
  childrenStarted: number;
  timeoutMs: number;
  memoryBytes: number;
  byCategory: Record<string, CategoryFigures>;
  signatures: Record<string, { count: number; first: number; verdict: Verdict; category: Category; saved: string[] }>;
  failures: Failure[];
  /** Inputs the generator failed to make (a bug of the campaign): skipped. */
  generatorErrors: { index: number; error: string }[];
}

const emptyFigures = (): CategoryFigures => ({ inputs: 0, verdicts: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>, violations: 0, totalMs: 0, slowest: null, unconfirmed: [] });

export async function runCampaign(options: CampaignOptions): Promise<CampaignSummary> {
  const { seed, start = 0, count, categories = CATEGORIES, save = false, casesPerSignature = 2 } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const memoryBytes = options.memoryBytes ?? 2 * 2 ** 30;
  const harness = new Harness({ timeoutMs, memoryBytes });
  const summary: CampaignSummary = {
    seed, start, inputs: 0, wallSeconds: 0, inputsPerSecond: 0, peakRssBytes: 0, childrenStarted: 0, timeoutMs, memoryBytes,
    byCategory: Object.fromEntries(categories.map((c) => [c, emptyFigures()])), signatures: {}, failures: [], generatorErrors: [],
  };
  const began = performance.now();
  try {
    for (let index = start; index < start + count; index++) {
      let input: FuzzInput;
      try {
        input = await generateInput(seed, index, categories);
      } catch (error) {
        // A bug of the campaign, not of the runner: counted and reported, and the campaign goes on.
        summary.generatorErrors.push({ index, error: error instanceof Error ? (error.stack ?? error.message).slice(0, 600) : String(error) });
        continue;
      }
      let result: CaseResult = await harness.run(input.payload);
      const figures = summary.byCategory[input.category];
      if (result.verdict === 'hang' || result.verdict === 'oom') {
        // Confirmed only if it happens again in a fresh process: two cores shared with other work can make an
        // ordinary input run past the bound once, and a process that ran thousands of inputs carries their garbage.
        harness.close();
        const again = await harness.run(input.payload);
        if (again.verdict !== 'hang' && again.verdict !== 'oom') {
          figures.unconfirmed.push({ index, verdict: result.verdict, rerunMs: again.ms });
          result = again;
        }
      }
      figures.inputs++;
      figures.verdicts[result.verdict]++;
      figures.totalMs += result.ms;
      if (result.violation) figures.violations++;
      if (!figures.slowest || result.ms > figures.slowest.ms) figures.slowest = { index, ms: result.ms, note: input.note, verdict: result.verdict };
      summary.inputs++;
      if (result.verdict === '1' || result.verdict === 'hang' || result.verdict === 'oom' || result.violation) {
        const signature = signatureOf(result, input.note);
        const group = (summary.signatures[signature] ??= { count: 0, first: index, verdict: result.verdict, category: input.category, saved: [] });
        group.count++;
        let saved: string | null = null;
        if (save && group.saved.length < casesPerSignature) {
          const smaller = result.verdict === '1' ? await minimise(input.payload, signature, input.note, (p) => harness.run(p)) : null;
          saved = saveCase(input, result, signature, smaller ?? input.payload, smaller !== null);
          group.saved.push(saved);
        }
        const failure: Failure = { index, category: input.category, verdict: result.verdict, signature, note: input.note, message: result.message.slice(0, 600), ms: result.ms, saved };
        summary.failures.push(failure);
        options.onFailure?.(failure);
      }
      summary.wallSeconds = (performance.now() - began) / 1000;
      summary.inputsPerSecond = summary.inputs / summary.wallSeconds;
      summary.peakRssBytes = harness.peakRssBytes;
      summary.childrenStarted = harness.childrenStarted;
      options.onProgress?.(summary, index - start + 1);
    }
  } finally {
    harness.close();
  }
  summary.wallSeconds = (performance.now() - began) / 1000;
  summary.inputsPerSecond = summary.inputs / summary.wallSeconds;
  summary.peakRssBytes = harness.peakRssBytes;
  summary.childrenStarted = harness.childrenStarted;
  return summary;
}

/** The figures as a Markdown table (RELIABILITY.md). */
export function figuresTable(summary: CampaignSummary): string {
  const rows = Object.entries(summary.byCategory);
  const total = rows.reduce((t, [, f]) => {
    t.inputs += f.inputs; t.violations += f.violations; t.totalMs += f.totalMs; t.unconfirmed.push(...f.unconfirmed);
    for (const v of VERDICTS) t.verdicts[v] += f.verdicts[v];
    if (f.slowest && (!t.slowest || f.slowest.ms > t.slowest.ms)) t.slowest = f.slowest;
    return t;
  }, emptyFigures());
  const line = (name: string, f: CategoryFigures) =>
    `| ${name} | ${f.inputs.toLocaleString('en')} | ${VERDICTS.map((v) => f.verdicts[v].toLocaleString('en')).join(' | ')} | ${f.violations} | ${f.unconfirmed.length} | ${f.inputs ? (f.totalMs / f.inputs).toFixed(1) : '-'} | ${f.slowest ? `${(f.slowest.ms / 1000).toFixed(2)} s (#${f.slowest.index}, exit ${f.slowest.verdict}: ${f.slowest.note})` : '-'} |`;
  return [
    '| category | inputs | exit 0 | exit 2 | exit 1 | hang | oom | contract broken | not confirmed on re-run | mean ms | slowest input |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(([name, f]) => line(name, f)),
    line('**all**', total),
  ].join('\n');
}
