import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parseScenario.ts';
import type { Scenario } from './scenarioTypes.ts';

const FORMAT = 'canister-playground/scenario@1';
const WAT = '(module)';

/** A minimal valid document with two users and one canister, plus `extra` at the top level. */
function doc(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: FORMAT,
    users: ['alice', 'bob'],
    canisters: [{ name: 'counter', source: { wat: WAT } }],
    steps: [],
    ...extra,
  };
}
const withSteps = (...steps: unknown[]) => doc({ steps });
const withCanister = (canister: Record<string, unknown>) => doc({ canisters: [{ name: 'counter', source: { wat: WAT }, ...canister }] });

function parse(document: unknown): Scenario {
  const result = parseScenario(JSON.stringify(document));
  if (!result.ok) throw new Error(result.error);
  return result.scenario;
}

/** The example of SCENARIO.md "Scenario", comments removed, with one step of each kind from its table. */
const SPEC_EXAMPLE = {
  format: FORMAT,
  title: 'Counter with a trap',
  description: 'Markdown narration',
  subnet: { preset: 'ic', nodes: 13, params: { sliceInstructions: '2000000' } },
  users: ['alice', 'bob'],
  canisters: [
    {
      name: 'counter',
      source: { wat: '(module ...)' },
      cycles: '100000000000000',
      controllers: ['alice'],
      settings: { freezingThreshold: '2592000' },
      initArg: { text: 'hello' },
    },
  ],
  maxRounds: 1000,
  steps: [
    { call: { from: 'alice', to: 'counter', method: 'inc', arg: { hex: '00ff' }, wait: true, label: 'first' } },
    { query: { from: 'bob', to: 'counter', method: 'get', arg: { base64: 'AAE=' } } },
    { tick: 3 },
    { advanceTime: { seconds: '86400' } },
    { manage: { from: 'alice', method: 'install_code', canister: 'counter', mode: 'upgrade', source: { wasm: 'AGFzbQEAAAA=' }, arg: { text: 'v2' } } },
    { manage: { method: 'uninstall_code', canister: 'counter' } },
    { manage: { method: 'start_canister', canister: 'counter' } },
    { manage: { method: 'stop_canister', canister: 'counter', wait: true, label: 'stop' } },
    { manage: { method: 'delete_canister', canister: 'counter' } },
    { manage: { method: 'canister_status', canister: 'counter' } },
    {
      manage: {
        method: 'update_settings',
        canister: 'counter',
        settings: {
          controllers: ['alice', 'counter', 'aaaaa-aa'],
          freezingThreshold: '1',
          computeAllocation: '0',
          memoryAllocation: '0',
          reservedCyclesLimit: '5000000000000',
          wasmMemoryLimit: '3221225472',
        },
      },
    },
    { topUp: { canister: 'counter', cycles: '1000000000000' } },
  ],
};

