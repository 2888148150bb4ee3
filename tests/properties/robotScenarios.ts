/**
 * Generated scenarios of robot canisters (tests/helpers/robotCanister.ts) for the property tests, the runner of a
 * property, and the pinned counterexamples in `regressions/` (what a run must hold is in scenarioInvariants.ts).
 *
 * Hunting: `PROPERTY_RUNS=1000 PROPERTY_SEED=7 npx vitest run tests/properties` runs every property with that
 * many cases and seed; a failure is then shrunk and saved as `regressions/<property>-seed<seed>.json` (the robot's
 * WAT beside it as `robot-<hash>.wat`), which every later run replays. Without the variables the runs are few and
 * the seeds fixed, so CI stays fast and a failure reproduces.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileWat, initWat } from '../../src/engine/index.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import type { Scenario } from '../../src/scenario/scenarioTypes.ts';
import type { ReadSource } from '../../src/scenario/loadScenario.ts';
import { hunting, propertyParams } from './propertyParams.ts';
import { describeProgram, encodeProgram, programArbitrary, ROBOT_BROKEN_UPGRADE_WAT, ROBOT_WAT } from '../helpers/robotCanister.ts';

export const REGRESSIONS_DIR = join(dirname(new URL(import.meta.url).pathname), 'regressions');

await initWat();
function watToWasm(wat: string): Uint8Array {
  const compiled = compileWat(wat);
  if (!compiled.ok) throw new Error(`robot does not compile: ${compiled.errors[0].message}`);
  return compiled.wasm;
}
/**
 * The robot's variants as scenario sources: files the runner is given already compiled (so a generated scenario
 * does not compile WAT again and again, and a counterexample stays short to read).
 */
const ROBOT_FILES: Record<string, { wat: string; wasm: Uint8Array }> = {
  'robot.wasm': { wat: ROBOT_WAT, wasm: watToWasm(ROBOT_WAT) },
  'robot-broken.wasm': { wat: ROBOT_BROKEN_UPGRADE_WAT, wasm: watToWasm(ROBOT_BROKEN_UPGRADE_WAT) },
};
export const ROBOT_SOURCES = { robot: { path: 'robot.wasm' }, broken: { path: 'robot-broken.wasm' } } as const;

/** Whether a source is the broken-upgrade robot (generated, or a regression fixture's saved copy). */
export const isBrokenRobot = (source: object): boolean => 'path' in source && String(source.path).startsWith('robot-broken');

/** The scenario with every file source inlined, for runners that read no files (the worker). */
export function inlineSources(json: ScenarioJson): ScenarioJson {
  return JSON.parse(JSON.stringify(json), (_key, value) => {
    if (typeof value?.path !== 'string') return value;
    const bytes = readSource(value.path);
    if (!bytes || typeof bytes === 'string') throw new Error(`no source file ${value.path}`);
    return value.path.endsWith('.wat') ? { wat: new TextDecoder().decode(bytes) } : { wasm: Buffer.from(bytes).toString('base64') };
  });
}

/** Reads the robot's sources, and the saved `.wat` files of regression fixtures. */
export const readSource: ReadSource = (path) => {
  const robot = ROBOT_FILES[path];
  if (robot) return robot.wasm;
  const file = join(REGRESSIONS_DIR, path);
  return existsSync(file) ? readFileSync(file) : null;
};

export type ScenarioJson = Record<string, unknown> & { steps: Record<string, unknown>[] };

const hex = (bytes: number[]) => Buffer.from(bytes).toString('hex');
const canisterName = (max: number) => fc.integer({ min: 0, max }).map((i) => `r${i}`);

/** `install_code` of the robot or the broken-upgrade robot, in mode upgrade (sometimes skipping pre_upgrade) or reinstall. */
export const installStepArbitrary = (canisters: number) => fc.record({
  canister: canisterName(canisters - 1),
  mode: fc.constantFrom('upgrade' as const, 'upgrade' as const, 'reinstall' as const),
  variant: fc.constantFrom('robot' as const, 'robot' as const, 'broken' as const),
  skip: fc.constantFrom(undefined, true, false),
  wait: fc.boolean(),
}).map(({ canister, mode, variant, skip, wait }) => ({
  manage: {
    method: 'install_code', canister, mode, source: ROBOT_SOURCES[variant], wait,
    ...(mode === 'upgrade' && skip !== undefined && { skipPreUpgrade: skip }),
    label: `${mode} to ${variant}${skip ? ' (skip pre_upgrade)' : ''}`,
  },
}));

export const callStepArbitrary = (canisters: number, wait = fc.boolean()) =>
  fc.record({ to: canisterName(canisters - 1), program: programArbitrary(canisters), wait })
    .map(({ to, program, wait: w }) => ({ call: { to, method: 'run', arg: { hex: hex(encodeProgram(program)) }, wait: w, label: describeProgram(program) } }));

