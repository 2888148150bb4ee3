/**
 * Reads a scenario document (SCENARIO.md, format v1): JSON text in, a validated `Scenario` with defaults
 * applied out, or ONE message naming the place in the user's terms (`step 3 (call): "method" must be a
 * non-empty string`). Problems are reported in document order: the format, the subnet, users and canisters,
 * then each step, so the first thing a user fixes is the first thing they see.
 */
import type * as z from 'zod/mini';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { createSubnetConfig, isLiveParamName, isParamName, LIVE_PARAM_NAMES, parsePrincipalText, rangeProblem, TIME_MAX_NS } from '../engine/index.ts';

const NS_PER_SECOND = 1_000_000_000n;
import { DEFAULT_RUN_LIMITS, runLimitProblem, type RunLimits } from './runLimits.ts';
import { checkCommonSchema, checkSchemas, exerciseSchema, manageSchemas, NAME_PATTERN, scenarioRootSchema, stepSchemas } from './scenarioSchema.ts';
import {
  CHECK_KINDS,
  MANAGE_METHODS,
  SCENARIO_FORMAT,
  STEP_KINDS,
  type CanisterSpec,
  type ManageStep,
  type CheckKindName,
  type Exercise,
  type Scenario,
  type ScenarioCheck,
  type Step,
  type StepKind,
  type Source,
} from './scenarioTypes.ts';

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Name of the management canister in `to` (SCENARIO.md); reserved, so no user or canister may take it. */
const MANAGEMENT_NAME = 'ic';

export function parseScenario(text: string, limits: RunLimits = DEFAULT_RUN_LIMITS): ParseScenarioResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON: ${describeJsonError(error, text)}`);
  }
  if (!isPlainObject(document)) return fail(`a scenario must be a JSON object with "format": "${SCENARIO_FORMAT}"`);
  const formatProblem = checkFormat(document.format);
  if (formatProblem) return fail(formatProblem);

  const root = scenarioRootSchema.safeParse(document);
  if (!root.success) return fail(describeRootIssue(root.error.issues[0], document));
  const { steps: rawSteps, checks: rawChecks, exercise: rawExercise, ...rest } = root.data;
  const names = namesOf(rest.users, rest.canisters);
  const namesProblem = checkNames(rest.users, rest.canisters) ?? checkCanisterReferences(rest.canisters, names);
  if (namesProblem) return fail(namesProblem);
  // The parameters are checked here, when the scenario is read, not when it is played: a run never starts with
  // values the engine cannot compute with (paramRanges.ts).
  const subnet = rest.subnet ?? {};
  const config = createSubnetConfig(subnet.preset, BigInt(subnet.nodes ?? 13), subnet.params);
  if (!config.ok) return fail(config.error);

  const steps: Step[] = [];
  // The latest the clock can read: genesis, every round the run may execute, every advanceTime so far.
  let latestNs = config.config.params.genesisTimeNs + BigInt(limits.maxRoundsPerRun) * config.config.params.roundDurationNs;
  for (const [index, raw] of rawSteps.entries()) {
    const step = parseStep(index, raw, names);
    if (!step.ok) return step;
    if ('advanceTime' in step.step && (latestNs += BigInt(step.step.advanceTime.seconds) * NS_PER_SECOND) > TIME_MAX_NS) {
      return fail(`step ${index} (advanceTime): the clock would pass 2^64 − 1 nanoseconds (the year 2554), the last time ic0.time can tell`);
    }
    steps.push(step.step);
  }
  // Checks come last in the document and may name canisters any step deploys.
  const checks: ScenarioCheck[] = [];
  for (const [index, raw] of (rawChecks ?? []).entries()) {
    const check = parseCheck(index, raw, names);
    if (!check.ok) return check;
    checks.push(check.check);
  }
  const exercise = rawExercise === undefined ? null : parseExercise(rawExercise, rest.canisters, names, steps, checks);
  if (exercise && !exercise.ok) return exercise;
  const scenario: Scenario = {
    format: SCENARIO_FORMAT, ...rest, steps, ...(rawChecks !== undefined && { checks }), ...(exercise && { exercise: exercise.exercise }),
  };
  const overLimits = runLimitProblem(scenario, limits);
  return overLimits ? fail(overLimits) : { ok: true, scenario };
}


function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFormat(format: unknown): string | undefined {
  if (format === SCENARIO_FORMAT) return undefined;
  if (format === undefined) return `missing "format": a scenario starts with "format": "${SCENARIO_FORMAT}"`;
  if (typeof format === 'string') {
    return `unknown format "${format}": this version of Canister Playground reads "${SCENARIO_FORMAT}"`;
  }
  return `"format" must be "${SCENARIO_FORMAT}"`;
}

/**
 * JSON.parse messages differ between engines; most give a character position but not all give a line and
 * column, which is what a person editing the file needs.
 */
/**
 * V8's message for the first syntax error, with where it is as line and column (1-based): V8 gives an offset for
 * some errors and none for others ("Unexpected token '}', ... is not valid JSON"), so the place is found by
 * jsonc-parser's scanner, in strict mode (no comments, no trailing commas), which stops where JSON.parse did.
 */
function describeJsonError(error: unknown, text: string): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, '');
  const position = / at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : firstJsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.replace(/( in)? JSON at position \d+.*$/s, (_, inJson) => (inJson ? '' : ' JSON'))} (line ${line}, column ${column})`;
}

