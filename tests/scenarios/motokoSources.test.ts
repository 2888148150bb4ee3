/**
 * [motoko/sources] Motoko wherever a scenario takes code (docs/SCENARIO-EXTENSIONS.md): canisters, `deploy` steps
 * and install_code `manage` steps, one text or several files, a `.mo` file next to the scenario; compile errors
 * are input errors naming the canister or step and the file:line:column; each project is compiled once.
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioSession } from '../../src/scenario/scenarioSession.ts';
import type { MotokoCompiler } from '../../src/motoko/motokoCompiler.ts';
import { tryRunInline } from '../helpers/runInline.ts';
import { candidArg, candidValue, motokoFixture, tryRunMotoko } from '../helpers/runMotoko.ts';

const NONE = candidArg();
const COUNTER = 'persistent actor {\n  var n : Nat = 0;\n  public func inc() : async Nat { n += 1; n };\n};\n';
const BROKEN = 'persistent actor {\n  public func inc() : async Nat {\n    "not a number"\n  };\n};\n';
const LIB_USER = 'import Lib "lib/Lib";\npersistent actor {\n  public func greet() : async Text { Lib.greeting("you") };\n};\n';

/** The compiler of this process, counting what it is asked to compile. */
function countingCompiler(): { compiler: MotokoCompiler; compiled: string[] } {
  const inner = nodeMotokoCompiler();
  const compiled: string[] = [];
  return { compiled, compiler: { compile: (p) => { compiled.push(p.main); return inner.compile(p); }, check: (p) => inner.check(p) } };
}

describe('[motoko/sources] forms', () => {
  it('compiles a canister, a deploy step and an upgrade, one text or several files', async () => {
    const run = await tryRunMotoko({
      canisters: [{ name: 'counter', source: { motoko: COUNTER } }],
      steps: [
        { call: { to: 'counter', method: 'inc', arg: NONE, wait: true } },
        { deploy: { name: 'greeter', source: { motoko: { files: { 'Main.mo': LIB_USER, 'lib/Lib.mo': 'module { public func greeting(name : Text) : Text { "hello, " # name } }' }, main: 'Main.mo' } } } },
        { call: { to: 'greeter', method: 'greet', arg: NONE, wait: true } },
        { manage: { method: 'install_code', canister: 'counter', mode: 'upgrade', source: { motoko: COUNTER }, arg: NONE, wait: true } },
        { call: { to: 'counter', method: 'inc', arg: NONE, wait: true } },
      ],
    });
    if (!run.ok) throw new Error(run.error);
    expect(candidValue(run.report.steps[0], IDL.Nat)).toBe(1n);
    expect(run.report.steps[1]).toMatchObject({ kind: 'deploy', status: 'replied' });
    expect(candidValue(run.report.steps[2], IDL.Text)).toBe('hello, you');
    expect(candidValue(run.report.steps[4], IDL.Nat)).toBe(2n);
  }, 180_000);

  it('compiles each project once, however often it appears', async () => {
    const { compiler, compiled } = countingCompiler();
    const scenario = parseScenario(JSON.stringify({
      format: 'canister-playground/scenario@1',
      canisters: [{ name: 'a', source: { motoko: COUNTER } }, { name: 'b', source: { motoko: { files: { 'Main.mo': COUNTER }, main: 'Main.mo' } } }],
      steps: [{ manage: { method: 'install_code', canister: 'a', mode: 'reinstall', source: { motoko: COUNTER }, arg: NONE } }],
    }));
    if (!scenario.ok) throw new Error(scenario.error);
    const started = await ScenarioSession.start(scenario.scenario, { motoko: compiler });
    if (!started.ok) throw new Error(started.error);
    expect(compiled).toEqual(['Main.mo']);
    // Both canisters run the very same bytes (the engine prepares them once).
    const { canisterWasm } = started.session.loaded;
    expect(canisterWasm.get('a')).toBe(canisterWasm.get('b'));
  }, 120_000);

  it('reads a .mo file next to the scenario, as the command-line runner does', async () => {
    const run = await tryRunInline(
      { canisters: [{ name: 'basics', source: { path: 'motoko/Basics.mo' } }], steps: [{ call: { to: 'basics', method: 'inc', arg: NONE, wait: true } }] },
      { motoko: nodeMotokoCompiler(), readSource: (path) => (path === 'motoko/Basics.mo' ? new TextEncoder().encode(motokoFixture('Basics.mo')) : null) },
    );
    if (!run.ok) throw new Error(run.error);
    expect(candidValue(run.report.steps[0], IDL.Nat)).toBe(1n);
  }, 120_000);
});

describe('[motoko/sources] errors name the place', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a canister', { canisters: [{ name: 'counter', source: { motoko: BROKEN } }] },
      'canister "counter": Main.mo:3:5: literal of type Text does not have expected type Nat (M0050)'],
    ['a file of a project', { canisters: [{ name: 'greeter', source: { motoko: { files: { 'Main.mo': LIB_USER, 'lib/Lib.mo': 'module { public func greeting(name : Text) : Text { 5 } }' }, main: 'Main.mo' } } }] },
      'canister "greeter": lib/Lib.mo:1:53: literal of type Nat does not have expected type Text (M0050)'],
    ['a deploy step', { steps: [{ tick: 1 }, { deploy: { name: 'late', source: { motoko: BROKEN } } }] },
      'step 1 (deploy): canister "late": Main.mo:3:5: literal of type Text does not have expected type Nat (M0050)'],
    ['an upgrade', { canisters: [{ name: 'counter', source: { motoko: COUNTER } }], steps: [{ manage: { method: 'install_code', canister: 'counter', mode: 'upgrade', source: { motoko: BROKEN } } }] },
      'step 0 (manage): Main.mo:3:5: literal of type Text does not have expected type Nat (M0050)'],
    ['several errors', { canisters: [{ name: 'counter', source: { motoko: 'persistent actor {\n  public func f() : async Nat { "a" };\n  public func g() : async Text { 1 };\n};' } }] },
      'canister "counter": Main.mo:2:33: literal of type Text does not have expected type Nat (M0050) (and 1 more error)'],
  ])('%s', async (_, scenario, error) => {
    expect(await tryRunMotoko(scenario)).toEqual({ ok: false, error });
  }, 120_000);

  it('says so when the runner has no Motoko compiler', async () => {
    expect(await tryRunInline({ canisters: [{ name: 'counter', source: { motoko: COUNTER } }] })).toEqual({
      ok: false, error: 'canister "counter": Motoko sources need the Motoko compiler, which this runner was not given',
    });
  });
});