describe('parseScenario: valid documents', () => {
  it('reads the example of SCENARIO.md with a step of every kind', () => {
    const scenario = parse(SPEC_EXAMPLE);
    expect(scenario).toEqual(SPEC_EXAMPLE);
  });

  it.each(readdirSync(new URL('../../examples', import.meta.url)).filter((f) => f.endsWith('.json')))(
    'reads examples/%s',
    (file) => {
      const text = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');
      expect(parseScenario(text)).toMatchObject({ ok: true });
    },
  );

  it('applies the defaults: users, cycles, maxRounds', () => {
    const scenario = parse({ format: FORMAT, canisters: [{ name: 'c', source: { wat: WAT } }], steps: [] });
    expect(scenario).toEqual({
      format: FORMAT,
      users: ['user'],
      canisters: [{ name: 'c', source: { wat: WAT }, cycles: '100000000000000' }],
      maxRounds: 1000,
      steps: [],
    });
  });

  it.each<[string, Record<string, unknown>, (s: Scenario) => unknown, unknown]>([
    ['an empty scenario', { format: FORMAT, canisters: [], steps: [] }, (s) => s.steps, []],
    ['maxRounds 0 (no final drain)', doc({ maxRounds: 0 }), (s) => s.maxRounds, 0],
    ['tick 0', withSteps({ tick: 0 }), (s) => s.steps, [{ tick: 0 }]],
    ['ticks up to the runner\'s limit', withSteps({ tick: 999_999 }, { tick: 1 }), (s) => s.steps.length, 2],
    ['a classroom subnet of 1 node', doc({ subnet: { preset: 'classroom', nodes: 1 } }), (s) => s.subnet, { preset: 'classroom', nodes: 1 }],
    ['a canister with no controllers', withCanister({ controllers: [] }), (s) => s.canisters[0].controllers, []],
    ['controllers by user, canister and principal text', withCanister({ controllers: ['bob', 'counter', '2vxsx-fae'] }), (s) => s.canisters[0].controllers, ['bob', 'counter', '2vxsx-fae']],
    ['a source by path', withCanister({ source: { path: 'counter.wat' } }), (s) => s.canisters[0].source, { path: 'counter.wat' }],
    ['an empty WAT source', withCanister({ source: { wat: '' } }), (s) => s.canisters[0].source, { wat: '' }],
    ['a Motoko source', withCanister({ source: { motoko: 'persistent actor {}' } }), (s) => s.canisters[0].source, { motoko: 'persistent actor {}' }],
    ['a Motoko source of several files', withCanister({ source: { motoko: { files: { 'Main.mo': 'a', 'lib/Util_2.mo': 'b' }, main: 'Main.mo' } } }), (s) => s.canisters[0].source, { motoko: { files: { 'Main.mo': 'a', 'lib/Util_2.mo': 'b' }, main: 'Main.mo' } }],
    ['a Motoko upgrade', withSteps({ manage: { method: 'install_code', canister: 'counter', mode: 'upgrade', source: { motoko: 'persistent actor {}' } } }), (s) => s.steps[0], { manage: { method: 'install_code', canister: 'counter', mode: 'upgrade', source: { motoko: 'persistent actor {}' } } }],
    ['a call to the management canister', withSteps({ call: { to: 'ic', method: 'raw_rand' } }), (s) => s.steps[0], { call: { to: 'ic', method: 'raw_rand' } }],
    ['a call to principal text', withSteps({ call: { to: 'rwlgt-iiaaa-aaaaa-aaaaa-cai', method: 'f' } }), (s) => s.steps[0], { call: { to: 'rwlgt-iiaaa-aaaaa-aaaaa-cai', method: 'f' } }],
    ['a call from principal text', withSteps({ call: { from: '2vxsx-fae', to: 'counter', method: 'f' } }), (s) => s.steps[0], { call: { from: '2vxsx-fae', to: 'counter', method: 'f' } }],
    ['a top-up of a canister created later, by principal text', withSteps({ topUp: { canister: 'rrkah-fqaaa-aaaaa-aaaaq-cai', cycles: '1' } }), (s) => s.steps[0], { topUp: { canister: 'rrkah-fqaaa-aaaaa-aaaaq-cai', cycles: '1' } }],
    ['an upgrade skipping pre_upgrade', withSteps({ manage: { method: 'install_code', canister: 'counter', mode: 'upgrade', skipPreUpgrade: true, source: { wat: WAT } } }), (s) => s.steps[0], { manage: { method: 'install_code', canister: 'counter', mode: 'upgrade', skipPreUpgrade: true, source: { wat: WAT } } }],
    ['update_settings removing every controller', withSteps({ manage: { method: 'update_settings', canister: 'counter', settings: { controllers: [] } } }), (s) => s.steps[0], { manage: { method: 'update_settings', canister: 'counter', settings: { controllers: [] } } }],
    ['unknown fields, dropped (forward compatibility)', doc({ author: 'x', steps: [{ call: { to: 'counter', method: 'f', note: 'n' } }] }), (s) => [s, s.steps[0]], [expect.not.objectContaining({ author: 'x' }), { call: { to: 'counter', method: 'f' } }]],
    ['names with digits, "_" and "-"', doc({ users: ['a1', 'b_2'], canisters: [{ name: 'c-3', source: { wat: WAT } }] }), (s) => s.canisters[0].name, 'c-3'],
    ['decimal strings beyond 2^53', withCanister({ cycles: '340282366920938463463374607431768211455' }), (s) => s.canisters[0].cycles, '340282366920938463463374607431768211455'],
  ])('accepts %s', (_name, document, select, expected) => {
    expect(select(parse(document))).toEqual(expected);
  });
});

