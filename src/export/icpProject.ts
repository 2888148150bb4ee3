/**
 * A scenario as an icp-cli project (issue 15): `icp.yaml` with one canister per canister of the scenario (its set-up
 * and its `deploy` steps), their sources, the modules the playground ran, a README, and a PocketIC test replaying the
 * scenario (`picTest.ts`). The files are plain data (path → text or bytes): the runner writes them to a folder, the
 * app zips them.
 *
 * icp.yaml is written as icp-cli's configuration reference describes it (dfinity/icp-cli docs/reference/
 * configuration.md and docs/schemas/icp-yaml-schema.json, the 1.3 documentation) and checked with icp 1.5.0:
 * `build.steps` of `type: script` (run by `sh -c` in the project's folder, writing `$ICP_WASM_OUTPUT_PATH`) or
 * `type: pre-built` (`path`, `sha256`); `init_args` as `{ value, format: hex }`; `settings` in snake case.
 */
import { Document } from 'yaml';
import { bytesToHex, moduleHash } from '../engine/index.ts';
import { motokoProjectOf } from '../scenario/motokoProjectOf.ts';
import type { ReadSource } from '../scenario/loadScenario.ts';
import type { Arg, Source } from '../scenario/scenarioTypes.ts';
import { inlineSources } from './inlineSources.ts';
import { MOTOKO_BUILD_SCRIPT } from './motokoBuildScript.ts';
import { picTest } from './picTest.ts';
import { projectName } from './projectName.ts';
import { SETTING_FIELDS } from './settingFields.ts';
import { plannedCanisters, type PlannedCanister, type ReplayPlan } from './replayPlan.ts';
import { projectReadme } from './projectReadme.ts';

/** The tools the exported project pins: the same wabt and moc the playground compiles with give the same bytes. */
export const EXPORT_VERSIONS = {
  wabt: '1.0.39',
  motoko: '4.10.0',
  pic: '0.23.0',
  icpSdkCore: '^5.0.0',
  vitest: '^4.1.12',
  typescript: '~5.9.0',
} as const;

export type ProjectFiles = Map<string, string | Uint8Array>;

/** How icp-cli builds one canister, and the files that go with it. */
export interface ExportedCanister {
  readonly name: string;
  readonly language: 'wat' | 'motoko' | 'wasm';
  /** The module the playground ran for it (what `icp build` must give). */
  readonly wasm: Uint8Array;
  readonly buildStep: Record<string, string>;
}

export function icpProjectFiles(plan: ReplayPlan, readSource?: ReadSource): ProjectFiles {
  const files: ProjectFiles = new Map();
  const created = plannedCanisters(plan);
  const canisters = created.map((canister) => exportedCanister(canister, files, readSource));
  files.set('icp.yaml', icpYaml(plan, created, canisters));
  const test = picTest(plan);
  files.set('tests/scenario.test.ts', test.test);
  for (const [path, bytes] of test.args) files.set(path, bytes);
  files.set('package.json', packageJson(plan, canisters));
  files.set('tsconfig.json', `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] }, include: ['tests'] }, null, 2)}\n`);
  files.set('.gitignore', 'node_modules/\n.icp/cache/\n');
  files.set('scenario.json', `${JSON.stringify(inlineSources(plan.scenario, readSource), null, 2)}\n`);
  if (canisters.some((canister) => canister.language === 'motoko')) files.set('scripts/build-motoko.mjs', MOTOKO_BUILD_SCRIPT);
  stepSources(plan, files, readSource);
  files.set('README.md', projectReadme(plan, canisters));
  return files;
}

function exportedCanister(canister: PlannedCanister, files: ProjectFiles, readSource?: ReadSource): ExportedCanister {
  const { name, wasm } = canister;
  files.set(`wasm/${name}.wasm`, wasm);
  const source = canister.spec.source;
  const wat = watText(source, readSource);
  if (wat !== null) {
    files.set(`src/${name}.wat`, wat);
    return { name, language: 'wat', wasm, buildStep: { type: 'script', command: `npx --no -- wat2wasm --enable-annotations src/${name}.wat -o "$ICP_WASM_OUTPUT_PATH"` } };
  }
  const motoko = motokoProjectOf(source, readSource);
  if (motoko) {
    for (const [path, text] of Object.entries(motoko.files)) files.set(`src/${name}/${path}`, text);
    return { name, language: 'motoko', wasm, buildStep: { type: 'script', command: `node scripts/build-motoko.mjs src/${name}/${motoko.main} "$ICP_WASM_OUTPUT_PATH"` } };
  }
  return { name, language: 'wasm', wasm, buildStep: { type: 'pre-built', path: `wasm/${name}.wasm`, sha256: moduleHash(wasm) } };
}

/** WAT text of a source written inline or read from a `.wat` file. */
function watText(source: Source, readSource?: ReadSource): string | null {
  if ('wat' in source) return source.wat;
  if (!('path' in source) || !source.path.endsWith('.wat') || !readSource) return null;
  const bytes = readSource(source.path);
  return bytes instanceof Uint8Array ? new TextDecoder().decode(bytes) : null;
}

