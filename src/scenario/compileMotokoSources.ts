/**
 * Compiling a scenario's Motoko sources ahead of loading it: moc is asynchronous and slow, the loader and the
 * session's steps are synchronous. Each result (Wasm, or the first compile error as one message) is kept by
 * project key in the map the loader reads (`LoadedScenario.motokoWasm`); a project is compiled once.
 */
import { describeMotokoDiagnostic, type MotokoDiagnostic } from '../motoko/motokoDiagnostic.ts';
import type { MotokoCompiler } from '../motoko/motokoCompiler.ts';
import { motokoProjectKey } from '../motoko/motokoProjectKey.ts';
import { withMoreErrors, type ReadSource, type WasmResult } from './loadScenario.ts';
import { motokoProjectOf } from './motokoProjectOf.ts';
import type { Scenario, Source, Step } from './scenarioTypes.ts';

/** Compiled Motoko projects by `motokoProjectKey`. */
export type MotokoModules = Map<string, WasmResult>;

const NO_COMPILER = 'Motoko sources need the Motoko compiler, which this runner was not given';

/**
 * Compiles the Motoko sources among `sources` that `modules` lacks. Compile errors are results (kept, reported by
 * the loader with the place); only the compiler failing to run is an error here, and nothing is kept for it.
 */
export async function compileMotokoSources(
  sources: readonly Source[],
  compiler: MotokoCompiler | undefined,
  modules: MotokoModules,
  readSource?: ReadSource,
): Promise<{ ok: true } | { ok: false; error: string }> {
  for (const source of sources) {
    const project = motokoProjectOf(source, readSource);
    if (!project) continue;
    const key = motokoProjectKey(project);
    if (modules.has(key)) continue;
    if (!compiler) {
      modules.set(key, { ok: false, error: NO_COMPILER });
      continue;
    }
    try {
      const compiled = await compiler.compile(project);
      modules.set(key, compiled.ok ? { ok: true, bytes: compiled.wasm } : { ok: false, error: describeErrors(compiled.diagnostics) });
    } catch (error) {
      return { ok: false, error: `the Motoko compiler failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { ok: true };
}

/** The sources of a scenario: its canisters', then its steps'. */
export function scenarioSources(scenario: Scenario): Source[] {
  return [...scenario.canisters.map((c) => c.source), ...scenario.steps.flatMap(stepSources)];
}

/** The source of a `deploy` or install_code `manage` step, if any. */
export function stepSources(step: Step): Source[] {
  if ('deploy' in step) return [step.deploy.source];
  if ('manage' in step && step.manage.source) return [step.manage.source];
  return [];
}

/** The first error, at its file:line:column, and how many more there are. */
function describeErrors(diagnostics: readonly MotokoDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return 'moc could not compile the Motoko source and gave no reason';
  return withMoreErrors(describeMotokoDiagnostic(errors[0]), errors.length);
}