describe('parseScenario: invalid documents give one message naming the place', () => {
  const cases: [string, string | Record<string, unknown>, string][] = [
    // JSON and format
    ['text that is not JSON', '{ "format": ', 'not valid JSON'],
    ['a JSON error, with its line and column', '{\n  "format": "x",\n  oops\n}', 'line 3, column 3'],
    ['an empty text', '', 'not valid JSON'],
    ['a JSON array', '[]', 'a scenario must be a JSON object'],
    ['a JSON string', '"scenario"', 'a scenario must be a JSON object'],
    ['no format', { canisters: [], steps: [] }, 'missing "format": a scenario starts with "format": "canister-playground/scenario@1"'],
    ['an unknown format', doc({ format: 'canister-playground/scenario@2' }), 'unknown format "canister-playground/scenario@2"'],
    ['a format that is not a string', doc({ format: 1 }), '"format" must be "canister-playground/scenario@1"'],
    // top level
    ['no canisters', { format: FORMAT, steps: [] }, 'canisters: must be a list of canisters'],
    ['no steps', { format: FORMAT, canisters: [] }, 'steps: must be a list of steps'],
    ['a title that is not a string', doc({ title: 5 }), 'title: must be a string'],
    ['maxRounds as a string', doc({ maxRounds: '1000' }), 'maxRounds: must be a whole number'],
    ['negative maxRounds', doc({ maxRounds: -1 }), 'maxRounds: must be a whole number ≥ 0'],
    ['fractional maxRounds', doc({ maxRounds: 1.5 }), 'maxRounds: must be a whole number'],
    ['maxRounds past the runner\'s limit', doc({ maxRounds: 1_000_000_000 }), 'maxRounds: 1,000,000,000 is more than the runner plays (at most 1,000,000; a limit of the playground, not of the IC)'],
    ['ticks adding up past the runner\'s limit', withSteps({ tick: 600_000 }, { tick: 1 }, { tick: 400_000 }), 'step 2 (tick): the ticks so far add up to 1,000,001 rounds, more than the runner plays (at most 1,000,000; a limit of the playground, not of the IC)'],
    // subnet
    ['an unknown preset', doc({ subnet: { preset: 'mainnet' } }), 'subnet.preset: must be "ic" or "classroom"'],
    ['zero nodes', doc({ subnet: { nodes: 0 } }), 'subnet.nodes: must be a whole number ≥ 1'],
    ['a parameter as a number', doc({ subnet: { params: { sliceInstructions: 2000000 } } }), 'subnet.params.sliceInstructions: must be a decimal string'],
    ['a negative parameter', doc({ subnet: { params: { sliceInstructions: '-1' } } }), 'subnet.params.sliceInstructions: must be a decimal string'],
    // users
    ['no users', doc({ users: [] }), 'users: must be a list of at least one user name'],
    ['an upper-case user name', doc({ users: ['Alice'] }), 'users[0]: must match [a-z][a-z0-9_-]*'],
    ['a user listed twice', doc({ users: ['alice', 'alice'] }), 'users: "alice" is listed twice'],
    ['a user named "ic"', doc({ users: ['ic'] }), 'users: "ic" is reserved'],
    // canisters
    ['a canister without a name', doc({ canisters: [{ source: { wat: WAT } }] }), 'canister 0: name must match'],
    ['a canister name with a space', doc({ canisters: [{ name: 'my counter', source: { wat: WAT } }] }), 'canister 0: name must match'],
    ['a canister without source', doc({ canisters: [{ name: 'counter' }] }), 'canister "counter": source must be one of {"wat": "…"}, {"wasm": "<base64>"}, {"path": "…"}, {"motoko": "…"}'],
    ['a source with two kinds', withCanister({ source: { wat: WAT, path: 'x.wat' } }), 'canister "counter": source must be one of'],
    ['a source of bad base64', withCanister({ source: { wasm: 'AGFzbQEAAAA' } }), 'canister "counter": source.wasm must be standard padded base64'],
    ['an empty source path', withCanister({ source: { path: '' } }), 'canister "counter": source.path must be a non-empty string'],
    ['a Motoko source that is a number', withCanister({ source: { motoko: 1 } }), 'canister "counter": source.motoko must be Motoko text, or {"files": {"Main.mo": "…", …}, "main": "Main.mo"}'],
    ['a Motoko main that is not one of the files', withCanister({ source: { motoko: { files: { 'Main.mo': '' }, main: 'Lib.mo' } } }), 'canister "counter": source.motoko.main must name one of its "files"'],
    ['Motoko without files', withCanister({ source: { motoko: { files: {}, main: 'Main.mo' } } }), 'canister "counter": source.motoko.files must be an object of at least one Motoko file'],
    ['a Motoko file outside the project', withCanister({ source: { motoko: { files: { '../Main.mo': '' }, main: '../Main.mo' } } }), 'canister "counter": source.motoko.files.../Main.mo must be a relative path ending in ".mo"'],
    ['a hidden Motoko file', withCanister({ source: { motoko: { files: { '.packages/core/Debug.mo': '' }, main: 'Main.mo' } } }), 'canister "counter": source.motoko.files..packages/core/Debug.mo must be a relative path'],
    ['a Motoko file that is not .mo', withCanister({ source: { motoko: { files: { 'Main.txt': '' }, main: 'Main.txt' } } }), 'canister "counter": source.motoko.files.Main.txt must be a relative path'],
    ['cycles as a number', withCanister({ cycles: 100 }), 'canister "counter": cycles must be a decimal string'],
    ['cycles in scientific notation', withCanister({ cycles: '1e14' }), 'canister "counter": cycles must be a decimal string'],
    ['a setting as a number', withCanister({ settings: { freezingThreshold: 5 } }), 'canister "counter": settings.freezingThreshold must be a decimal string'],
    ['controllers inside settings', withCanister({ settings: { controllers: ['alice'] } }), 'canister "counter": settings.controllers is not a setting here'],
    ['an init arg of odd hex', withCanister({ initArg: { hex: '0' } }), 'canister "counter": initArg.hex must be an even number of hex digits'],
    ['an init arg of an unknown kind', withCanister({ initArg: { json: '1' } }), 'canister "counter": initArg must be one of {"text": "…"}, {"hex": "…"}, {"base64": "…"}, {"candid": "(…)"}'],
    ['Candid that is not a string', withCanister({ initArg: { candid: 1 } }), 'canister "counter": initArg.candid must be Candid text'],
    ['an unknown controller', withCanister({ controllers: ['alicee'] }), 'canister "counter": unknown controller "alicee"'],
    ['two canisters with one name', doc({ canisters: [{ name: 'c', source: { wat: WAT } }, { name: 'c', source: { wat: WAT } }] }), 'canister "c": the name is already used by canister 0'],
    ['a canister named like a user', doc({ canisters: [{ name: 'alice', source: { wat: WAT } }] }), 'canister "alice": the name is already used by a user'],
    ['a canister named "ic"', doc({ canisters: [{ name: 'ic', source: { wat: WAT } }] }), 'canister "ic": the name is reserved'],
    ['a canister named like principal text', doc({ canisters: [{ name: 'aaaaa-aa', source: { wat: WAT } }] }), 'canister "aaaaa-aa": the name is principal text'],
    // step shape
    ['a step that is not an object', withSteps(5), 'step 0: must be an object naming its kind'],
    ['an empty step', withSteps({}), 'step 0: a step has exactly one key, its kind'],
    ['a step with two kinds', withSteps({ tick: 1, call: {} }), 'step 0: a step has exactly one key, its kind (one of call, query, tick, advanceTime, manage, topUp, deploy, setParams, checkpoint, trap); found "tick", "call"'],
    ['an unknown step kind', withSteps({ tick: 1 }, { tick: 1 }, { foo: {} }), 'step 2: unknown step kind "foo" (expected one of call, query, tick, advanceTime, manage, topUp, deploy, setParams, checkpoint, trap)'],
    // call and query
    ['a call without a method', withSteps({ tick: 1 }, { tick: 1 }, { tick: 1 }, { call: { to: 'counter' } }), 'step 3 (call): "method" must be a non-empty string'],
    ['a call with an empty method', withSteps({ call: { to: 'counter', method: '' } }), 'step 0 (call): "method" must be a non-empty string'],
    ['a call without a target', withSteps({ call: { method: 'inc' } }), 'step 0 (call): "to" must be a non-empty string'],
    ['a call to an unknown canister', withSteps({ tick: 1 }, { tick: 1 }, { tick: 1 }, { tick: 1 }, { call: { to: 'countr', method: 'inc' } }), 'step 4 (call): unknown canister "countr" (canisters: counter)'],
    ['a call to a user', withSteps({ call: { to: 'alice', method: 'inc' } }), 'step 0 (call): unknown canister "alice"'],
    ['a call from an unknown user', withSteps({ call: { from: 'carol', to: 'counter', method: 'inc' } }), 'step 0 (call): unknown user "carol" (users: alice, bob)'],
    ['a call from a canister', withSteps({ call: { from: 'counter', to: 'counter', method: 'inc' } }), 'step 0 (call): "from" must be a user, not canister "counter"'],
    ['a call with wait as a string', withSteps({ call: { to: 'counter', method: 'inc', wait: 'yes' } }), 'step 0 (call): "wait" must be true or false'],
    ['a call with a label that is not a string', withSteps({ call: { to: 'counter', method: 'inc', label: 1 } }), 'step 0 (call): "label" must be a string'],
    ['a call with bad base64', withSteps({ call: { to: 'counter', method: 'inc', arg: { base64: 'AAE' } } }), 'step 0 (call): "arg.base64" must be standard padded base64'],
    ['a call with a checksum-broken principal', withSteps({ call: { to: 'rwlgt-iiaaa-aaaaa-aaaaa-caa', method: 'f' } }), 'step 0 (call): unknown canister "rwlgt-iiaaa-aaaaa-aaaaa-caa"'],
    ['a query that is not an object', withSteps({ query: 'get' }), 'step 0 (query): must be an object such as {"to": "counter", "method": "get"}'],
    ['a query to an unknown canister', withSteps({ query: { to: 'nope', method: 'get' } }), 'step 0 (query): unknown canister "nope"'],
    // tick, advanceTime, topUp
    ['a negative tick', withSteps({ tick: -1 }), 'step 0 (tick): must be a whole number of rounds ≥ 0'],
    ['a tick as a string', withSteps({ tick: '1' }), 'step 0 (tick): must be a whole number of rounds'],
    ['advanceTime as a number', withSteps({ advanceTime: { seconds: 60 } }), 'step 0 (advanceTime): "seconds" must be a decimal string'],
    ['advanceTime without seconds', withSteps({ advanceTime: {} }), 'step 0 (advanceTime): "seconds" must be a decimal string'],
    ['a top-up of fractional cycles', withSteps({ topUp: { canister: 'counter', cycles: '1.5' } }), 'step 0 (topUp): "cycles" must be a decimal string'],
    ['a top-up of an unknown canister', withSteps({ topUp: { canister: 'x', cycles: '1' } }), 'step 0 (topUp): unknown canister "x"'],
    ['a top-up of the management canister', withSteps({ topUp: { canister: 'ic', cycles: '1' } }), 'step 0 (topUp): unknown canister "ic"'],
    // manage
    ['manage without a method', withSteps({ manage: { canister: 'counter' } }), 'step 0 (manage): "method" must be a string (expected one of install_code, uninstall_code'],
    ['manage with an unknown method', withSteps({ manage: { method: 'create_canister', canister: 'counter' } }), 'step 0 (manage): unknown method "create_canister"'],
    ['manage without a canister', withSteps({ manage: { method: 'start_canister' } }), 'step 0 (manage): "canister" must be a non-empty string'],
    ['manage of an unknown canister', withSteps({ manage: { method: 'stop_canister', canister: 'countr' } }), 'step 0 (manage): unknown canister "countr"'],
    ['manage from an unknown user', withSteps({ manage: { from: 'eve', method: 'stop_canister', canister: 'counter' } }), 'step 0 (manage): unknown user "eve"'],
    ['install_code without a mode', withSteps({ manage: { method: 'install_code', canister: 'counter', source: { wat: WAT } } }), 'step 0 (manage): "mode" must be "install", "reinstall" or "upgrade"'],
    ['install_code with an unknown mode', withSteps({ manage: { method: 'install_code', canister: 'counter', mode: 'replace', source: { wat: WAT } } }), 'step 0 (manage): "mode" must be "install", "reinstall" or "upgrade"'],
    ['install_code without a source', withSteps({ manage: { method: 'install_code', canister: 'counter', mode: 'install' } }), 'step 0 (manage): "source" must be one of'],
    ['skipPreUpgrade on a reinstall', withSteps({ manage: { method: 'install_code', canister: 'counter', mode: 'reinstall', skipPreUpgrade: true, source: { wat: WAT } } }), 'step 0 (manage): "skipPreUpgrade" applies only to mode "upgrade"'],
    ['skipPreUpgrade that is not a boolean', withSteps({ manage: { method: 'install_code', canister: 'counter', mode: 'upgrade', skipPreUpgrade: 1, source: { wat: WAT } } }), 'step 0 (manage): "skipPreUpgrade" must be true or false'],
    ['update_settings without settings', withSteps({ manage: { method: 'update_settings', canister: 'counter' } }), 'step 0 (manage): "settings" must be an object of canister settings'],
    ['update_settings with a bad setting', withSteps({ manage: { method: 'update_settings', canister: 'counter', settings: { computeAllocation: 50 } } }), 'step 0 (manage): "settings.computeAllocation" must be a decimal string'],
    ['update_settings with a bad controller entry', withSteps({ manage: { method: 'update_settings', canister: 'counter', settings: { controllers: ['alice', 7] } } }), 'step 0 (manage): "settings.controllers[1]" must be a non-empty string'],
    ['update_settings with an unknown controller', withSteps({ manage: { method: 'update_settings', canister: 'counter', settings: { controllers: ['mallory'] } } }), 'step 0 (manage): unknown controller "mallory" in "settings.controllers"'],
  ];

  it.each(cases)('%s', (_name, document, message) => {
    const result = parseScenario(typeof document === 'string' ? document : JSON.stringify(document));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(message);
      expect(result.error.split('\n')).toHaveLength(1);
    }
  });

  it('reports the first problem in document order', () => {
    const result = parseScenario(
      JSON.stringify(doc({ canisters: [{ name: 'counter', source: { wat: WAT }, cycles: 1 }], steps: [{ call: {} }] })),
    );
    expect(result).toEqual({ ok: false, error: 'canister "counter": cycles must be a decimal string of at most 2^128 − 1 cycles (340282366920938463463374607431768211455)' });
  });
});

