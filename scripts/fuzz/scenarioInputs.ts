/**
 * Category (a): scenario documents. Either a real scenario (lesson, example) with its JSON mutated, or one built
 * from scratch with `subnet.params` overrides, users, canisters and steps of every kind (SCENARIO.md,
 * docs/SCENARIO-EXTENSIONS.md), its values drawn from in-range and hostile ones alike.
 */
import { IC_PARAMS } from '../../src/engine/index.ts';
import { MANAGE_METHODS } from '../../src/scenario/scenarioTypes.ts';
import type { Corpus, Json, WatCanister } from './corpus.ts';
import { hostileDecimal, hostileString, hostileValue, mutateJson, mutateText } from './mutateJson.ts';
import type { Prng } from './prng.ts';

export const FORMAT = 'canister-playground/scenario@1';
const PARAM_NAMES = Object.keys(IC_PARAMS) as (keyof typeof IC_PARAMS)[];
const EXTRA_PARAM_NAMES = ['randomSeed', 'cleanupReservePercent', 'maxCallDepth', 'fastPathInstructionsPerPage', 'fastPathMaxHeapPages', 'unknownParam'];

/** A parameter value: its default scaled up or down, or a hostile decimal. */
export function paramValue(prng: Prng, name: string): string {
  const base = (IC_PARAMS as Record<string, bigint>)[name] ?? 1000n;
  return prng.weighted<() => string>([
    [4, () => String(base)],
    [3, () => String(prng.pick([0n, 1n, base / 2n, base * 2n, base / 1000n, base * 1000n, base + 1n, base > 0n ? base - 1n : 0n]))],
    [3, () => hostileDecimal(prng)],
  ])();
}

export function subnetSection(prng: Prng): Json {
  const subnet: Record<string, Json> = {};
  if (prng.chance(0.8)) subnet.preset = prng.weighted([[6, 'classroom'], [3, 'ic'], [1, hostileString(prng)]]);
  if (prng.chance(0.2)) subnet.nodes = prng.pick([1, 4, 13, 28, 34, 40, 1000, 1001, 0, 2 ** 31, 1e21]);
  if (prng.chance(0.6)) {
    const params: Record<string, Json> = {};
    const n = prng.pick([1, 1, 2, 3, 5, 20]);
    for (let i = 0; i < n; i++) {
      const name = prng.chance(0.9) ? prng.pick(PARAM_NAMES) : prng.pick(EXTRA_PARAM_NAMES);
      params[name] = prng.chance(0.97) ? paramValue(prng, name) : hostileValue(prng);
    }
    subnet.params = params;
  }
  return subnet;
}

function arg(prng: Prng, methodHint?: string): Json {
  return prng.weighted<() => Json>([
    [3, () => ({ hex: Array.from(prng.bytes(prng.pick([0, 1, 4, 8, 16, 40])), (b) => b.toString(16).padStart(2, '0')).join('') })],
    [2, () => ({ hex: prng.pick(['00000000', '01000000', 'ffffffff', '00010000', '10270000', '40420f00', 'a0860100', '00000100']) })],
    [2, () => ({ text: prng.pick(['', 'hello', 'x'.repeat(1000), methodHint ?? 'a']) })],
    [2, () => ({ candid: prng.pick(['()', '(42)', '(42 : nat)', '("hi")', '(record { a = 1; b = vec { 1; 2 } })', '(principal "aaaaa-aa")', '(opt null)', '(blob "\\01\\02")', '(variant { ok })', '(-1 : nat)', '(1_000_000_000_000_000_000_000 : nat64)', '((((((((((1))))))))))', '(vec { ' + '1; '.repeat(1000) + '})', '(' + 'opt '.repeat(500) + 'null)', '(record {', '(0x' + 'f'.repeat(100) + ')']) })],
    [1, () => ({ base64: prng.pick(['', 'AAAA', 'AGFzbQEAAAA=', 'not base64']) })],
    [1, () => hostileValue(prng)],
  ])();
}

