/**
 * The scenario parser (zod and the schema, about 35 KB gzip), fetched the first time a scenario is read in the page
 * (a link, a saved workspace, a file, a lesson opened from the picker), not with the page: the first lesson opened at
 * a first visit comes parsed at build time (`scripts/compiledLessons.ts`) and needs none (issue #12, target 7).
 */
import type { parseScenario } from '../../scenario/parseScenario.ts';

export type ScenarioParser = typeof parseScenario;

export function loadScenarioParser(): Promise<ScenarioParser> {
  return import('../../scenario/parseScenario.ts').then((module) => module.parseScenario);
}
