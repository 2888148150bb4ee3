/**
 * The scenario parser (zod/mini, the schema and jsonc-parser, about 17 KB gzip), fetched the first time a scenario
 * is read in the page (a link, a saved workspace, a file, a lesson opened from the picker), not with the page: the
 * first lesson opened at a first visit comes parsed at build time (`scripts/compiledLessons.ts`) and needs none
 * (issue 16, target 7).
 */
import type { parseScenario } from '../../scenario/parseScenario.ts';
import type { CompiledWat } from '../../engine/index.ts';
import { compiledWatFromJson } from '../../scenario/compiledWatJson.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';

export type ScenarioParser = typeof parseScenario;

export function loadScenarioParser(): Promise<ScenarioParser> {
  return import('../../scenario/parseScenario.ts').then((module) => module.parseScenario);
}

/**
 * A lesson's scenario and the modules its chunk carries (`loadLesson`), to open: the scenario as read at build time
 * in the built app, read here otherwise.
 */
export async function lessonToOpen(lesson: { readonly scenario: unknown; readonly parsed: unknown; readonly compiledWat: unknown }): Promise<
  { ok: true; scenario: Scenario; compiled: CompiledWat[] } | { ok: false; error: string }
> {
  const read = lesson.parsed ? { ok: true as const, scenario: lesson.parsed as Scenario } : (await loadScenarioParser())(JSON.stringify(lesson.scenario));
  return read.ok ? { ...read, compiled: compiledWatFromJson(read.scenario, lesson.compiledWat) } : read;
}
