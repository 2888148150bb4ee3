/**
 * [motoko/classroom] Both presets install what the app offers: every lesson, and moc-compiled canisters (whose
 * runtime system alone is ~100 K Wasm instructions to compile, ic-reference.md §6.1) including a child created
 * by an actor class. The `classroom` preset divides the compilation cost with the install limit (params.ts).
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { LESSONS } from '../../src/lessons/index.ts';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioSession } from '../../src/scenario/scenarioSession.ts';
import { candidArg, candidValue, motokoSource, runMotoko } from '../helpers/runMotoko.ts';

const PRESETS = ['ic', 'classroom'] as const;
const ACTORS = ['Basics.mo', 'Caller.mo', 'Callee.mo', 'Bank.mo', 'Stable.mo', 'StableV2.mo', 'Timers.mo', 'Heartbeat.mo'];

describe('[motoko/classroom] installs under both presets', () => {
  it.each(PRESETS)('every lesson sets up under %s', async (preset) => {
    for (const lesson of LESSONS) {
      const document = lesson.scenario as { subnet?: object; canisters: object[] };
      // Enough cycles that the install's prepayment at the `ic` limit (300 B, §5.3) is never what stops it: lesson 6
      // gives its canister 400 B on purpose, for the classroom.
      const canisters = document.canisters.map((c) => ({ ...c, cycles: '1000000000000000' }));
      const parsed = parseScenario(JSON.stringify({ ...document, canisters, subnet: { ...document.subnet, preset } }));
      if (!parsed.ok) throw new Error(`${lesson.id}: ${parsed.error}`);
      const started = await ScenarioSession.start(parsed.scenario, { motoko: nodeMotokoCompiler() });
      expect(started.ok ? 'installed' : started.error, lesson.id).toBe('installed');
    }
  }, 600_000);

  it.each(PRESETS)('every Motoko fixture installs under %s, and an actor class creates its child', async (preset) => {
    const names = ACTORS.map((file) => file.replace('.mo', '').toLowerCase());
    const report = await runMotoko({
      subnet: { preset },
      canisters: [
        { name: 'factory', source: motokoSource('Factory.mo', 'Child.mo') },
        ...ACTORS.map((file, i) => ({ name: names[i], source: motokoSource(file) })),
      ],
      maxRounds: 10,
      steps: [
        { call: { to: 'factory', method: 'spawn', arg: candidArg([IDL.Text], ['kid']), wait: true } },
        { call: { to: 'factory', method: 'helloChild', arg: candidArg(), wait: true } },
      ],
    });
    for (const name of ['factory', ...names]) expect(report.canisters[name], name).toMatchObject({ empty: false, status: 'running' });
    expect(candidValue(report.steps[1], IDL.Text)).toBe('hello from kid');
  }, 600_000);
});
