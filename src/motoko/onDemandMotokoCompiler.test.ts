import { describe, expect, it } from 'vitest';
import type { MotokoCompiler } from './motokoCompiler.ts';
import { onDemandMotokoCompiler } from './onDemandMotokoCompiler.ts';
import { motokoProject } from './motokoProject.ts';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A stand-in for moc: counts loads and compilations; "fail" fails once; a source with "class" embeds a module. */
function fakeCompiler() {
  const counts = { loads: 0, compiles: 0, checks: 0 };
  let failNext = false;
  const load = async (): Promise<MotokoCompiler> => {
    counts.loads++;
    return {
      compile: async (project) => {
        counts.compiles++;
        if (failNext) { failNext = false; throw new Error('worker died'); }
        const source = project.files[project.main];
        return { ok: true, wasm: new Uint8Array([...HEADER, ...new TextEncoder().encode(source), ...(source.includes('class') ? HEADER : [])]), warnings: [] };
      },
      check: async () => { counts.checks++; return []; },
    };
  };
  return { counts, load, failOnce: () => { failNext = true; } };
}

describe('[motoko/onDemandMotokoCompiler]', () => {
  it('loads nothing until asked', () => {
    const fake = fakeCompiler();
    onDemandMotokoCompiler(fake.load);
    expect(fake.counts.loads).toBe(0);
  });

  it('loads once and compiles each project once, the same bytes every time', async () => {
    const fake = fakeCompiler();
    const compiler = onDemandMotokoCompiler(fake.load);
    const [a, b] = await Promise.all([compiler.compile(motokoProject('actor A')), compiler.compile(motokoProject('actor A'))]);
    const same = await compiler.compile({ files: { 'Main.mo': 'actor A' }, main: 'Main.mo' });
    await compiler.compile(motokoProject('actor B'));
    await compiler.check(motokoProject('actor B'));
    expect(fake.counts).toEqual({ loads: 1, compiles: 2, checks: 1 });
    expect(b).toBe(a);
    expect(same).toBe(a);
  });

  it('tries again after a failure that is not the source\'s', async () => {
    const fake = fakeCompiler();
    const compiler = onDemandMotokoCompiler(fake.load);
    fake.failOnce();
    await expect(compiler.compile(motokoProject('actor A'))).rejects.toThrow('worker died');
    await expect(compiler.compile(motokoProject('actor A'))).resolves.toMatchObject({ ok: true });
    expect(fake.counts.compiles).toBe(2);
  });

  it.each([
    ['an actor class, after another compilation', ['actor A', 'actor class C'], ['actor class C']],
    ['an actor class, after a check', ['check', 'actor class C'], ['actor class C']],
    ['an actor class, first of all: already fresh', ['actor class C', 'actor A'], []],
    ['no actor class', ['actor A', 'actor B'], []],
  ])('compiles again in a fresh compiler a module that embeds one: %s', async (_what, sources, freshly) => {
    const fake = fakeCompiler();
    const fresh: string[] = [];
    const compiler = onDemandMotokoCompiler(fake.load, async (project) => {
      fresh.push(project.files[project.main]);
      return { ok: true, wasm: new Uint8Array([1]), warnings: [] };
    });
    const results = [];
    for (const source of sources) {
      if (source === 'check') await compiler.check(motokoProject('actor A'));
      else results.push(await compiler.compile(motokoProject(source)));
    }
    expect(fresh).toEqual(freshly);
    for (const [i, source] of sources.filter((s) => s !== 'check').entries()) {
      expect(results[i]).toMatchObject({ ok: true, wasm: freshly.includes(source) ? new Uint8Array([1]) : expect.anything() });
    }
  });
});
