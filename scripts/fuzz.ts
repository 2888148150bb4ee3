/**
 * The fuzzing campaign of issue 17: generated scenario documents (with `subnet.params`, users, canisters, every
 * step kind), mutated WAT, mutated Wasm (wabt and moc output) and damaged share links, each run through the
 * headless runner's in-process entry in a child process under a time bound (a hang) and a memory bound (an
 * out-of-memory). The contract: exit 0 or 2, never 1, no hang, no out-of-memory (SCENARIO.md "The headless runner").
 *
 *   npm run fuzz -- --inputs 100000 --seed 1            # the campaign (RELIABILITY.md)
 *   npm run fuzz -- --seed 1 --only 4242                # one input again, with its message
 *   npm run fuzz -- --inputs 1000 --seed 1 --no-save    # figures only
 *
 * Options: --start N (first index), --categories scenario,wat,wasm,link, --timeout S (default 30), --memory MiB
 * (default 2048), --cases K (regression cases kept per distinct failure, default 2), --summary FILE (JSON figures,
 * rewritten every 500 inputs), --print-input (with --only: the input itself on stdout).
 * Failures are written to tests/fuzz/regressions/ (unless --no-save); `npx vitest run tests/fuzz/regressions.test.ts`
 * replays them. Exit status: 0 when no input broke the contract, 1 otherwise.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { figuresTable, runCampaign, type CampaignSummary } from './fuzz/campaign.ts';
import { CATEGORIES, generateInput, type Category } from './fuzz/generateInput.ts';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    start: { type: 'string', default: '0' },
    only: { type: 'string' },
    categories: { type: 'string', default: CATEGORIES.join(',') },
    timeout: { type: 'string', default: '30' },
    memory: { type: 'string', default: '2048' },
    cases: { type: 'string', default: '2' },
    summary: { type: 'string' },
    'no-save': { type: 'boolean', default: false },
    'print-input': { type: 'boolean', default: false },
  },
});

const seed = Number(values.seed);
const categories = values.categories.split(',') as Category[];
if (categories.some((c) => !CATEGORIES.includes(c))) throw new Error(`--categories: one of ${CATEGORIES.join(', ')}`);
const only = values.only === undefined ? undefined : Number(values.only);

if (only !== undefined && values['print-input']) {
  const input = await generateInput(seed, only, categories);
  process.stdout.write(`${'stdin' in input.payload ? input.payload.stdin : input.payload.link}\n`);
  process.exit(0);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
function writeSummary(summary: CampaignSummary): void {
  if (values.summary) writeFileSync(values.summary, JSON.stringify(summary, null, 1));
}

const started = new Date();
const summary = await runCampaign({
  seed,
  start: only ?? Number(values.start),
  count: only !== undefined ? 1 : Number(values.inputs),
  categories,
  timeoutMs: Number(values.timeout) * 1000,
  memoryBytes: Number(values.memory) * 2 ** 20,
  save: !values['no-save'],
  casesPerSignature: Number(values.cases),
  onFailure: (f) => console.log(`#${f.index} ${f.category} ${f.verdict === '1' ? 'exit 1' : f.verdict} (${(f.ms / 1000).toFixed(2)} s) ${f.note}\n    ${f.signature}${f.saved ? `\n    saved as tests/fuzz/regressions/${f.saved}` : ''}`),
  onProgress: (s, done) => {
    if (done % 500 === 0) {
      console.log(`[${new Date().toISOString()}] ${done} inputs, ${s.inputsPerSecond.toFixed(1)}/s, peak RSS ${mib(s.peakRssBytes)}, ${s.failures.length} failing`);
      writeSummary(s);
    }
  },
});
writeSummary(summary);
if (only !== undefined) {
  const input = await generateInput(seed, only, categories);
  const figures = summary.byCategory[input.category];
  const verdict = Object.entries(figures.verdicts).find(([, n]) => n > 0)?.[0];
  console.log(`#${only} ${input.category}: ${input.note}\nexit ${verdict} in ${(figures.totalMs / 1000).toFixed(2)} s`);
}
console.log(`\nseed ${seed}, inputs ${summary.start}…${summary.start + summary.inputs - 1}, started ${started.toISOString()}, ${summary.wallSeconds.toFixed(0)} s, ${summary.inputsPerSecond.toFixed(1)} inputs/s, peak RSS ${mib(summary.peakRssBytes)}, ${summary.childrenStarted} runner processes\n`);
console.log(figuresTable(summary));
console.log(`\n${Object.keys(summary.signatures).length} distinct failures:`);
for (const [signature, group] of Object.entries(summary.signatures)) console.log(`- ${group.count}× (first #${group.first}, ${group.category}) ${signature}`);
for (const { index, error } of summary.generatorErrors) console.log(`generator error at #${index} (input skipped): ${error}`);
process.exitCode = summary.failures.length === 0 && summary.generatorErrors.length === 0 ? 0 : 1;
