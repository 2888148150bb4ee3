import { describe, expect, it } from 'vitest';
import type { MotokoCompiler } from './motokoCompiler.ts';
import { onDemandMotokoCompiler } from './onDemandMotokoCompiler.ts';
import { motokoProject } from './motokoProject.ts';

/** A stand-in for moc: counts loads and compilations; "fail" fails once. */
function fakeCompiler() {
  const counts = { loads: 0, compiles: 0, checks: 0 };
  let failNext = false;
  const load = async (): Promise<MotokoCompiler> => {
    counts.loads++;
    return {
      compile: async (project) => {
        counts.compiles++;
        if (failNext) { failNext = false; throw new Error('worker died'); }
        return { ok: true, wasm: new TextEncoder().encode(project.files[project.main]), warnings: [] };
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
});
