/**
 * What the campaign mutates: real scenarios (the lessons and examples, the Motoko lessons with their moc output
 * from `tests/fuzz/fixtures`), real canister WAT (lessons, examples, the test helpers' canisters, a hostile one),
 * and their Wasm (compiled with wabt, as the app compiles WAT). Loaded once per process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { compileWat, initWat } from '../../src/engine/index.ts';
import { canister } from '../../tests/helpers/prelude.ts';
import { PROXY_WAT } from '../../tests/helpers/proxyCanister.ts';
import { RELAY_WAT } from '../../tests/helpers/relayCanister.ts';
import { ROBOT_WAT } from '../../tests/helpers/robotCanister.ts';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface WatCanister {
  /** Where it came from (lesson file and canister name, or helper). */
  origin: string;
  wat: string;
  /** `<name>` of its `canister_update` / `canister_query` exports. */
  updates: string[];
  queries: string[];
}

export interface WasmCanister {
  origin: string;
  wasm: Uint8Array;
  updates: string[];
  queries: string[];
  /** moc output: the lesson that deploys it (its sources as `wasm`), whose steps call it. */
  lesson?: Json;
}

export interface Corpus {
  /** Whole scenarios with their sources inline (`wat`, `wasm` or, for one Motoko lesson, `motoko`). */
  scenarios: { origin: string; scenario: Json; motoko: boolean }[];
  wats: WatCanister[];
  wasms: WasmCanister[];
}

/** Hostile behaviour on demand, for generated steps: loops, recursion, heap and stable growth, big replies. */
const HOSTILE_WAT = canister(`
  (func $recurse (param i32) (result i32) (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func $arg32 (result i32)
    (if (i32.lt_u (call $msg_arg_data_size) (i32.const 4)) (then (return (i32.const 1))))
    (call $msg_arg_data_copy (i32.const 0) (i32.const 0) (i32.const 4))
    (i32.load (i32.const 0)))
  (func (export "canister_update loop") (loop $l (br $l)))
  (func (export "canister_update recurse") (drop (call $recurse (i32.const 0))))
  (func (export "canister_update grow") (call $reply_i32 (memory.grow (call $arg32))))
  (func (export "canister_update stable_grow") (call $reply_i64 (call $stable64_grow (i64.extend_i32_u (call $arg32)))))
  (func (export "canister_update stable_touch") (local $i i64) (local $n i64)
    (local.set $n (i64.extend_i32_u (call $arg32)))
    (drop (call $stable64_grow (local.get $n)))
    (block $done (loop $l
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $stable64_write (i64.mul (local.get $i) (i64.const 65536)) (i64.const 0) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $l)))
    (call $reply_i64 (local.get $n)))
  (func (export "canister_update big_reply") (local $n i32)
    (local.set $n (call $arg32))
    (drop (memory.grow (i32.shr_u (local.get $n) (i32.const 16))))
    (call $msg_reply_data_append (i32.const 0) (local.get $n))
    (call $msg_reply))
  (func (export "canister_update timer") (drop (call $global_timer_set (i64.extend_i32_u (call $arg32)))) (call $reply_i32 (i32.const 0)))
  (func (export "canister_global_timer") (drop (call $global_timer_set (i64.const 1))))
  (func (export "canister_update print") (call $debug_print (i32.const 0) (call $arg32)) (call $reply_i32 (i32.const 0)))
  (func (export "canister_update burn") (call $cycles_burn128 (i64.extend_i32_u (call $arg32)) (i64.const 0) (i32.const 16)) (call $reply_i32 (i32.const 0)))
  (func (export "canister_query get") (call $reply_i64 (call $stable64_size)))`);

function methodsOf(wat: string): { updates: string[]; queries: string[] } {
  const names = (kind: string) => [...wat.matchAll(new RegExp(`"canister_${kind} ([^"]+)"`, 'g'))].map((m) => m[1]);
  return { updates: names('update'), queries: [...names('query'), ...names('composite_query')] };
}