/** Arrays and objects nested deeper than this are not parsed again to find an error: jsonc-parser recurses. */
const MAX_LOCATED_NESTING = 1000;

function firstJsonErrorOffset(text: string): number {
  const tooDeep = offsetPastNesting(text, MAX_LOCATED_NESTING);
  if (tooDeep !== null) return tooDeep;
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // A loop, not `Math.min(...)`: garbage of a few megabytes gives more errors than a call's arguments can hold.
  return errors.reduce((first, e) => Math.min(first, e.offset), text.length);
}

/**
 * Where the text first opens an array or object `limit` levels deep (outside strings), or null: one pass, no
 * recursion. A text that deep has its error there or after it, and no scenario is nested so deep, so that is the
 * place to name.
 */
function offsetPastNesting(text: string, limit: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}') depth--;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Places

type Path = readonly PropertyKey[];

/** `settings.controllers[1]`: a path inside one object, as a user would write it. */
function fieldPath(path: Path): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

function canisterPlace(index: number, document: Record<string, unknown>): string {
  const canisters = document.canisters;
  const entry = Array.isArray(canisters) ? canisters[index] : undefined;
  const name = isPlainObject(entry) ? entry.name : undefined;
  return typeof name === 'string' && NAME_PATTERN.test(name) ? `canister "${name}"` : `canister ${index}`;
}

function describeRootIssue(issue: z.core.$ZodIssue, document: Record<string, unknown>): string {
  const [first, second, ...rest] = issue.path;
  if (first === 'canisters' && typeof second === 'number') {
    const place = canisterPlace(second, document);
    return rest.length === 0 ? `${place}: ${issue.message}` : `${place}: ${fieldPath(rest)} ${issue.message}`;
  }
  return issue.path.length === 0 ? `the scenario ${issue.message}` : `${fieldPath(issue.path)}: ${issue.message}`;
}

function describeStepIssue(index: number, kind: string, issue: z.core.$ZodIssue): string {
  return describeIssueAt(`step ${index} (${kind})`, issue);
}

function describeIssueAt(place: string, issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? `${place}: ${issue.message}` : `${place}: "${fieldPath(issue.path)}" ${issue.message}`;
}

// ---------------------------------------------------------------------------------------------------------
// Names and references

/** Sets, not lists: a classroom scenario may name 100,000 users, and every step looks names up. */
interface Names {
  readonly users: ReadonlySet<string>;
  /** Grows as `deploy` steps name new canisters: later steps may use them. */
  readonly canisters: Set<string>;
}

function namesOf(users: readonly string[], canisters: readonly CanisterSpec[]): Names {
  return { users: new Set(users), canisters: new Set(canisters.map((c) => c.name)) };
}

/** A `deploy` step's canister: a new, unambiguous name and known controllers; then later steps may use it. */
function checkDeploy(spec: CanisterSpec, names: Names): string | undefined {
  if (names.canisters.has(spec.name)) return `canister "${spec.name}": the name is already used`;
  if (names.users.has(spec.name)) return `canister "${spec.name}": the name is already used by a user`;
  const problem = reservedNameProblem(spec.name);
  if (problem) return `canister "${spec.name}": the name ${problem}`;
  const controllers = checkCanisterReferences([spec], names);
  if (controllers) return controllers;
  names.canisters.add(spec.name);
  return undefined;
}

/**
 * Names must be unambiguous wherever a step may use them: unique, not both a user and a canister, not `"ic"`,
 * and not themselves principal text (a canister named `aaaaa-aa` would shadow the management canister's id).
 */
