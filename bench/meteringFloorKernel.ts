/**
 * One measurement of `bench/meteringFloor.ts`, in a fresh Node process: instantiates the module in the given file
 * with stub host functions (a page reported to `mark_dirty_page` is only remembered, not journaled, so the engine
 * column and its ablations differ by their code alone), calls `canister_update run` once to warm up and once timed,
 * and prints `{ cpuMs }`. Between the calls it does what the host does between executions: the counter and the
 * call-depth budget set, the barrier's marks cleared.
 *
 *   tsx bench/meteringFloorKernel.ts <file.wasm> [all-pages-journaled | fast-copy <pages>]
 *
 * `all-pages-journaled`: for the range-test column, whose `__dirty_last/previous` are the range `lo, span` of pages
 * journaled before the execution: every page. `fast-copy`: the file is a fast module (`src/engine/wasm/fastPath.ts`),
 * given a memory of `pages` pages to import.
 */
import { readFileSync } from 'node:fs';
import { timed } from './measure.ts';

const [file, mode, pages] = process.argv.slice(2);
const allPagesJournaled = mode === 'all-pages-journaled';
if (!file) throw new Error('usage: meteringFloorKernel.ts <file.wasm>');
const module = await WebAssembly.compile(readFileSync(file));
const marked: number[] = [];
const host: Record<string, (...args: number[]) => number | void> = {
  out_of_instructions: () => { throw new Error('out of instructions'); },
  try_grow_wasm_memory: (previous) => previous,
  mark_dirty_page: (page) => { marked.push(page); },
};
const imports: Record<string, Record<string, (...args: number[]) => number | void>> = {};
for (const { module: name, name: field } of WebAssembly.Module.imports(module)) {
  imports[name] ??= {};
  imports[name][field] = (name === '__' ? host[field] : undefined) ?? (() => 0);
}
if (mode === 'fast-copy') (imports.__ as unknown as Record<string, unknown>).memory = new WebAssembly.Memory({ initial: Number(pages) });
const { exports } = await WebAssembly.instantiate(module, imports);
const global = (name: string): WebAssembly.Global | undefined => exports[name] as WebAssembly.Global | undefined;
const marker = global('__dirty_marker');
if (marker) marker.value = {};

function beforeExecution(): void {
  const counter = global('canister counter_instructions');
  if (counter) counter.value = 10n ** 15n;
  const depth = global('__call_depth');
  if (depth) depth.value = -5000;
  const table = exports.__dirty_pages as WebAssembly.Table | undefined;
  for (const page of marked.splice(0)) table?.set(page, null);
  const [last, previous] = [global('__dirty_last'), global('__dirty_previous')];
  if (last) last.value = allPagesJournaled ? 0 : -1;
  if (previous) previous.value = allPagesJournaled ? 131_072 : -1;
}

const run = exports['canister_update run'] as () => void;
beforeExecution();
run();
beforeExecution();
console.log(JSON.stringify({ cpuMs: timed(run).cpuMs }));
