/**
 * A build step (a Vite plugin): each lesson's chunk carries its WAT sources compiled, as `export const compiledWat`
 * (`src/scenario/compiledWatJson.ts`), so the first lesson opens before the page has loaded the WAT compiler (issue
 * #12, target 7). Compiled here by the engine's own `compileWat`, so the modules are the ones the page would make;
 * the page still checks them once wabt has loaded.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { initWat } from '../src/engine/index.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { compiledWatOf, type CompiledWatJson } from '../src/scenario/compiledWatJson.ts';

const LESSON_FILE = /[\\/]src[\\/]lessons[\\/].*\.json$/;

/** The lesson's WAT sources compiled, one entry per distinct source (null where one does not compile). */
export async function compileLessonWat(text: string): Promise<(CompiledWatJson | null)[]> {
  const parsed = parseScenario(text);
  if (!parsed.ok) return [];
  await initWat();
  return compiledWatOf(parsed.scenario);
}

export function compiledLessonWat(): Plugin {
  return {
    name: 'compiled-lesson-wat',
    // After Vite's JSON plugin: the code is the lesson as a JavaScript module, to which one export is added.
    async transform(code, id) {
      const file = id.split('?')[0];
      if (!LESSON_FILE.test(file)) return null;
      const compiled = await compileLessonWat(readFileSync(file, 'utf8'));
      return { code: `${code}\nexport const compiledWat = ${JSON.stringify(compiled)};\n`, map: null };
    },
  };
}