function checkNames(users: readonly string[], canisters: readonly CanisterSpec[]): string | undefined {
  const seenUsers = new Set<string>();
  for (const user of users) {
    if (seenUsers.has(user)) return `users: "${user}" is listed twice`;
    seenUsers.add(user);
    const problem = reservedNameProblem(user);
    if (problem) return `users: "${user}" ${problem}`;
  }
  const firstCanister = new Map<string, number>();
  for (const [i, { name }] of canisters.entries()) {
    const first = firstCanister.get(name);
    if (first !== undefined) return `canister "${name}": the name is already used by canister ${first}`;
    firstCanister.set(name, i);
    if (seenUsers.has(name)) return `canister "${name}": the name is already used by a user`;
    const problem = reservedNameProblem(name);
    if (problem) return `canister "${name}": the name ${problem}`;
  }
  return undefined;
}

function reservedNameProblem(name: string): string | undefined {
  if (name === MANAGEMENT_NAME) return `is reserved: "${MANAGEMENT_NAME}" means the management canister`;
  if (parsePrincipalText(name).ok) return 'is principal text, so it could not be told apart from that principal';
  return undefined;
}

function checkCanisterReferences(canisters: readonly CanisterSpec[], names: Names): string | undefined {
  for (const canister of canisters) {
    for (const controller of canister.controllers ?? []) {
      if (!isController(controller, names)) {
        return `canister "${canister.name}": unknown controller "${controller}" (expected ${controllerChoices(names)})`;
      }
    }
  }
  return undefined;
}

const isPrincipalText = (text: string) => parsePrincipalText(text).ok;

function isController(reference: string, names: Names): boolean {
  return names.users.has(reference) || names.canisters.has(reference) || isPrincipalText(reference);
}

function controllerChoices(names: Names): string {
  const canisters = names.canisters.size ? ` (${list(names.canisters)})` : '';
  return `a user name (${list(names.users)}), a canister name${canisters} or principal text`;
}

/** Names in a message: the first ten, then how many more (a message listing 100,000 users helps no one). */
function list(items: Iterable<string>): string {
  const all = [...items];
  const shown = all.slice(0, 10).join(', ');
  return all.length > 10 ? `${shown} and ${all.length - 10} more` : shown;
}

/** `from`: who sends an ingress message. Canisters cannot send ingress messages, so their names are refused. */
function checkSender(from: string | undefined, names: Names): string | undefined {
  if (from === undefined || names.users.has(from) || isPrincipalText(from)) return undefined;
  if (names.canisters.has(from)) return `"from" must be a user, not canister "${from}" (users: ${list(names.users)})`;
  return `unknown user "${from}" (users: ${list(names.users)})`;
}

/** A canister to call or manage; `"ic"` (the management canister) only where `allowManagement`. */
function checkCanister(target: string, names: Names, allowManagement: boolean): string | undefined {
  if (names.canisters.has(target) || isPrincipalText(target)) return undefined;
  if (allowManagement && target === MANAGEMENT_NAME) return undefined;
  const known = names.canisters.size ? ` (canisters: ${list(names.canisters)})` : ' (no canisters are declared)';
  return `unknown canister "${target}"${known}`;
}

// ---------------------------------------------------------------------------------------------------------
// Steps

type StepResult = { ok: true; step: Step } | { ok: false; error: string };
type StepParser = (index: number, value: unknown, names: Names) => StepResult;

const STEP_EXAMPLE = '{"tick": 1}';

function parseStep(index: number, raw: unknown, names: Names): StepResult {
  if (!isPlainObject(raw)) return fail(`step ${index}: must be an object naming its kind, such as ${STEP_EXAMPLE}`);
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    const found = keys.length === 0 ? 'none' : keys.map((k) => `"${k}"`).join(', ');
    return fail(`step ${index}: a step has exactly one key, its kind (one of ${list(STEP_KINDS)}); found ${found}`);
  }
  const kind = keys[0];
  if (!isStepKind(kind)) return fail(`step ${index}: unknown step kind "${kind}" (expected one of ${list(STEP_KINDS)})`);
  return STEP_PARSERS[kind](index, raw[kind], names);
}

/** Parses with `schema`; on success `finish` checks references and builds the step. */
function stepParser<T>(
  kind: StepKind,
  schema: z.ZodMiniType<T>,
  finish: (value: T, names: Names) => { problem: string } | { step: Step },
): StepParser {
  return (index, value, names) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return fail(describeStepIssue(index, kind, parsed.error.issues[0]));
    const finished = finish(parsed.data, names);
    return 'step' in finished ? { ok: true, step: finished.step } : fail(`step ${index} (${kind}): ${finished.problem}`);
  };
}

