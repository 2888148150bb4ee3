/**
 * The scenario parser (zod and the schema, about 35 KB gzip), fetched the first time a scenario is read in the page
 * (a link, a saved workspace, a file, a lesson opened from the picker), not with the page: the first lesson opened at
 * a first visit comes parsed at build time (`scripts/compiledLessons.ts`) and needs none (issue 16, target 7).
 */
import type { parseScenario, ParseScenarioResult } from '../../scenario/parseScenario.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';

export type ScenarioParser = typeof parseScenario;

export function loadScenarioParser(): Promise<ScenarioParser> {
  return import('../../scenario/parseScenario.ts').then((module) => module.parseScenario);
}

/** A lesson's scenario (`loadLesson`): as read at build time in the built app, read here otherwise. */
export async function lessonScenario(lesson: { readonly scenario: unknown; readonly parsed: unknown }): Promise<ParseScenarioResult> {
  if (lesson.parsed) return { ok: true, scenario: lesson.parsed as Scenario };
  return (await loadScenarioParser())(JSON.stringify(lesson.scenario));
}
