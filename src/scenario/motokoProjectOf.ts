/**
 * The Motoko project a source stands for: a `motoko` source, or (CLI only) a `path` ending in `.mo`, compiled as
 * that one file under its own name. Null for every other source, and for a file that cannot be read (the loader
 * says so when it compiles the source).
 */
import { motokoProject, type MotokoProject } from '../motoko/motokoProject.ts';
import type { ReadSource } from './loadScenario.ts';
import type { Source } from './scenarioTypes.ts';

export function motokoProjectOf(source: Source, readSource?: ReadSource): MotokoProject | null {
  if ('motoko' in source) return motokoProject(source.motoko);
  if (!('path' in source) || !source.path.endsWith('.mo') || !readSource) return null;
  const bytes = readSource(source.path);
  if (bytes === null || typeof bytes === 'string') return null;
  const name = source.path.split('/').pop()!;
  return { files: { [name]: new TextDecoder().decode(bytes) }, main: name };
}