describe('parseScenario: hostile input', () => {
  it.each([
    ['__proto__ keys', '{"format": "canister-playground/scenario@1", "__proto__": {"polluted": 1}, "canisters": [], "steps": [{"__proto__": {}}]}'],
    ['deeply nested JSON', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['a huge number', `{"format": "${FORMAT}", "canisters": [], "steps": [{"tick": 1e400}]}`],
  ])('survives %s without throwing', (_name, text) => {
    expect(() => parseScenario(text)).not.toThrow();
    expect(parseScenario(text).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseScenario: values beyond what the engine can compute with are refused when read (issue 17)', () => {
  const U128_MAX = ((1n << 128n) - 1n).toString();
  const users = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
  const cases: [string, unknown, string][] = [
    ['a thread count that would allocate gigabytes', doc({ subnet: { params: { executionThreads: '9223372036854775807' } } }), 'subnet.params.executionThreads: 9223372036854775807 is out of its range, 1 to 64'],
    ['a reference subnet size of 0 (fees are divided by it)', doc({ subnet: { params: { referenceSubnetSize: '0' } } }), 'subnet.params.referenceSubnetSize: 0 is out of its range, 1 to 1000'],
    ['an install slice of 0 (messages are divided by it)', doc({ subnet: { params: { installCodeSliceInstructions: '0' } } }), 'subnet.params.installCodeSliceInstructions: 0 is out of its range'],
    ['a parameter of a thousand digits', doc({ subnet: { params: { maxReplyBytes: '9'.repeat(1000) } } }), 'subnet.params.maxReplyBytes: a number of 1000 digits is out of its range'],
    ['a relation that does not hold', doc({ subnet: { params: { minLogMemoryLimit: '8192', maxLogMemoryLimit: '4096' } } }), 'subnet.params: minLogMemoryLimit must be at most maxLogMemoryLimit'],
    ['too many nodes', doc({ subnet: { nodes: 1001 } }), 'subnet.nodes: must be between 1 and 1000'],
    ['more cycles than a balance holds', withCanister({ cycles: `${U128_MAX}0` }), 'canister "counter": cycles must be a decimal string of at most 2^128 − 1 cycles'],
    ['a top-up beyond 2^128 − 1', withSteps({ topUp: { canister: 'counter', cycles: (1n << 128n).toString() } }), 'step 0 (topUp): "cycles" must be a decimal string of at most 2^128 − 1 cycles'],
    ['a compute allocation over 100 %', withCanister({ settings: { computeAllocation: '101' } }), 'must be a decimal string of at most 100'],
    ['an advanceTime of 10^1000 seconds', withSteps({ advanceTime: { seconds: `1${'0'.repeat(1000)}` } }), 'step 0 (advanceTime): "seconds" must be a decimal string of at most 18446744073 seconds'],
    ['advanceTime steps that together pass 2^64 − 1 ns', withSteps(...Array.from({ length: 3 }, () => ({ advanceTime: { seconds: '9000000000' } }))), 'step 1 (advanceTime): the clock would pass 2^64 − 1 nanoseconds'],
    ['more users than the playground names', doc({ users: users(100_001), canisters: [] }), 'users: 100,001 is more than the runner takes on (at most 100,000; a limit of the playground, not of the IC)'],
  ];
  it.each(cases)('%s', (_name, document, message) => {
    const result = parseScenario(JSON.stringify(document));
    expect(result.ok ? 'accepted' : result.error).toContain(message);
  });

  it('accepts the largest values of those ranges', () => {
    const scenario = parse(doc({
      subnet: { nodes: 1000, params: { executionThreads: '64', referenceSubnetSize: '1000', randomSeed: ((1n << 256n) - 1n).toString() } },
      canisters: [{ name: 'counter', source: { wat: WAT }, cycles: U128_MAX, settings: { computeAllocation: '100', freezingThreshold: ((1n << 64n) - 1n).toString() } }],
      steps: [{ topUp: { canister: 'counter', cycles: U128_MAX } }, { advanceTime: { seconds: '1000000000' } }],
    }));
    expect(scenario.steps).toHaveLength(2);
  });

  it('names 100,000 users in linear time: each name is looked up in a set, and a message lists ten of them', () => {
    // Quadratic before (users.indexOf per user, users.includes per reference): 500,000 users gave no answer in 180 s.
    const many = users(100_000);
    const steps = many.slice(0, 2000).map((user) => ({ call: { from: user, to: 'counter', method: 'inc' } }));
    expect(parse(doc({ users: many, steps })).users).toHaveLength(100_000);
    const unknown = parseScenario(JSON.stringify(doc({ users: many, steps: [{ call: { from: 'nobody', to: 'counter', method: 'inc' } }] })));
    expect(unknown.ok ? '' : unknown.error).toMatch(/unknown user "nobody" \(users: u0, u1, u2, u3, u4, u5, u6, u7, u8, u9 and 99990 more\)$/);
  });
});

describe('parseScenario: a JSON syntax error says its line and column, whatever V8 says (issue 17)', () => {
  it.each([
    ['an unexpected token (V8 gives no position)', '{\n  "format": }', 'Unexpected token \'}\' (line 2, column 13)'],
    ['a trailing comma', '{\n  "steps": [1,]\n}', 'Unexpected token \']\' (line 2, column 15)'],
    ['a missing comma (V8 gives an offset)', '{"a": 1\n "b": 2}', "Expected ',' or '}' after property value (line 2, column 2)"],
    ['text after the document', '{}\n\n x', 'Unexpected non-whitespace character after JSON (line 3, column 2)'],
    ['a comment', '{\n  // no\n}', "Expected property name or '}' (line 2, column 3)"],
    ['the end of the text', '{"a": [', 'Unexpected end of JSON input (line 1, column 8)'],
  ])('%s', (_name, text, message) => {
    const result = parseScenario(text);
    expect(result.ok ? '' : result.error).toBe(`not valid JSON: ${message}`);
  });
});

describe('parseScenario: a syntax error deep inside nesting is located without recursion (fuzz finding)', () => {
  it.each([
    ['100,000 open brackets', '['.repeat(100_000), 'Unexpected end of JSON input (line 1, column 1001)'],
    ['a bad token 5,000 objects deep', `${'{"a":'.repeat(5_000)}x`, '(line 1, column 5001)'],
  ])('%s', (_name, text, message) => {
    // Before: jsonc-parser's recursive parse overflowed the stack (exit 1, RangeError).
    const result = parseScenario(text);
    expect(result.ok ? '' : result.error).toContain(message);
  });
});
