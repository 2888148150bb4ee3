/**
 * The runner's start-up (issue 15): `canister-playground run` on an empty scenario, the built bin against
 * `node -e 0` (the floor: starting Node) and against the TypeScript sources run through tsx (how the bin ran
 * before it was built), interleaved in one run so the machine's load falls on all three alike.
 * A script, not a test. Run alone with `npx tsx bench/cliStartup.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLog, isMainModule, machineLine, median } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 9;

function wallMs(args: string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`bench: node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

export function cliStartupSection(): string[] {
  const { lines, log } = createLog();
  const dir = mkdtempSync(join(tmpdir(), 'cli-startup-'));
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [], steps: [] }));
  const counter = join(ROOT, 'examples/counter.json');
  const variants: Record<string, string[]> = {
    '`node -e 0`': ['-e', '0'],
    'built bin, empty scenario': ['bin/canister-playground.mjs', 'run', empty],
    'tsx on the sources, empty scenario': ['--import', 'tsx', 'src/cli/bin.ts', 'run', empty],
    'built bin, examples/counter.json (wabt loaded)': ['bin/canister-playground.mjs', 'run', counter],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (const args of Object.values(variants)) wallMs(args); // warm the file cache
  for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(variants)) times[name].push(wallMs(args));
  rmSync(dir, { recursive: true, force: true });
  const floor = median(times['`node -e 0`']);
  log('### The runner\'s start-up');
  log('');
  log(`Wall time of a whole process, median of ${RUNS}, the variants interleaved:`);
  log('');
  log('| command | ms | − `node -e 0` |');
  log('|---|---|---|');
  for (const name of Object.keys(variants)) {
    const ms = median(times[name]);
    log(`| ${name} | ${ms.toFixed(0)} | ${(ms - floor).toFixed(0)} |`);
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  console.log(machineLine());
  console.log('');
  cliStartupSection();
}
