/**
 * Category (b): WAT sources. A real canister's WAT (lessons, examples, test canisters) mutated at the token level —
 * tokens dropped, repeated, swapped for another of the module, numbers replaced by boundary values, instructions
 * by others — deployed in a scenario that calls its methods, upgrades it and lets rounds pass.
 */
import type { Corpus, Json } from './corpus.ts';
import { hostileDecimal } from './mutateJson.ts';
import type { Prng } from './prng.ts';
import { FORMAT, subnetSection } from './scenarioInputs.ts';

const NUMBERS = ['0', '1', '-1', '2', '8', '16', '65535', '65536', '65537', '16383', '32768', '131072', '4294967295', '4294967296', '2147483647', '-2147483648', '9223372036854775807', '18446744073709551615', '0xffffffff', '0x10000', '1_000_000', '100000000', '1e10', 'nan', 'inf'];
const KEYWORDS = [
  'memory.grow', 'memory.size', 'memory.fill', 'memory.copy', 'unreachable', 'nop', 'drop', 'return', 'br 0', 'br_if 0', 'loop', 'block', 'end',
  'call 0', 'call 1', 'call_indirect (type 0)', 'i32.load', 'i64.store', 'i32.store8', 'v128.store', 'i32.div_u', 'i64.rem_s', 'i32.const', 'i64.const',
  'local.get 0', 'local.tee 0', 'global.get 0', 'global.set 0', 'table.get 0', 'ref.func 0', 'select', 'i32.trunc_f64_s',
  '(memory 1)', '(memory 65536)', '(memory 0 1)', '(table 1000000 funcref)', '(global (mut i32) (i32.const 0))', '(start 0)', '(data (i32.const 65535) "xyz")',
  '(import "ic0" "msg_reply" (func))', '(import "ic0" "stable64_grow" (func (param i64) (result i64)))', '(import "env" "memory" (memory 1))',
  '(export "canister_update x" (func 0))', '(export "canister_heartbeat" (func 0))', '(export "canister_global_timer" (func 0))', '(export "canister_query q" (func 0))',
  '(@custom "icp:public candid:service" "service : {}")', '(@custom "icp:private x" "y")',
];

function tokens(wat: string): string[] {
  return wat.split(/(?<=[\s()])|(?=[\s()])/);
}

/** 1–6 token edits, mostly one or two (more and almost nothing compiles). */
export function mutateWat(prng: Prng, wat: string): string {
  const t = tokens(wat);
  const numbers = t.map((tok, i) => (/^-?(0x)?[0-9a-f_]+$/i.test(tok) ? i : -1)).filter((i) => i >= 0);
  const words = t.map((tok, i) => (/^[a-z][a-z0-9_.]*$/.test(tok) ? i : -1)).filter((i) => i >= 0);
  for (let e = 0, n = prng.weighted([[6, 1], [3, 2], [1, 3], [1, 6]]); e < n; e++) {
    const i = prng.int(t.length);
    const op = prng.weighted<string>([[6, 'number'], [2, 'keyword'], [2, 'drop'], [2, 'repeat'], [2, 'swap'], [0.5, 'paren'], [0.5, 'string']]);
    if (op === 'number' && numbers.length) t[prng.pick(numbers)] = prng.chance(0.8) ? prng.pick(NUMBERS) : hostileDecimal(prng);
    else if (op === 'keyword') {
      if (words.length && prng.chance(0.6)) t[prng.pick(words)] = prng.pick(KEYWORDS).split(' ')[0];
      else t.splice(i, 0, ` ${prng.pick(KEYWORDS)} `);
    } else if (op === 'drop') t.splice(i, 1 + prng.int(3));
    else if (op === 'repeat') t.splice(i, 0, ...t.slice(i, i + 1 + prng.int(8)));
    else if (op === 'swap') t[i] = t[prng.int(t.length)];
    else if (op === 'paren') t.splice(i, 0, prng.pick(['(', ')', '((', '))']));
    else t.splice(i, 0, prng.pick(['"', '"\\00"', ';;', '(;', ';)', '"é"', '$x']));
  }
  return t.join('');
}

function methodsIn(wat: string, kind: 'update' | 'query'): string[] {
  return [...wat.matchAll(new RegExp(`"canister_${kind === 'update' ? 'update' : '(?:composite_)?query'} ([^"]+)"`, 'g'))].map((m) => m[1]);
}

export function stepArg(prng: Prng): Json {
  return prng.weighted<() => Json>([
    [4, () => ({ hex: Array.from(prng.bytes(prng.pick([0, 4, 8, 16, 40])), (b) => b.toString(16).padStart(2, '0')).join('') })],
    [2, () => ({ hex: prng.pick(['01000000', '10000000', '00010000', 'ffff0000', '40420f00', '00000100']) })],
    [1, () => ({ candid: prng.pick(['()', '(1)', '("x")']) })],
  ])();
}

/** Steps exercising a canister's methods: calls (awaited or not), queries, an upgrade, rounds and time. */
export function exerciseSteps(prng: Prng, name: string, updates: string[], queries: string[], upgradeSource: () => Json): Json[] {
  const steps: Json[] = [];
  for (let i = 0, n = 1 + prng.int(8); i < n; i++) {
    const kind = prng.weighted<string>([[6, 'call'], [3, 'query'], [2, 'tick'], [1, 'upgrade'], [1, 'time'], [1, 'status']]);
    if (kind === 'call') steps.push({ call: { to: name, method: updates.length && prng.chance(0.9) ? prng.pick(updates) : 'missing', arg: stepArg(prng), wait: prng.chance(0.6) } });
    else if (kind === 'query') steps.push({ query: { to: name, method: queries.length && prng.chance(0.9) ? prng.pick(queries) : 'missing', arg: stepArg(prng) } });
    else if (kind === 'tick') steps.push({ tick: prng.pick([1, 2, 5, 20]) });
    else if (kind === 'time') steps.push({ advanceTime: { seconds: prng.pick(['1', '3600', '86400', '31536000']) } });
    else if (kind === 'status') steps.push({ manage: { method: 'canister_status', canister: name, wait: true } });
    else steps.push({ manage: { method: 'install_code', canister: name, mode: prng.pick(['upgrade', 'reinstall']), source: upgradeSource(), wait: true } });
  }
  return steps;
}

/** Input text of category (b). */
export function watInput(prng: Prng, corpus: Corpus): { text: string; note: string } {
  const base = prng.pick(corpus.wats);
  const wat = mutateWat(prng, base.wat);
  const updates = methodsIn(wat, 'update');
  const queries = methodsIn(wat, 'query');
  const other = prng.pick(corpus.wats);
  const scenario = {
    format: FORMAT,
    // Mostly the classroom preset: a mutated loop bound under the ic preset's 40 B instructions runs for a minute.
    subnet: prng.chance(0.85) ? { preset: 'classroom' } : subnetSection(prng),
    canisters: [
      { name: 'c', source: { wat }, ...(prng.chance(0.2) ? { initArg: stepArg(prng) } : {}) },
      ...(prng.chance(0.3) ? [{ name: 'd', source: { wat: other.wat } }] : []),
    ],
    steps: exerciseSteps(prng, 'c', updates, queries, () => ({ wat: prng.chance(0.5) ? base.wat : mutateWat(prng, base.wat) })),
  };
  return { text: JSON.stringify(scenario), note: `${base.origin}, WAT tokens mutated` };
}