type StepJson = Record<string, unknown>;

/** The id of robot `canister`'s snapshot number `index`: u64 big-endian, then the canister id `u64 ‖ 01 01`. */
export function robotSnapshotId(canister: number, index: number): string {
  const u64 = (n: number) => n.toString(16).padStart(16, '0');
  return `${u64(index)}${u64(canister)}0101`;
}
const one = (arbitrary: fc.Arbitrary<StepJson>): fc.Arbitrary<StepJson[]> => arbitrary.map((step) => [step]);

/** Steps, some of them in pairs (stopping a canister and then deleting it). */
const stepsArbitrary = (canisters: number): fc.Arbitrary<StepJson[]> => fc.oneof(
  { weight: 12, arbitrary: one(callStepArbitrary(canisters)) },
  { weight: 2, arbitrary: one(fc.integer({ min: 1, max: 3 }).map((n) => ({ tick: n }))) },
  { weight: 2, arbitrary: one(fc.record({
    canister: canisterName(canisters - 1),
    method: fc.constantFrom('stop_canister', 'start_canister', 'uninstall_code', 'canister_status'),
    wait: fc.boolean(),
  }).map(({ canister, method, wait }) => ({ manage: { method, canister, wait } }))) },
  { weight: 4, arbitrary: one(installStepArbitrary(canisters)) },
  { weight: 2, arbitrary: one(fc.record({ canister: canisterName(canisters - 1), cycles: fc.constantFrom('1000000', '100000000000') })
    .map((topUp) => ({ topUp }))) },
  { weight: 2, arbitrary: one(fc.constantFrom('1', '3600', '2592000').map((seconds) => ({ advanceTime: { seconds } }))) },
  { weight: 2, arbitrary: one(canisterName(canisters - 1).map((to) => ({ query: { to, method: 'peek' } }))) },
  // The queues' what-if (setParams): no room, room for one or two, the replica's 500 again.
  { weight: 1, arbitrary: one(fc.constantFrom('0', '1', '2', '500').map((queueCapacity) => ({ setParams: { params: { queueCapacity } } }))) },
  // A checkpoint now: whatever long execution is paused is aborted and restarts (ic-reference.md §7.7).
  { weight: 1, arbitrary: one(fc.constant({ checkpoint: {} })) },
  // The callee-traps what-if (`trap` step): the robot's next call to `run`, or to anything, traps as it begins.
  { weight: 1, arbitrary: one(fc.record({ canister: canisterName(canisters - 1), method: fc.constantFrom(undefined, 'run') })
    .map(({ canister, method }) => ({ trap: { canister, ...(method && { method }) } }))) },
  // A composite query running a program: its calls go to the other robots' `crun` (ic-reference.md §6.1).
  { weight: 2, arbitrary: one(fc.record({ to: canisterName(canisters - 1), program: programArbitrary(canisters) })
    .map(({ to, program }) => ({ query: { to, method: 'crun', arg: { hex: hex(encodeProgram(program)) }, label: describeProgram(program) } }))) },
  // A freezing threshold of ten years freezes the poorer robots.
  { weight: 1, arbitrary: one(fc.record({ canister: canisterName(canisters - 1), freezingThreshold: fc.constantFrom('0', '2592000', '315360000') })
    .map(({ canister, freezingThreshold }) => ({ manage: { method: 'update_settings', canister, settings: { freezingThreshold } } }))) },
  // Snapshots (ic-reference.md §12): taken, loaded and deleted by id (a robot's first three: the local index, then the
  // canister's id bytes); one not taken yet is the management canister's IC0305, an answer like any other.
  { weight: 2, arbitrary: one(fc.record({
    canister: fc.integer({ min: 0, max: canisters - 1 }),
    method: fc.constantFrom('take_canister_snapshot', 'take_canister_snapshot', 'load_canister_snapshot', 'delete_canister_snapshot'),
    index: fc.integer({ min: 0, max: 2 }),
    wait: fc.boolean(),
  }).map(({ canister, method, index, wait }) => ({
    manage: {
      method, canister: `r${canister}`, wait,
      ...(method !== 'take_canister_snapshot' && { snapshot: robotSnapshotId(canister, index) }),
    },
  }))) },
  // …and the undo they are for: the robot's counter set and written to stable memory, a snapshot, a call that
  // changes the robot, the snapshot loaded back.
  { weight: 2, arbitrary: fc.record({
    canister: fc.integer({ min: 0, max: canisters - 1 }), value: fc.integer({ min: 1, max: 255 }),
    program: programArbitrary(canisters), index: fc.integer({ min: 0, max: 1 }),
  }).map(({ canister, value, program, index }) => [
      { call: { to: `r${canister}`, method: 'run', arg: { hex: hex(encodeProgram([{ op: 'add', value }, { op: 'stable' }, { op: 'reply' }])) }, wait: true } },
      { manage: { method: 'take_canister_snapshot', canister: `r${canister}`, wait: true } },
      { call: { to: `r${canister}`, method: 'run', arg: { hex: hex(encodeProgram(program)) }, wait: true, label: describeProgram(program) } },
      { manage: { method: 'load_canister_snapshot', canister: `r${canister}`, snapshot: robotSnapshotId(canister, index), wait: true } },
    ]) },
  { weight: 1, arbitrary: canisterName(canisters - 1).map((canister) => [
    { manage: { method: 'stop_canister', canister, wait: true } }, { manage: { method: 'delete_canister', canister, wait: true } },
  ]) },
);

