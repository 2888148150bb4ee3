/**
 * moc.js in Node: `check` gives the editor's diagnostics (file, 1-based line and column, severity, message) for
 * one-file and multi-file projects; `compile` gives 32-bit Wasm whose bytes depend on the source alone.
 */
import { describe, expect, it } from 'vitest';
import { embedsWasmModule } from './embedsWasmModule.ts';
import { loadMocInNode, nodeMotokoCompiler } from './nodeMotokoCompiler.ts';
import { motokoProject, type MotokoProject } from './motokoProject.ts';

const compiler = nodeMotokoCompiler();
const COUNTER = 'persistent actor {\n  var n : Nat = 0;\n  public func inc() : async Nat { n += 1; n };\n};\n';

describe('[motoko/nodeMotokoCompiler] check', () => {
  it.each<[string, MotokoProject, object[]]>([
    ['a correct actor', motokoProject(COUNTER), []],
    ['a type error', motokoProject('persistent actor {\n  public func f() : async Nat { "x" };\n};'), [
      { file: 'Main.mo', line: 2, column: 33, severity: 'error', code: 'M0050', message: expect.stringContaining('does not have expected type') },
    ]],
    ['a syntax error', motokoProject('persistent actor {\n  public func f( : async Nat { 1 };\n};'), [
      { file: 'Main.mo', line: 2, severity: 'error', code: 'M0001' },
    ]],
    ['a warning', motokoProject('persistent actor {\n  public func f() : async Nat { let unused = 1; 2 };\n};'), [
      { file: 'Main.mo', line: 2, column: 37, severity: 'warning', code: 'M0194', message: 'unused identifier: `unused`' },
    ]],
    ['an error in an imported file', { main: 'Main.mo', files: {
      'Main.mo': 'import Lib "Lib";\npersistent actor {\n  public func f() : async Text { Lib.g() };\n};',
      'Lib.mo': 'module {\n  public func g() : Text { 5 };\n};',
    } }, [{ file: 'Lib.mo', line: 2, column: 28, severity: 'error', code: 'M0050' }]],
    ['mo:core imported', motokoProject('import Debug "mo:core/Debug";\npersistent actor {\n  public func f() : async () { Debug.print("hi") };\n};'), []],
  ])('%s', async (_, project, expected) => {
    const diagnostics = await compiler.check(project);
    expect(diagnostics).toHaveLength(expected.length);
    expected.forEach((d, i) => expect(diagnostics[i]).toMatchObject(d));
  });
});

describe('[motoko/nodeMotokoCompiler] check again', () => {
  it('sees a change in an imported project file (library scopes are kept between checks, project files are not)', async () => {
    const project = (lib: string): MotokoProject => ({ main: 'Main.mo', files: {
      'Main.mo': 'import Lib "Lib";\nimport Nat "mo:core/Nat";\npersistent actor {\n  public func f() : async Nat { Lib.g() };\n};',
      'Lib.mo': lib,
    } });
    expect(await compiler.check(project('module { public func g() : Nat { 1 } }'))).toEqual([]);
    expect(await compiler.check(project('module { public func g() : Text { "1" } }'))).toMatchObject([{ file: 'Main.mo', line: 4, severity: 'error' }]);
  });
});

describe('[motoko/nodeMotokoCompiler] compile', () => {
  it('builds a 32-bit canister module with its Candid interface public, the same bytes for the same source', async () => {
    const compiled = await compiler.compile(motokoProject(COUNTER));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const module = new WebAssembly.Module(compiled.wasm as BufferSource);
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toContain('canister_update inc');
    expect(WebAssembly.Module.customSections(module, 'icp:public candid:service')).toHaveLength(1);
    expect(WebAssembly.Module.customSections(module, 'name')).toHaveLength(0);
    // Another project compiled in between moves moc's name counter on; the bytes must not follow it.
    await compiler.compile(motokoProject(COUNTER.replace('n += 1', 'n += 2')));
    const again = await compiler.compile({ files: { 'Other.mo': 'x', 'Main.mo': COUNTER }, main: 'Main.mo' });
    expect(again.ok && again.wasm).toEqual(compiled.wasm);
  }, 120_000);

  it('an actor class embedded in its factory: the same bytes whatever was compiled before (a fresh moc compiles it)', async () => {
    const factory: MotokoProject = { main: 'Main.mo', files: {
      'Main.mo': 'import Child "Child";\nimport Principal "mo:core/Principal";\npersistent actor {\n  public func spawn() : async Principal {\n    let c = await (with cycles = 10 ** 12) Child.Child();\n    Principal.fromActor(c)\n  };\n};',
      'Child.mo': 'persistent actor class Child() {\n  var n : Nat = 0;\n  public func inc() : async Nat { n += 1; n };\n};',
    } };
    // The process's compiler has compiled and checked other projects (above, and here): its counters moved on.
    await compiler.compile(motokoProject(COUNTER.replace('n += 1', 'n += 3')));
    const compiled = await compiler.compile(factory);
    const first = loadMocInNode({ fresh: true }).compile(factory);
    if (!compiled.ok || !first.ok) throw new Error(`the factory compiles: ${JSON.stringify(compiled.ok ? first : compiled)}`);
    expect(embedsWasmModule(compiled.wasm)).toBe(true);
    expect(compiled.wasm).toEqual(first.wasm);
  }, 120_000);

  it('answers a compile error with its diagnostics', async () => {
    const compiled = await compiler.compile(motokoProject('persistent actor { public func f() : async Nat { "x" } }'));
    expect(compiled).toMatchObject({ ok: false, diagnostics: [{ file: 'Main.mo', line: 1, severity: 'error', code: 'M0050' }] });
  }, 60_000);
});