/** Everything a step may name: users, canisters, `ic`, principal texts, and a few that exist nowhere. */
function reference(prng: Prng, names: { users: string[]; canisters: string[] }): string {
  return prng.weighted<() => string>([
    [6, () => (names.canisters.length ? prng.pick(names.canisters) : 'c')],
    [2, () => (names.users.length ? prng.pick(names.users) : 'user')],
    [1, () => prng.pick(['ic', 'aaaaa-aa', 'rwlgt-iiaaa-aaaaa-aaaaa-cai', 'rrkah-fqaaa-aaaaa-aaaaq-cai', 'ryjl3-tyaaa-aaaaa-aaaba-cai', '2vxsx-fae', 'nobody'])],
    [1, () => hostileString(prng)],
  ])();
}

function settings(prng: Prng, names: { users: string[]; canisters: string[] }, forUpdate: boolean): Json {
  const s: Record<string, Json> = {};
  const fields = ['freezingThreshold', 'computeAllocation', 'memoryAllocation', 'reservedCyclesLimit', 'wasmMemoryLimit', 'environmentVariables', ...(forUpdate ? ['controllers', 'logMemoryLimit', 'logVisibility'] : [])];
  for (let i = 0, n = 1 + prng.int(3); i < n; i++) {
    const field = prng.pick(fields);
    if (field === 'controllers') s[field] = Array.from({ length: prng.pick([0, 1, 2, 11]) }, () => reference(prng, names));
    else if (field === 'environmentVariables') s[field] = Object.fromEntries(Array.from({ length: prng.pick([0, 1, 3, 21]) }, (_, k) => [`V${k}`, prng.pick(['x', 'y'.repeat(129)])]));
    else if (field === 'logVisibility') s[field] = prng.pick<Json>(['controllers', 'public', { allowedViewers: [reference(prng, names)] }, 'nobody']);
    else s[field] = prng.chance(0.5) ? prng.pick(['0', '1', '100', '4096', '65536', '2592000', '1048576', '10000000000', '2097152', '2097153']) : hostileDecimal(prng);
  }
  return s;
}

function source(prng: Prng, corpus: Corpus): { source: Json; canister: WatCanister } {
  const canister = prng.pick(corpus.wats);
  if (prng.chance(0.15)) {
    const wasm = corpus.wasms.find((w) => w.origin === canister.origin);
    if (wasm) return { source: { wasm: Buffer.from(wasm.wasm).toString('base64') }, canister };
  }
  if (prng.chance(0.03)) return { source: prng.pick<Json>([{ path: 'counter.wat' }, { wasm: 'AGFzbQEAAAA=' }, { wat: '(module)' }, { motoko: 'persistent actor {}' }, {}, { wat: 1 }]), canister };
  return { source: { wat: canister.wat }, canister };
}

function method(prng: Prng, canister: WatCanister | undefined, query: boolean): string {
  const own = canister ? (query ? canister.queries : canister.updates) : [];
  if (own.length && prng.chance(0.85)) return prng.pick(own);
  return prng.pick(['x', 'inc', 'get', 'run', 'loop', '', 'canister_init', 'create_canister', 'raw_rand', 'canister_status', 'deposit_cycles', hostileString(prng)]);
}

const tickCount = (prng: Prng): Json => prng.weighted<() => Json>([
  [20, () => prng.int(6)],
  [4, () => prng.pick([10, 50, 100, 1000])],
  [1, () => prng.pick([0, -1, 1.5, 1_000_001, 1e21, '5'])],
  [0.05, () => prng.pick([100_000, 1_000_000])],
])();