/** The sources of modules installed by later steps, for reading beside the test (their bytes are in its messages). */
function stepSources(plan: ReplayPlan, files: ProjectFiles, readSource?: ReadSource): void {
  for (const [index, step] of plan.scenario.steps.entries()) {
    if (!('manage' in step) || !step.manage.source) continue;
    const base = `src/steps/step-${index}-${step.manage.canister}`;
    const wat = watText(step.manage.source, readSource);
    if (wat !== null) files.set(`${base}.wat`, wat);
    const motoko = wat === null ? motokoProjectOf(step.manage.source, readSource) : null;
    for (const [path, text] of Object.entries(motoko?.files ?? {})) files.set(`${base}/${path}`, text);
  }
}

function icpYaml(plan: ReplayPlan, created: readonly PlannedCanister[], canisters: readonly ExportedCanister[]): string {
  const names = new Map(Object.entries(plan.report.principals).map(([name, principal]) => [principal, name]));
  const entries = created.map((canister, i) => {
    const entry: Record<string, unknown> = { name: canister.name, build: { steps: [canisters[i].buildStep] } };
    if (canister.initArg.length > 0) entry.init_args = { value: bytesToHex(canister.initArg), format: 'hex' };
    const settings: Record<string, unknown> = {};
    for (const [field, key] of SETTING_FIELDS) {
      const value = canister.settings[field];
      if (typeof value === 'string') settings[key] = BigInt(value);
    }
    if (canister.settings.environmentVariables) settings.environment_variables = { ...canister.settings.environmentVariables };
    if (Object.keys(settings).length > 0) entry.settings = settings;
    return entry;
  });
  const doc = new Document({ canisters: entries });
  doc.commentBefore = [
    ` ${plan.scenario.title ?? 'A scenario'}: exported from Canister Playground.`,
    ' An icp-cli project (icp.yaml as icp-cli\'s configuration reference describes it; checked with icp 1.5.0).',
    ' `icp build` builds every canister offline (run `npm install` first: it brings wabt and moc.js).',
  ].join('\n');
  created.forEach((canister, i) => {
    const node = doc.getIn(['canisters', i], true) as { commentBefore?: string } | undefined;
    const controllers = canister.controllers.map((principal) => names.get(principal) ?? principal);
    const lines = [
      ` ${canister.name}: ${describeLanguage(canisters[i].language)}${canister.step === null ? '' : `, deployed by step ${canister.step}`}.`,
      ` In the playground: ${canister.cycles.toLocaleString('en-US')} cycles, controlled by ${controllers.length > 0 ? controllers.join(', ') : 'no one'};`,
      ' here the identity that deploys it controls it (add `controllers` under settings to give others control).',
    ];
    if (canister.initArg.length > 0) lines.push(` Its init argument, as the scenario wrote it: ${argWords(canister.spec.initArg)}.`);
    if (canisters[i].language === 'motoko') {
      lines.push(
        ' icp-cli\'s Motoko recipe (recipe: { type: "@dfinity/motoko@v4.0.0", configuration: { main: … } }) would build it',
        ' with moc and ic-wasm fetched from GitHub; the script builds the module the playground ran, offline.',
      );
    }
    if (node) node.commentBefore = lines.join('\n');
  });
  return doc.toString({ lineWidth: 0 });
}

function describeLanguage(language: ExportedCanister['language']): string {
  if (language === 'wat') return 'WAT, built by wabt\'s wat2wasm as the playground compiles it';
  if (language === 'motoko') return 'Motoko, built by moc.js (scripts/build-motoko.mjs) as the playground compiles it';
  return 'a Wasm module given as such (pre-built)';
}

function argWords(arg: Arg | undefined): string {
  if (!arg) return 'none';
  if ('candid' in arg) return `Candid ${arg.candid}`;
  if ('text' in arg) return `the text ${JSON.stringify(arg.text)}`;
  if ('hex' in arg) return `hex ${arg.hex}`;
  return 'base64 bytes';
}

function packageJson(plan: ReplayPlan, canisters: readonly ExportedCanister[]): string {
  const devDependencies: Record<string, string> = {
    '@dfinity/pic': EXPORT_VERSIONS.pic,
    '@icp-sdk/core': EXPORT_VERSIONS.icpSdkCore,
    '@types/node': '^22.0.0',
    typescript: EXPORT_VERSIONS.typescript,
    vitest: EXPORT_VERSIONS.vitest,
  };
  if (canisters.some((canister) => canister.language === 'wat')) devDependencies.wabt = EXPORT_VERSIONS.wabt;
  if (canisters.some((canister) => canister.language === 'motoko')) devDependencies.motoko = EXPORT_VERSIONS.motoko;
  const manifest = {
    name: projectName(plan.scenario.title),
    private: true,
    type: 'module',
    scripts: { build: 'icp build', test: 'icp build && vitest run', typecheck: 'tsc -p tsconfig.json' },
    devDependencies: Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
