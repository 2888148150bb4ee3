/**
 * Writes the fuzzing campaign's moc output (`tests/fuzz/fixtures/*.wasm`): the Motoko lessons' canisters below,
 * compiled once by the project's moc.js as the runner compiles them (no `name` section, so the bytes depend on
 * the source alone). Run again only when the lessons or the `motoko` package change: `npx tsx scripts/fuzzMotokoFixtures.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { nodeMotokoCompiler } from '../src/motoko/nodeMotokoCompiler.ts';
import { motokoProject } from '../src/motoko/motokoProject.ts';

/** Lesson and canister (mo-01's two canisters share one source). */
const CANISTERS = [['mo-01-actor-state', 'chess'], ['mo-04-await', 'counter'], ['mo-04-await', 'caller']];
const compiler = nodeMotokoCompiler();
for (const [lesson, name] of CANISTERS) {
  const scenario = JSON.parse(readFileSync(new URL(`../src/lessons/motoko/${lesson}.json`, import.meta.url), 'utf8'));
  for (const canister of (scenario.canisters as { name: string; source: { motoko: string } }[]).filter((c) => c.name === name)) {
    const compiled = await compiler.compile(motokoProject(canister.source.motoko));
    if (!compiled.ok) throw new Error(`${lesson} ${canister.name}: ${compiled.diagnostics[0]?.message}`);
    const file = new URL(`../tests/fuzz/fixtures/${lesson}-${canister.name}.wasm`, import.meta.url);
    writeFileSync(file, compiled.wasm);
    console.log(`${file.pathname}: ${compiled.wasm.length} bytes`);
  }
}