/** One step of any kind; `light`: none that carries a source (a long scenario of installs is megabytes of text). */
function step(prng: Prng, corpus: Corpus, names: { users: string[]; canisters: string[] }, code: Map<string, WatCanister>, nextName: () => string, light: boolean): Json {
  const kind = prng.weighted<string>([[10, 'call'], [4, 'query'], [4, 'tick'], [2, 'advanceTime'], [light ? 0 : 6, 'manage'], [1, 'topUp'], [light ? 0 : 2, 'deploy'], [0.3, 'unknown']]);
  const maybe = <T>(p: number, v: () => T): T | undefined => (prng.chance(p) ? v() : undefined);
  const to = reference(prng, names);
  switch (kind) {
    case 'call': case 'query': {
      const body: Record<string, Json | undefined> = {
        from: maybe(0.3, () => reference(prng, names)), to, method: method(prng, code.get(to), kind === 'query'),
        arg: maybe(0.6, () => arg(prng)),
      };
      if (kind === 'call') Object.assign(body, { wait: maybe(0.5, () => prng.chance(0.8)), label: maybe(0.1, () => hostileString(prng)) });
      return { [kind]: JSON.parse(JSON.stringify(body)) };
    }
    case 'tick': return { tick: tickCount(prng) };
    case 'advanceTime': return { advanceTime: { seconds: prng.chance(0.6) ? prng.pick(['1', '60', '86400', '2592000', '31536000']) : hostileDecimal(prng) } };
    case 'topUp': return { topUp: { canister: to, cycles: prng.chance(0.5) ? '1000000000000' : hostileDecimal(prng) } };
    case 'deploy': {
      const name = prng.chance(0.9) ? nextName() : reference(prng, names);
      const { source: s, canister } = source(prng, corpus);
      code.set(name, canister);
      names.canisters.push(name);
      return { deploy: JSON.parse(JSON.stringify({ name, source: s, cycles: maybe(0.3, () => hostileDecimal(prng)), controllers: maybe(0.2, () => [reference(prng, names)]), settings: maybe(0.2, () => settings(prng, names, false)), initArg: maybe(0.2, () => arg(prng)) })) };
    }
    case 'manage': {
      const m = prng.chance(0.97) ? prng.pick(MANAGE_METHODS) : hostileString(prng);
      const body: Record<string, Json | undefined> = { method: m, canister: to, from: maybe(0.3, () => reference(prng, names)), wait: maybe(0.5, () => true), label: maybe(0.05, () => 'l') };
      if (m === 'install_code' || m === 'install_chunked_code') {
        body.mode = prng.weighted([[3, 'upgrade'], [2, 'reinstall'], [2, 'install'], [0.2, 'replace']]);
        if (m === 'install_code') {
          const { source: s, canister } = source(prng, corpus);
          body.source = s;
          code.set(to, canister);
        } else {
          body.chunkHashes = Array.from({ length: prng.pick([0, 1, 2]) }, () => prng.pick(['00'.repeat(32), 'ab'.repeat(32), '', '00']));
          body.wasmModuleHash = prng.pick(['00'.repeat(32), 'ff'.repeat(31)]);
          body.store = maybe(0.3, () => reference(prng, names));
        }
        body.arg = maybe(0.3, () => arg(prng));
        if (body.mode === 'upgrade' && prng.chance(0.2)) body.skipPreUpgrade = prng.chance(0.5);
      } else if (m === 'update_settings') body.settings = settings(prng, names, true);
      else if (m === 'take_canister_snapshot') { body.replaceSnapshot = maybe(0.3, () => prng.pick(['latest', '00', '0000000000000000000000000000000000000101'])); body.uninstallCode = maybe(0.2, () => true); }
      else if (m === 'load_canister_snapshot' || m === 'delete_canister_snapshot') body.snapshot = prng.pick(['latest', 'latest', '0000000000000000000000000000000000000101', '00', 'ff'.repeat(40)]);
      else if (m === 'upload_chunk') body.chunk = prng.pick<Json>([{ hex: '0061736d01000000' }, { base64: 'AGFzbQEAAAA=' }, { hex: '00'.repeat(prng.pick([1, 1000, 1 << 20])) }, { hex: '' }]);
      return { manage: JSON.parse(JSON.stringify(body)) };
    }
    default: return { [hostileString(prng).slice(0, 10) || 'x']: hostileValue(prng) };
  }
}