/** A finished step, or the first reference problem. */
const checked = (step: Step, ...problems: (string | undefined)[]) => {
  const problem = problems.find((p) => p !== undefined);
  return problem === undefined ? { step } : { problem };
};

const STEP_PARSERS: Record<StepKind, StepParser> = {
  call: stepParser('call', stepSchemas.call, (call, names) =>
    checked({ call }, checkSender(call.from, names), checkCanister(call.to, names, true)),
  ),
  query: stepParser('query', stepSchemas.query, (query, names) =>
    checked({ query }, checkSender(query.from, names), checkCanister(query.to, names, true)),
  ),
  tick: stepParser('tick', stepSchemas.tick, (tick) => checked({ tick })),
  advanceTime: stepParser('advanceTime', stepSchemas.advanceTime, (advanceTime) => checked({ advanceTime })),
  topUp: stepParser('topUp', stepSchemas.topUp, (topUp, names) => checked({ topUp }, checkCanister(topUp.canister, names, false))),
  deploy: stepParser('deploy', stepSchemas.deploy, (deploy, names) => checked({ deploy } as Step, checkDeploy(deploy as CanisterSpec, names))),
  manage: parseManage,
  setParams: stepParser('setParams', stepSchemas.setParams, (setParams) => checked({ setParams }, checkLiveParams(setParams.params))),
  checkpoint: stepParser('checkpoint', stepSchemas.checkpoint, (checkpoint) => checked({ checkpoint })),
  trap: stepParser('trap', stepSchemas.trap, (trap, names) => checked({ trap }, checkCanister(trap.canister, names, false))),
};

/** Only parameters the subnet reads as it goes may change during a run, each within its range. */
function checkLiveParams(params: Record<string, string>): string | undefined {
  const names = Object.keys(params);
  if (names.length === 0) return 'params names no parameter; give at least one, such as {"queueCapacity": "0"}';
  for (const name of names) {
    if (!isLiveParamName(name)) {
      const kind = isParamName(name) ? 'is fixed for a run (set it in subnet.params)' : 'is not an engine parameter';
      return `params.${name} ${kind}; a run may change only ${LIVE_PARAM_NAMES.join(', ')}`;
    }
    const problem = rangeProblem(name, BigInt(params[name]));
    if (problem) return `params.${name}: ${problem}`;
  }
  return undefined;
}

function isStepKind(key: string): key is StepKind {
  return (STEP_KINDS as readonly string[]).includes(key);
}

function parseManage(index: number, value: unknown, names: Names): StepResult {
  const place = `step ${index} (manage)`;
  if (!isPlainObject(value)) return fail(`${place}: must be an object such as {"method": "start_canister", "canister": "counter"}`);
  const method = value.method;
  if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(manageSchemas, method)) {
    const shown = typeof method === 'string' ? `unknown method "${method}"` : '"method" must be a string';
    return fail(`${place}: ${shown} (expected one of ${list(MANAGE_METHODS)})`);
  }
  const parsed = manageSchemas[method as keyof typeof manageSchemas].safeParse(value);
  if (!parsed.success) return fail(describeStepIssue(index, 'manage', parsed.error.issues[0]));
  const manage: ManageStep = parsed.data;
  const unknownController = (manage.settings?.controllers ?? []).find((c) => !isController(c, names));
  const visibility = manage.settings?.logVisibility;
  const unknownViewer = (typeof visibility === 'object' ? visibility.allowedViewers : []).find((c) => !isController(c, names));
  const problem =
    checkSender(manage.from, names) ??
    checkCanister(manage.canister, names, false) ??
    (manage.store === undefined ? undefined : checkCanister(manage.store, names, false)?.replace(/^/, '"store": ')) ??
    (unknownController === undefined
      ? undefined
      : `unknown controller "${unknownController}" in "settings.controllers" (expected ${controllerChoices(names)})`) ??
    (unknownViewer === undefined
      ? undefined
      : `unknown allowed viewer "${unknownViewer}" in "settings.logVisibility" (expected ${controllerChoices(names)})`);
  return problem === undefined ? { ok: true, step: { manage } } : fail(`${place}: ${problem}`);
}

// ---------------------------------------------------------------------------------------------------------
// Checks

