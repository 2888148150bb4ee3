/**
 * Every lesson and example exported as an icp-cli project (issue 15): the files are there, icp.yaml is valid YAML
 * with one canister per canister of the scenario, the modules are the ones the playground ran, `icp build` (the real
 * icp-cli 1.5.0, offline) builds the same bytes from the sources, the PocketIC tests type-check against
 * @dfinity/pic's declarations, and their expected values are the report's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { exportIcpProject, type ProjectFiles } from '../../src/export/exportIcpProject.ts';
import { plannedCanisters, type ReplayPlan } from '../../src/export/replayPlan.ts';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ensureToolchain, icpBuild, linkedNodeModules, ROOT } from './toolchain.ts';

const LESSONS = join(ROOT, 'src/lessons');
const SCENARIO_FILES = [
  ...readdirSync(LESSONS).filter((f) => f.endsWith('.json')).map((f) => join(LESSONS, f)),
  ...['motoko', 'bugs', 'exercises'].flatMap((dir) => readdirSync(join(LESSONS, dir)).filter((f) => f.endsWith('.json')).map((f) => join(LESSONS, dir, f))),
  ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).map((f) => join(ROOT, 'examples', f)),
].map((path) => [path.slice(ROOT.length).replace(/^\//, '')] as const);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Exported {
  readonly dir: string;
  readonly files: ProjectFiles;
  readonly plan: ReplayPlan;
}

let workDir = '';
const exported = new Map<string, Exported>();

async function exportScenario(file: string): Promise<Exported> {
  const parsed = parseScenario(readFileSync(join(ROOT, file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const readSource = (path: string) => readFileSync(resolve(dirname(join(ROOT, file)), path));
  const options = { motoko: nodeMotokoCompiler(), readSource };
  const result = await exportIcpProject(parsed.scenario, options);
  if (!result.ok) throw new Error(result.error);
  const dir = join(workDir, file.replace(/[/.]/g, '_'));
  for (const [path, content] of result.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  symlinkSync(join(workDir, 'node_modules'), join(dir, 'node_modules'));
  return { dir, files: result.files, plan: result.plan };
}

beforeAll(async () => {
  ensureToolchain();
  workDir = mkdtempSync(join(tmpdir(), 'icp-export-'));
  linkedNodeModules(workDir);
  for (const [file] of SCENARIO_FILES) exported.set(file, await exportScenario(file));
}, 600_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('[export] every lesson and example as an icp-cli project', () => {
  it.each(SCENARIO_FILES)('%s: icp.yaml, the modules the playground ran, the test\'s expected values', (file) => {
    const { files, plan } = exported.get(file)!;
    for (const path of ['icp.yaml', 'README.md', 'package.json', 'tsconfig.json', 'scenario.json', 'tests/scenario.test.ts']) expect(files.has(path), path).toBe(true);
    const yaml = parseDocument(files.get('icp.yaml') as string);
    expect(yaml.errors).toEqual([]);
    const created = plannedCanisters(plan);
    const canisters = (yaml.toJS() as { canisters: { name: string; build: { steps: unknown[] } }[] }).canisters;
    expect(canisters.map((canister) => canister.name)).toEqual(created.map((canister) => canister.name));
    for (const canister of created) {
      // The module the playground installed first in that canister, by the hash its trace recorded.
      const installed = plan.report.events.find((event) => event.kind === 'code_installed' && event.canister === canister.id);
      expect(installed && 'moduleHash' in installed ? installed.moduleHash : null, canister.name).toBe(sha256(files.get(`wasm/${canister.name}.wasm`) as Uint8Array));
    }
    const test = files.get('tests/scenario.test.ts') as string;
    expect(test).not.toMatch(/undefined'\)|fromText\('undefined/); // every principal it names is one the run had
    for (const step of plan.report.steps) {
      if (step.status !== 'replied' && step.status !== 'rejected') continue;
      const expected = step.status === 'rejected'
        ? `toEqual({ status: 'rejected', rejectCode: ${step.rejectCode}, errorCode: ${step.errorCode ? `'${step.errorCode}'` : 'null'} })`
        : step.kind === 'call' || step.kind === 'query' ? `toEqual({ status: 'replied', reply: '${step.reply ?? ''}' })` : "toMatchObject({ status: 'replied' })";
      expect(test, `step ${step.step}`).toContain(`expect(outcomes.get(${step.step})).${expected};`);
    }
    expect(JSON.parse(files.get('scenario.json') as string)).toMatchObject({ format: 'canister-playground/scenario@1' });
  });

  it.each(SCENARIO_FILES)('%s: icp build (icp-cli 1.5.0) builds the modules the playground ran, byte for byte', (file) => {
    const { dir, files, plan } = exported.get(file)!;
    icpBuild(dir, join(workDir, '.icp-home'));
    for (const { name } of plannedCanisters(plan)) {
      const built = readFileSync(join(dir, '.icp/cache/artifacts', name));
      expect(sha256(built), name).toBe(sha256(files.get(`wasm/${name}.wasm`) as Uint8Array));
    }
  }, 120_000);

  it('each PocketIC test, run against the playground\'s own engine in PocketIC\'s place, gets every outcome the report recorded', () => {
    // What this can check here: that a test replays its scenario as the playground played it (order, waits, ticks,
    // outcomes read as PocketIC gives them). PocketIC's server cannot run on this machine.
    // The tests install what `icp build` built: the same bytes as wasm/ (the test above), put there if it has not run.
    for (const { dir, plan } of exported.values()) {
      for (const { name } of plannedCanisters(plan)) {
        if (existsSync(join(dir, '.icp/cache/artifacts', name))) continue;
        mkdirSync(join(dir, '.icp/cache/artifacts'), { recursive: true });
        copyFileSync(join(dir, 'wasm', `${name}.wasm`), join(dir, '.icp/cache/artifacts', name));
      }
    }
    writeFileSync(join(workDir, 'vitest.fake-pic.config.mjs'), `export default ${JSON.stringify({
      resolve: { alias: { '@dfinity/pic': join(ROOT, 'tests/export/fakePic.ts') } },
      test: { include: ['*/tests/scenario.test.ts'], reporters: ['json'], outputFile: { json: 'fake-pic-results.json' }, testTimeout: 60_000 },
    })};\n`);
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.fake-pic.config.mjs'], { cwd: workDir, encoding: 'utf8' });
    const results = JSON.parse(readFileSync(join(workDir, 'fake-pic-results.json'), 'utf8')) as {
      numTotalTests: number; testResults: { name: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
    };
    const failed = results.testResults.flatMap((file) => file.assertionResults.filter((a) => a.status !== 'passed')
      .map((a) => `${file.name.slice(workDir.length + 1)} › ${a.title}: ${a.failureMessages[0]?.split('\n')[0] ?? a.status}`));
    expect(failed, run.stderr.slice(-2000)).toEqual([]);
    expect(results.testResults).toHaveLength(SCENARIO_FILES.length);
    expect(results.numTotalTests).toBeGreaterThan(SCENARIO_FILES.length * 2);
  }, 600_000);

  it('the PocketIC tests type-check against @dfinity/pic 0.23.0\'s declarations (and a misuse of them does not)', () => {
    writeFileSync(join(workDir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
      include: ['*/tests/*.ts'],
    }));
    const tsc = () => execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: workDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(tsc()).toBe('');
    const first = exported.values().next().value!.dir;
    writeFileSync(join(first, 'tests/misuse.ts'), "import { PocketIc } from '@dfinity/pic';\nexport const wrong = (pic: PocketIc) => pic.installCode({ canisterId: 'not a principal' });\n");
    try {
      tsc();
      expect.unreachable('tsc accepted a misuse of @dfinity/pic');
    } catch (error) {
      expect(String((error as { stdout?: string }).stdout)).toMatch(/misuse\.ts\(2,\d+\): error TS2/);
    } finally {
      rmSync(join(first, 'tests/misuse.ts'));
    }
  }, 180_000);
});