/** Methods a lesson's steps call on each canister: what moc output exports, without reading its Wasm. */
function calledMethods(scenario: { steps: Record<string, { to?: string; method?: string }>[] }, name: string): { updates: string[]; queries: string[] } {
  const of = (kind: string) => [...new Set(scenario.steps.flatMap((s) => (s[kind]?.to === name && s[kind].method ? [s[kind].method as string] : [])))];
  return { updates: of('call'), queries: of('query') };
}

let loaded: Corpus | null = null;

export async function loadCorpus(): Promise<Corpus> {
  if (loaded) return loaded;
  await initWat();
  const scenarios: Corpus['scenarios'] = [];
  const wats: WatCanister[] = [];
  const addWat = (origin: string, wat: string) => wats.push({ origin, wat, ...methodsOf(wat) });

  for (const file of readdirSync(new URL('src/lessons/', ROOT)).filter((f) => f.endsWith('.json')).sort()) {
    const scenario = JSON.parse(read(`src/lessons/${file}`));
    scenarios.push({ origin: `src/lessons/${file}`, scenario, motoko: false });
    for (const c of scenario.canisters) if (c.source.wat) addWat(`src/lessons/${file} ${c.name}`, c.source.wat);
  }
  for (const file of readdirSync(new URL('examples/', ROOT)).filter((f) => f.endsWith('.json')).sort()) {
    const scenario = JSON.parse(read(`examples/${file}`), (_key, value) => {
      if (typeof value?.path !== 'string') return value;
      const text = read(`examples/${value.path}`);
      return value.path.endsWith('.mo') ? { motoko: text } : { wat: text };
    });
    scenarios.push({ origin: `examples/${file}`, scenario, motoko: JSON.stringify(scenario).includes('"motoko"') });
  }
  for (const file of readdirSync(new URL('examples/', ROOT)).filter((f) => f.endsWith('.wat')).sort()) addWat(`examples/${file}`, read(`examples/${file}`));
  addWat('tests/helpers/robotCanister.ts', ROBOT_WAT);
  addWat('tests/helpers/proxyCanister.ts', PROXY_WAT);
  addWat('tests/helpers/relayCanister.ts', RELAY_WAT);
  addWat('scripts/fuzz/corpus.ts hostile', HOSTILE_WAT);

  const wasms: WasmCanister[] = wats.map(({ origin, wat, updates, queries }) => {
    const compiled = compileWat(wat);
    if (!compiled.ok) throw new Error(`${origin} does not compile: ${compiled.errors[0].message}`);
    return { origin, wasm: compiled.wasm, updates, queries };
  });

  // The Motoko lessons with moc's output (scripts/fuzzMotokoFixtures.ts) as `wasm` sources: compiling mutated
  // Motoko would take seconds an input. One lesson keeps its Motoko source (compiled once per process).
  const fixtures: Record<string, string> = { 'mo-01-actor-state': 'mo-01-actor-state-chess', 'mo-04-await': 'mo-04-await' };
  for (const lesson of ['mo-01-actor-state', 'mo-04-await']) {
    const scenario = JSON.parse(read(`src/lessons/motoko/${lesson}.json`));
    scenarios.push({ origin: `src/lessons/motoko/${lesson}.json (Motoko)`, scenario: JSON.parse(JSON.stringify(scenario)), motoko: true });
    const ofLesson: WasmCanister[] = [];
    for (const c of scenario.canisters) {
      const file = lesson === 'mo-01-actor-state' ? `${fixtures[lesson]}.wasm` : `${lesson}-${c.name}.wasm`;
      const wasm = new Uint8Array(readFileSync(new URL(`tests/fuzz/fixtures/${file}`, ROOT)));
      c.source = { wasm: Buffer.from(wasm).toString('base64') };
      if (!ofLesson.some((w) => w.origin === `tests/fuzz/fixtures/${file}`)) ofLesson.push({ origin: `tests/fuzz/fixtures/${file}`, wasm, ...calledMethods(scenario, c.name) });
    }
    for (const w of ofLesson) wasms.push({ ...w, lesson: scenario });
    scenarios.push({ origin: `src/lessons/motoko/${lesson}.json (moc output)`, scenario, motoko: false });
  }
  loaded = { scenarios, wats, wasms };
  return loaded;
}
