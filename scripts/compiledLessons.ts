/**
 * A build step (a Vite plugin): each lesson's chunk carries its scenario read by `parseScenario` (`export const
 * parsed`; a lesson that does not parse fails the build) and its WAT sources compiled (`export const compiledWat`,
 * `src/scenario/compiledWatJson.ts`), so the first lesson opens before the page has loaded the scenario parser or
 * the WAT compiler (issue 16, target 7). Compiled here by the engine's own `compileWat`, so the modules are the ones
 * the page would make; the page still checks them once wabt has loaded.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { initWat } from '../src/engine/index.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { compiledWatOf, type CompiledWatJson } from '../src/scenario/compiledWatJson.ts';
import type { Scenario } from '../src/scenario/scenarioTypes.ts';

const LESSON_FILE = /[\\/]src[\\/]lessons[\\/].*\.json$/;

/** The lesson read, and its WAT sources compiled, one entry per distinct source (null where one does not compile). */
export async function readLesson(file: string, text: string): Promise<{ parsed: Scenario; compiledWat: (CompiledWatJson | null)[] }> {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(`lesson ${file} is not a valid scenario: ${parsed.error}`);
  await initWat();
  return { parsed: parsed.scenario, compiledWat: compiledWatOf(parsed.scenario) };
}

export function compiledLessons(): Plugin {
  return {
    name: 'compiled-lesson',
    // After Vite's JSON plugin: the code is the lesson as a JavaScript module, to which one export is added.
    async transform(code, id) {
      const file = id.split('?')[0];
      if (!LESSON_FILE.test(file)) return null;
      const { parsed, compiledWat } = await readLesson(file, readFileSync(file, 'utf8'));
      return { code: `${code}\nexport const parsed = ${JSON.stringify(parsed)};\nexport const compiledWat = ${JSON.stringify(compiledWat)};\n`, map: null };
    },
  };
}