/**
 * A top-up or a planned trap of a deleted canister is a scenario error (the runner exits 2), not a canister's outcome:
 * leave those out.
 */
function withoutTopUpsOfDeleted(steps: StepJson[]): StepJson[] {
  const deleted = new Set<unknown>();
  return steps.filter((step) => {
    const manage = step.manage as { method: string; canister: string } | undefined;
    if (manage?.method === 'delete_canister') deleted.add(manage.canister);
    const target = (step.topUp ?? step.trap) as { canister: string } | undefined;
    return !(target && deleted.has(target.canister));
  });
}

/**
 * One to three robots with a few balances (down to barely above freezing), and up to ten steps (25 when hunting):
 * calls, ticks, time passing, queries, management (upgrades, reinstalls, stopping, deleting, settings, snapshots)
 * and top-ups.
 */
export const scenarioArbitrary: fc.Arbitrary<ScenarioJson> = fc.integer({ min: 1, max: 3 }).chain((canisters) =>
  fc.record({
    cycles: fc.array(fc.constantFrom('100000000000000', '2000000000000', '50000000000', '1000000000'), { minLength: canisters, maxLength: canisters }),
    steps: fc.array(stepsArbitrary(canisters), { minLength: 1, maxLength: hunting ? 25 : 10 })
      .map((groups) => withoutTopUpsOfDeleted(groups.flat())),
    // Now and then a subnet whose bounded-wait messages may take only a few bytes: they are shed (§3.7, §6.2).
    shedding: fc.constantFrom(false, false, true),
  }).map(({ cycles, steps, shedding }) => ({
    format: 'canister-playground/scenario@1',
    subnet: { preset: 'classroom', ...(shedding && { params: { subnetBestEffortMessageMemoryBytes: '16' } }) },
    canisters: cycles.map((c, i) => ({ name: `r${i}`, source: ROBOT_SOURCES.robot, cycles: c })),
    maxRounds: 60,
    steps,
  })),
);

export function parseJson(json: object): Scenario {
  const parsed = parseScenario(JSON.stringify(json));
  if (!parsed.ok) throw new Error(`generated scenario does not parse: ${parsed.error}`);
  return parsed.scenario;
}

// ---- properties: fixed seeds in CI, hunting on demand ----

/**
 * Runs an async property: `numRuns` cases from `seed`, or the hunt's numbers when set. A counterexample found
 * while hunting is saved as a regression fixture; the failure report names the seed either way.
 */
export async function checkProperty<T extends ScenarioJson>(
  name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, ci: { numRuns: number; seed: number },
): Promise<void> {
  const params = propertyParams(ci);
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), params);
  if (!details.failed) return;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  if (hunting && details.counterexample) saveRegression(`${name}-seed${params.seed}`, details.counterexample[0], error);
  throw new Error(`${fc.defaultReportMessage(details) ?? `property "${name}" failed`}\n${error}`);
}

/** Writes a counterexample as a scenario file a person can read and the CLI can run (sources as .wat files beside it). */
function saveRegression(name: string, json: ScenarioJson, error: string): void {
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  const replaced = JSON.parse(JSON.stringify(json), (_key, value) => {
    const robot = typeof value?.path === 'string' ? ROBOT_FILES[value.path] : undefined;
    if (!robot) return value;
    const file = `${value.path.replace(/\.wasm$/, '')}-${createHash('sha256').update(robot.wat).digest('hex').slice(0, 8)}.wat`;
    if (!existsSync(join(REGRESSIONS_DIR, file))) writeFileSync(join(REGRESSIONS_DIR, file), robot.wat);
    return { path: file };
  });
  const fixture = { title: name, description: `Found by the property tests: ${error.split('\n')[0]}`, ...replaced };
  writeFileSync(join(REGRESSIONS_DIR, `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
}

/** The pinned counterexamples as `[file, scenario]` pairs (their sources are read by `readSource`). */
export function loadRegressions(): [string, ScenarioJson][] {
  if (!existsSync(REGRESSIONS_DIR)) return [];
  return readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith('.json')).sort()
    .map((file) => [file, JSON.parse(readFileSync(join(REGRESSIONS_DIR, file), 'utf8'))]);
}
