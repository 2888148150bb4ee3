/**
 * [architecture] The engine's boundary (house style; style-anchors §9.4 rules 1–3): src/engine reads no clock,
 * no randomness and no environment, imports nothing from the other layers or UI libraries, and the other
 * layers import it only through src/engine/index.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const engineFiles = sourceFiles(join(ROOT, 'src/engine'));
const otherFiles = sourceFiles(join(ROOT, 'src')).filter((f) => !f.startsWith(join(ROOT, 'src/engine')));

const FORBIDDEN_IN_ENGINE: [RegExp, string][] = [
  [/\bDate\b/, 'the wall clock (Date)'],
  [/Math\.random/, 'Math.random'],
  [/\bperformance\./, 'performance timers'],
  [/\bset(Timeout|Interval)\b|requestAnimationFrame/, 'timers'],
  [/\bcrypto\./, 'the environment\'s crypto'],
  [/\b(window|document|localStorage|fetch|postMessage)\b/, 'the DOM or the network'],
  [/from '(react|react-dom|zustand|comlink|monaco-editor|@xyflow\/react)/, 'UI libraries'],
  [/from '(\.\.\/)+(ui|state|worker|scenario|cli)\//, 'other layers'],
  [/from 'node:/, 'Node built-ins'],
];

describe('[architecture] engine purity', () => {
  it('has engine files to check', () => expect(engineFiles.length).toBeGreaterThan(30));
  it.each(FORBIDDEN_IN_ENGINE)('no engine file uses %s', (pattern, what) => {
    const offenders = engineFiles.filter((f) => pattern.test(readFileSync(f, 'utf8').replace(/^\s*(\/\/|\/?\*).*$/gm, '')));
    expect(offenders.map((f) => relative(ROOT, f)), `engine code must not use ${what}`).toEqual([]);
  });
  it('other layers import the engine only through src/engine/index.ts', () => {
    const offenders = otherFiles.filter((f) => /from '[^']*engine\/(?!index\.ts')/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