/** A scenario built from scratch: every field the format has, most values plausible, some hostile. */
export function generateScenario(prng: Prng, corpus: Corpus): Json {
  const userCount = prng.weighted<() => number>([[20, () => prng.int(4)], [3, () => 5 + prng.int(50)], [1, () => prng.pick([200, 1000, 3000])]])();
  const users = Array.from({ length: userCount }, (_, i) => (i === 0 ? 'alice' : `u${i}`));
  const canisterCount = prng.weighted<() => number>([[20, () => prng.int(4)], [3, () => 4 + prng.int(8)], [0.5, () => prng.pick([30, 100])]])();
  let made = 0;
  const nextName = () => `c${made++}`;
  const names = { users: [...users], canisters: [] as string[] };
  const code = new Map<string, WatCanister>();
  // Names first, so set-up controllers and steps may name any canister.
  const canisters = Array.from({ length: canisterCount }, nextName);
  names.canisters.push(...canisters);
  const built: Json[] = canisters.map((name) => {
    const { source: s, canister } = source(prng, corpus);
    code.set(name, canister);
    const entry: Record<string, Json | undefined> = { name, source: s };
    if (prng.chance(0.3)) entry.cycles = prng.chance(0.5) ? prng.pick(['0', '1000000000', '100000000000000', '1000000000000000000']) : hostileDecimal(prng);
    if (prng.chance(0.15)) entry.controllers = Array.from({ length: prng.pick([0, 1, 2, 11]) }, () => reference(prng, names));
    if (prng.chance(0.2)) entry.settings = settings(prng, names, false);
    if (prng.chance(0.2)) entry.initArg = arg(prng);
    return JSON.parse(JSON.stringify(entry));
  });
  const stepCount = prng.weighted<() => number>([[10, () => prng.int(8)], [3, () => 8 + prng.int(40)], [0.2, () => prng.pick([500, 3000])]])();
  const steps = Array.from({ length: stepCount }, () => step(prng, corpus, names, code, nextName, stepCount > 100));
  const scenario: Record<string, Json | undefined> = {
    format: prng.chance(0.995) ? FORMAT : prng.pick<Json>(['canister-playground/scenario@2', null, 1]),
    title: prng.chance(0.1) ? hostileString(prng) : undefined,
    subnet: prng.chance(0.9) ? subnetSection(prng) : undefined,
    users: userCount > 0 || prng.chance(0.1) ? users : undefined,
    canisters: built,
    maxRounds: prng.chance(0.3) ? prng.pick([0, 1, 10, 1000, 100_000, 1_000_000, 1_000_001, -1, 1.5]) : undefined,
    steps,
  };
  return JSON.parse(JSON.stringify(scenario));
}

/** Input text of category (a). */
export function scenarioInput(prng: Prng, corpus: Corpus): { text: string; note: string } {
  const mode = prng.weighted<string>([[5, 'generated'], [4, 'mutated'], [1, 'text']]);
  if (mode === 'generated') return { text: JSON.stringify(generateScenario(prng, corpus)), note: 'generated scenario' };
  // Motoko sources compile in seconds (once per process and project, so a mutated source each time): rarely.
  const base = prng.weighted<() => { origin: string; scenario: Json }>([
    [1, () => prng.pick(corpus.scenarios.filter((s) => !s.motoko))],
    [0.01, () => prng.pick(corpus.scenarios)],
  ])();
  if (mode === 'mutated') return { text: JSON.stringify(mutateJson(prng, base.scenario)), note: `${base.origin}, JSON mutated` };
  return { text: mutateText(prng, JSON.stringify(base.scenario, null, prng.chance(0.5) ? 2 : undefined)), note: `${base.origin}, text damaged` };
}
