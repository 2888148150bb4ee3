/**
 * [lessons] The narration cannot drift from the engine: every round a lesson's narration names exists in the
 * lesson's run, and every trace event it names in code (`request_sent`) happens in the rounds the text ties it to
 * (its section's rounds, or the round named in the same sentence).
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../src/lessons/index.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { runScenario } from '../src/scenario/runScenario.ts';
import { nodeMotokoCompiler } from '../src/motoko/nodeMotokoCompiler.ts';
import { narrationSections } from '../src/ui/workspace/narrationSections.ts';
import { GROUP_OF } from '../src/ui/events/filterEvents.ts';

const EVENT_KINDS: ReadonlySet<string> = new Set(Object.keys(GROUP_OF));
const ROUND = /\bround\s+(\d+)\b/gi;
const ROUND_RANGE = /\brounds\s+(\d+)\s*(?:to|and|-|–)\s*(\d+)/gi;

/** Event kinds named in code spans of a piece of Markdown. */
function kindsIn(markdown: string): string[] {
  return [...markdown.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]).filter((word) => EVENT_KINDS.has(word));
}

/** Claims checked, over all lessons (the last test makes sure the checks are not vacuous). */
let checked = 0;

function sentences(markdown: string): string[] {
  return markdown.split(/\n\s*\n/).flatMap((paragraph) => paragraph.split(/(?<=[.!?])\s+(?=[A-Z*`])/));
}

describe.each(LESSONS.map((l) => [l.id, l.scenario] as const))('[lessons] %s: narration against the trace', (_id, json) => {
  it('names only rounds the run has, and events where they happen', async () => {
    const parsed = parseScenario(JSON.stringify(json));
    if (!parsed.ok) throw new Error(parsed.error);
    const run = await runScenario(parsed.scenario, { motoko: nodeMotokoCompiler() });
    if (!run.ok) throw new Error(run.error);
    const { events, rounds } = run.report;
    const description = parsed.scenario.description ?? '';
    const happens = (kind: string, from: number, to: number) => events.some((e) => e.kind === kind && Number(e.round) >= from && Number(e.round) <= to);

    for (const match of [...description.matchAll(ROUND), ...description.matchAll(ROUND_RANGE)]) {
      for (const n of match.slice(1).filter(Boolean).map(Number)) expect(n, `"${match[0]}"`).toBeLessThanOrEqual(rounds);
    }
    for (const section of narrationSections(description)) {
      if (!section.rounds) continue;
      for (const kind of kindsIn(section.markdown)) {
        checked++;
        expect(happens(kind, section.rounds.from, section.rounds.to),
          `${kind} in rounds ${section.rounds.from}–${section.rounds.to}: "${section.markdown.slice(0, 60)}…"`).toBe(true);
      }
    }
    for (const sentence of sentences(description)) {
      const named = [...sentence.matchAll(ROUND)].map((m) => Number(m[1]));
      if (named.length !== 1 || /\brounds\b/i.test(sentence)) continue; // one round, unambiguous
      for (const kind of kindsIn(sentence)) {
        checked++;
        expect(happens(kind, named[0], named[0]), `${kind} in round ${named[0]}: "${sentence.slice(0, 80)}…"`).toBe(true);
      }
    }
  }, 120_000); // a Motoko lesson compiles its actors first
});

describe('[lessons] narration against the trace', () => {
  it('checks something: the lessons name trace events in code, tied to rounds', () => {
    expect(checked, 'event names checked across all lessons').toBeGreaterThanOrEqual(10);
  });
});