const CHECK_EXAMPLE = '{"canister": {"name": "counter", "frozen": false}, "when": "everyRound"}';
const isCheckKind = (key: string): key is CheckKindName => (CHECK_KINDS as readonly string[]).includes(key);

/** A check: one key naming its kind, `label` and `when` beside it; its references must name what the scenario has. */
function parseCheck(index: number, raw: unknown, names: Names): { ok: true; check: ScenarioCheck } | { ok: false; error: string } {
  if (!isPlainObject(raw)) return fail(`check ${index}: must be an object naming its kind, such as ${CHECK_EXAMPLE}`);
  const kinds = Object.keys(raw).filter((key) => key !== 'label' && key !== 'when');
  if (kinds.length !== 1 || !isCheckKind(kinds[0])) {
    const found = kinds.length === 0 ? 'none' : kinds.map((k) => `"${k}"`).join(', ');
    return fail(`check ${index}: a check has one key naming its kind (one of ${list(CHECK_KINDS)}) beside "label" and "when"; found ${found}`);
  }
  const kind = kinds[0];
  const place = `check ${index} (${kind})`;
  const common = checkCommonSchema.safeParse(raw);
  if (!common.success) return fail(describeIssueAt(place, common.error.issues[0]));
  const parsed = checkSchemas[kind].safeParse(raw[kind]);
  if (!parsed.success) return fail(describeIssueAt(place, parsed.error.issues[0]));
  const body = parsed.data as Record<string, unknown>;
  const problem = checkReferencesOf(kind, body, names);
  if (problem) return fail(`${place}: ${problem}`);
  const { label, when } = common.data;
  return { ok: true, check: { [kind]: body, ...(label !== undefined && { label }), ...(when !== undefined && { when }) } as ScenarioCheck };
}

type Queried = { from?: string; to: string };

function checkReferencesOf(kind: CheckKindName, body: Record<string, unknown>, names: Names): string | undefined {
  const queried = (query: Queried) => checkSender(query.from, names) ?? checkCanister(query.to, names, true);
  if (kind === 'query') return queried(body as Queried);
  if (kind === 'constantSum') {
    for (const [i, query] of (body.queries as Queried[]).entries()) {
      const problem = queried(query);
      if (problem) return `queries[${i}]: ${problem}`;
    }
    return undefined;
  }
  return checkCanister(String(kind === 'canister' ? body.name : body.canister), names, false);
}

// ---------------------------------------------------------------------------------------------------------
// Exercises

/**
 * An exercise: its canister is one the set-up installs from text (the learner's code replaces it), its solution is
 * text too, its own steps parse as steps do, and something judges it — a step's `expect` or a check.
 */
function parseExercise(
  raw: unknown, canisters: readonly CanisterSpec[], names: Names, steps: readonly Step[], checks: readonly ScenarioCheck[],
): { ok: true; exercise: Exercise } | { ok: false; error: string } {
  const parsed = exerciseSchema.safeParse(raw);
  if (!parsed.success) return fail(describeIssueAt('exercise', parsed.error.issues[0]));
  const { steps: rawSteps, ...fields } = parsed.data;
  const canister = canisters.find((c) => c.name === fields.canister);
  if (!canister) return fail(`exercise: "canister" must name a canister of "canisters" (the starter code's), not "${fields.canister}"`);
  const notText = (source: Source) => !('wat' in source || 'motoko' in source || 'path' in source);
  if (notText(canister.source)) return fail(`exercise: canister "${canister.name}" must have WAT or Motoko source (the starter code the learner edits), not a Wasm module`);
  if (fields.solution && notText(fields.solution)) return fail('exercise: "solution" must be WAT or Motoko source, not a Wasm module');
  let judged: Step[] | undefined;
  if (rawSteps) {
    // Its steps see the names the set-up gives, and their own deploys; not those of the scenario's steps.
    const own: Names = { users: names.users, canisters: new Set(canisters.map((c) => c.name)) };
    judged = [];
    for (const [index, rawStep] of rawSteps.entries()) {
      const step = parseStep(index, rawStep, own);
      if (!step.ok) return fail(`exercise: ${step.error}`);
      judged.push(step.step);
    }
  }
  const judging = [...(judged ?? steps)].some((step) => ('call' in step && step.call.expect) || ('query' in step && step.query.expect) || ('manage' in step && step.manage.expect));
  if (!judging && checks.length === 0) return fail('exercise: nothing judges it: give a step an "expect", or the scenario "checks"');
  return { ok: true, exercise: { ...fields, ...(judged && { steps: judged }) } };
}
