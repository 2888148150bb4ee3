import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledLessons } from '../scripts/compiledLessons.ts';
import { compileWat, initWat } from '../src/engine/index.ts';
import { compiledWatFromJson, distinctWatSources } from '../src/scenario/compiledWatJson.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';

const LESSONS = join(import.meta.dirname, '../src/lessons');
const files = [...readdirSync(LESSONS).filter((f) => f.endsWith('.json')).map((f) => join(LESSONS, f)),
  ...['motoko', 'bugs', 'exercises'].flatMap((dir) => readdirSync(join(LESSONS, dir)).map((f) => join(LESSONS, dir, f)))];

/** The plugin's transform as Vite calls it, on the JSON plugin's output for a lesson file. */
async function transform(file: string): Promise<string> {
  const plugin = compiledLessons();
  const hook = plugin.transform as (code: string, id: string) => Promise<{ code: string } | null>;
  const result = await hook.call({}, 'export default {};', file);
  if (!result) throw new Error(`${file} was not transformed`);
  return result.code;
}

describe('[scripts/compiledLessons] every lesson chunk carries its scenario read and its WAT sources compiled', () => {
  it.each(files)('%s', async (file) => {
    const parsed = parseScenario(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const code = await transform(file);
    const exported = /\nexport const parsed = (.*);\nexport const compiledWat = (.*);\n$/.exec(code);
    expect(exported, 'two exports added after the JSON module').not.toBeNull();
    // The scenario the page opens without parsing it: what parseScenario gives.
    expect(JSON.parse(exported![1])).toEqual(parsed.scenario);
    const modules = compiledWatFromJson(parsed.scenario, JSON.parse(exported![2]));
    const sources = distinctWatSources(parsed.scenario);
    // Every WAT source of a lesson compiles, so each has its module: the lesson opens before wabt loads.
    expect(modules.map((m) => m.wat)).toEqual(sources);
    await initWat();
    for (const module of modules) {
      const real = compileWat(module.wat);
      expect(real.ok && [...real.wasm]).toEqual([...module.wasm]);
      expect(real.ok && [...real.globalNames]).toEqual([...module.globalNames]);
    }
  });

  it('fails the build on a lesson that is not a valid scenario', async () => {
    const { readLesson } = await import('../scripts/compiledLessons.ts');
    await expect(readLesson('broken.json', '{"format": "nope"}')).rejects.toThrow('lesson broken.json is not a valid scenario: unknown format "nope"');
  });

  it('leaves other files alone', async () => {
    const hook = compiledLessons().transform as (code: string, id: string) => Promise<unknown>;
    expect(await hook.call({}, 'export default {};', join(import.meta.dirname, '../examples/trap-rollback.json'))).toBeNull();
  });
});
