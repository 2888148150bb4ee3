import { describe, expect, it } from 'vitest';
import { currentSection, narrationSections } from './narrationSections.ts';
import { LESSONS } from '../../lessons/index.ts';
import { parseScenario } from '../../scenario/parseScenario.ts';
import { runScenario } from '../../scenario/runScenario.ts';
import { nodeMotokoCompiler } from '../../motoko/nodeMotokoCompiler.ts';

const TEXT = [
  'Intro about canisters.',
  '**Set-up (round 0).** Installed.',
  '**Round 1.** The call runs.',
  'More about round 1.',
  '**Rounds 4 to 6: a trap.** It traps.',
  'In round 8 the memory grows.',
  '**A month later.** No round here.',
].join('\n\n');

describe('[ui/narrationSections]', () => {
  const sections = narrationSections(TEXT);

  it('cuts the narration at paragraphs that name rounds, in their bold lead or first words', () => {
    expect(sections.map((s) => s.rounds)).toEqual([null, { from: 0, to: 0 }, { from: 1, to: 1 }, { from: 4, to: 6 }, { from: 8, to: 8 }]);
    expect(sections[2].markdown).toBe('**Round 1.** The call runs.\n\nMore about round 1.');
    expect(sections[4].markdown).toContain('A month later');
  });

  it.each([
    [0, 1], [1, 2], [2, 2], [3, 2], [4, 3], [6, 3], [7, 3], [8, 4], [50, 4],
  ])('at round %i the current section is %i', (round, expected) => {
    expect(currentSection(sections, round)).toBe(expected);
  });

  it('an empty narration has no current section', () => {
    expect(currentSection(narrationSections(''), 3)).toBe(-1);
  });

  // An exercise's narration is a task, not a walk through its rounds: only lessons follow the playhead.
  it.each(LESSONS.filter((l) => l.kind === 'lesson').map((l) => [l.id, l.scenario] as const))('lesson %s: every section names rounds the lesson has, in order', async (_id, json) => {
    const parsed = parseScenario(JSON.stringify(json));
    if (!parsed.ok) throw new Error(parsed.error);
    const run = await runScenario(parsed.scenario, { motoko: nodeMotokoCompiler() });
    if (!run.ok) throw new Error(run.error);
    const tied = narrationSections(parsed.scenario.description ?? '').filter((s) => s.rounds !== null);
    expect(tied.length, 'the narration follows the playhead').toBeGreaterThanOrEqual(2);
    for (const s of tied) expect(s.rounds!.to, s.markdown.slice(0, 60)).toBeLessThanOrEqual(run.report.rounds);
  }, 120_000); // a Motoko lesson compiles its actors first
});
