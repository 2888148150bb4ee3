/**
 * `npm run bench`: engine figures for BENCHMARKS.md. A script, not a test: it prints measurements and
 * never asserts them. Each figure is the median of several runs after a warm-up.
 */
import { initWat } from '../src/engine/index.ts';
import { counterThroughput } from './counterCanister.ts';
import { measure, machineLine } from './measure.ts';
import { throughputSection } from './throughput.ts';
import { rollbackSection } from './rollback.ts';
import { compileSection } from './compile.ts';
import { meteringSection } from './metering.ts';
import { meteringFloorSection } from './meteringFloor.ts';
import { seekSection } from './seek.ts';
import { stepAtEndSection } from './stepAtEnd.ts';
import { motokoSection } from './motokoCompile.ts';
import { prepareSection } from './prepare.ts';
import { canisterFootprintSection } from './canisterFootprint.ts';
import { viewDerivationsSection } from './viewDerivations.ts';
import { cliStartupSection } from './cliStartup.ts';

async function main(): Promise<void> {
  await initWat();
  const lines: string[] = [];
  const log = (line: string) => { lines.push(line); console.log(line); };
  log(machineLine());
  log('');
  log('| canister Wasm memory | counter updates per second | µs per counter update | updates that write 16 pages and trap, per second |');
  log('|---|---|---|---|');
  for (const [label, pages] of [['1 MiB', 16], ['64 MiB', 1024], ['1 GiB', 16384]] as const) {
    const rate = measure(() => counterThroughput(pages, 20_000), 3);
    const trapRate = measure(() => counterThroughput(pages, 2_000, 'write_then_trap'), 3);
    log(`| ${label} | ${Math.round(rate).toLocaleString('en-US')} | ${(1e6 / rate).toFixed(1)} | ${Math.round(trapRate).toLocaleString('en-US')} |`);
  }
  // Issue #5: each section prints its own lines as it goes.
  for (const section of [throughputSection, rollbackSection, compileSection, seekSection, () => stepAtEndSection(), () => meteringSection(), () => meteringFloorSection(), motokoSection, prepareSection, () => canisterFootprintSection(), () => viewDerivationsSection(), () => cliStartupSection()]) {
    log('');
    lines.push(...(await section()));
  }
}

await main();
