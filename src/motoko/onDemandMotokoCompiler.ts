/**
 * A Motoko compiler loaded on first use (loading moc.js takes about a second; a scenario of WAT canisters never
 * pays it) that compiles each project once per process: replays, seeks, restarts of a scenario and tests that
 * share a fixture get the same bytes (the same `Uint8Array`, which the engine also prepares only once).
 */
import type { MotokoCompileResult, MotokoCompiler } from './motokoCompiler.ts';
import { motokoProjectKey } from './motokoProjectKey.ts';

export function onDemandMotokoCompiler(load: () => Promise<MotokoCompiler>): MotokoCompiler {
  let loading: Promise<MotokoCompiler> | null = null;
  const compiler = () => (loading ??= load());
  const compiled = new Map<string, Promise<MotokoCompileResult>>();
  return {
    compile(project) {
      const key = motokoProjectKey(project);
      let result = compiled.get(key);
      if (!result) {
        result = compiler().then((c) => c.compile(project));
        compiled.set(key, result);
        // A failure to load or a crash is not a result of the source: the next attempt tries again.
        result.catch(() => compiled.delete(key));
      }
      return result;
    },
    check: (project) => compiler().then((c) => c.check(project)),
  };
}
