/**
 * A Motoko compiler loaded on first use (loading moc.js takes about a second; a scenario of WAT canisters never
 * pays it) that compiles each project once per process: replays, seeks, restarts of a scenario and tests that
 * share a fixture get the same bytes (the same `Uint8Array`, which the engine also prepares only once).
 */
import { embedsWasmModule } from './embedsWasmModule.ts';
import type { MotokoCompileResult, MotokoCompiler } from './motokoCompiler.ts';
import type { MotokoProject } from './motokoProject.ts';
import { motokoProjectKey } from './motokoProjectKey.ts';

/**
 * `compileFresh` compiles in a moc that has compiled and checked nothing before (and is then dropped): moc numbers
 * the names it invents with counters that live as long as the compiler, and names them in each module's `name`
 * section. The playground strips that section from the module it installs, but cannot from a module embedded in
 * it (an actor class's, installed by the canister that creates its instances): its bytes, and so the cycles its
 * `install_code` costs, would depend on what the page or process compiled before.
 */
export function onDemandMotokoCompiler(
  load: () => Promise<MotokoCompiler>,
  compileFresh?: (project: MotokoProject) => Promise<MotokoCompileResult>,
): MotokoCompiler {
  let loading: Promise<MotokoCompiler> | null = null;
  const compiler = () => (loading ??= load());
  const compiled = new Map<string, Promise<MotokoCompileResult>>();
  /** Whether the loaded compiler has been given anything yet: its first compilation is a fresh one. */
  let used = false;
  return {
    compile(project) {
      const key = motokoProjectKey(project);
      let result = compiled.get(key);
      if (!result) {
        const fresh = !used;
        used = true;
        result = compiler().then((c) => c.compile(project)).then((output) => (
          output.ok && !fresh && compileFresh && embedsWasmModule(output.wasm) ? compileFresh(project) : output
        ));
        compiled.set(key, result);
        // A failure to load or a crash is not a result of the source: the next attempt tries again.
        result.catch(() => compiled.delete(key));
      }
      return result;
    },
    check: (project) => {
      used = true;
      return compiler().then((c) => c.check(project));
    },
  };
}
