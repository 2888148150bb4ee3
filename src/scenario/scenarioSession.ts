/**
 * A scenario being played: the subnet after set-up, and the outcomes of the steps applied so far (their reports).
 * The headless runner applies all of a scenario's steps and drains; the browser's player (`scenarioPlayer.ts`)
 * starts each step and runs its rounds one by one, and owns the script those steps come from.
 */
import { createSubnetConfig, initWat, watCompilerNeeded, scenarioCanisterLimitError, Subnet, type QueryResult, type Reject, type SubnetCheckpoint } from '../engine/index.ts';
import { argToBytes } from './argToBytes.ts';
import {
  compileStepSource, loadScenario, rememberGlobalNames, resolvePrincipal, stepHasSource, type LoadedScenario, type ReadSource,
} from './loadScenario.ts';
import { manageArg } from './manageArg.ts';
import { chunkedInstallMessages, installsInChunks, type ManagementMessage } from './chunkedInstall.ts';
import { resolveSnapshotRef } from './resolveSnapshotRef.ts';
import { compileMotokoSources, scenarioSources, stepSources, type MotokoModules } from './compileMotokoSources.ts';
import type { MotokoCompiler } from '../motoko/motokoCompiler.ts';
import { callCandid, expectedArgs, expectedInitArgs, type CallCandid } from './callCandid.ts';
import {
  buildReport, buildTraceReport, outcomeExpectations, queryStepReport, renderStep, reportExpectations, type RunEnd, type StepOutcome,
} from './buildReport.ts';
import { CheckMonitor, type CheckViolation, type MonitorState } from './checkMonitor.ts';
import type { CheckExpectationReport, ExpectationReport, Report, StepReport, TraceReport } from './reportTypes.ts';
import { DEFAULT_RUN_LIMITS, limitReachedAt, type LimitReached, type RunLimits } from './runLimits.ts';
import type { Arg, CanisterSpec, Scenario, Source, Step } from './scenarioTypes.ts';

export interface RunOptions {
  readonly readSource?: ReadSource;
  /** Compiles `motoko` sources (Node: `nodeMotokoCompiler`; the app: its Motoko worker). */
  readonly motoko?: MotokoCompiler;
  /** The runner's limits (runLimits.ts); lower ones for a caller with less memory, or a test. */
  readonly limits?: RunLimits;
  /** Told after every round (the runner's progress on a terminal); it must not change the subnet. */
  readonly onRound?: (subnet: Subnet) => void;
}

/** A canister's balance when its `cycles` is absent: 100 T (SCENARIO.md). */
const DEFAULT_CYCLES = 100_000_000_000_000n;
const DEFAULT_MAX_ROUNDS = 1000;
/** A `trap` step's message when it names none. */
const DEFAULT_TRAP_MESSAGE = 'What if: this call traps';

/** A session's state at a round (`checkpoint`, `restore`): the subnet's checkpoint and the session's records. */
export interface SessionCheckpoint {
  readonly subnet: SubnetCheckpoint;
  /** The reports' outcomes: the first `outcomeCount` of an append-only array. */
  readonly outcomes: readonly StepOutcome[];
  readonly outcomeCount: number;
  readonly principals: Readonly<Record<string, string>>;
  readonly limitReached: LimitReached | null;
  /** What the scenario's checks have seen so far. */
  readonly checks: MonitorState;
}

/** A call or management call that waits for its response (`"wait": true`). */
export function stepWaits(step: Step): boolean {
  return ('call' in step && step.call.wait === true) || ('manage' in step && step.manage.wait === true);
}

export type StartResult = { ok: true; session: ScenarioSession } | { ok: false; error: string };
export type ApplyResult = { ok: true; outcome: StepOutcome } | { ok: false; error: string };

export class ScenarioSession {
  /** Append-only while shared with checkpoints: `unstartLast` replaces it rather than shortening it. */
  private outcomes: StepOutcome[] = [];
  /** Whether a checkpoint holds `outcomes` (so that it may only grow). */
  private outcomesInCheckpoint = false;
  /** The runner's limit that cut the run short, once one has (runLimits.ts); no round runs after it. */
  private cutShort: LimitReached | null = null;

  get limitReached(): LimitReached | null {
    return this.cutShort;
  }

  /** The scenario's checks, judged after set-up and after every round (`checkMonitor.ts`). */
  private readonly monitor: CheckMonitor;

  private constructor(readonly subnet: Subnet, readonly loaded: LoadedScenario, private readonly options: RunOptions = {}, checks?: MonitorState) {
    this.monitor = new CheckMonitor(loaded.scenario.checks ?? [], checks);
  }

  /** Validates the scenario (every source compiles, every name resolves), sets up its canisters; applies no step. */
  static async start(scenario: Scenario, options: RunOptions = {}): Promise<StartResult> {
    await loadWatCompilerFor(scenarioSources(scenario));
    const motokoWasm: MotokoModules = new Map();
    const compiled = await compileMotokoSources(scenarioSources(scenario), options.motoko, motokoWasm, options.readSource);
    if (!compiled.ok) return compiled;
    const load = loadScenario(scenario, options.readSource, motokoWasm);
    if (!load.ok) return load;
    const subnetSpec = scenario.subnet ?? {};
    const config = createSubnetConfig(subnetSpec.preset ?? 'ic', BigInt(subnetSpec.nodes ?? 13), subnetSpec.params ?? {});
    if (!config.ok) return config;
    const subnet = new Subnet(config.config);
    const setUp = setUpCanisters(subnet, load.loaded);
    if (!setUp.ok) return setUp;
    const session = new ScenarioSession(subnet, load.loaded, options);
    session.monitor.atRound(subnet, load.loaded);
    return { ok: true, session };
  }

  /**
   * Compiles the Motoko source of a step about to be started (`start` is synchronous, moc is not). Applied steps
   * and steps of the scenario need nothing: their sources were compiled when the session started.
   */
  async prepare(step: Step): Promise<{ ok: true } | { ok: false; error: string }> {
    await loadWatCompilerFor(stepSources(step));
    const compiled = await compileMotokoSources(stepSources(step), this.options.motoko, this.loaded.motokoWasm, this.options.readSource);
    return compiled.ok ? compiled : { ok: false, error: `step ${this.outcomes.length}: ${compiled.error}` };
  }

  get maxRounds(): number {
    return this.loaded.scenario.maxRounds ?? DEFAULT_MAX_ROUNDS;
  }

  /** Applies one step (its index is the next one) and records it: its instant part, then its rounds. */
  apply(step: Step): ApplyResult {
    const result = this.start(step);
    if (!result.ok) return result;
    for (let done = 0; this.roundsLeft(step, done) > 0; done++) this.runRound();
    return result;
  }

  /** Executes one round, then judges the checks judged at every round. */
  runRound(): void {
    this.subnet.executeRound();
    this.monitor.atRound(this.subnet, this.loaded);
    this.options.onRound?.(this.subnet);
  }

  /**
   * Applies the instant part of a step and records it: a `tick` executes no round here, and a call or management
   * call with `"wait": true` is only submitted. Its rounds are the caller's to run (`roundsLeft`): the app's player
   * stops between any two of them (issue "lessons that play forward": every round is reachable).
   */
  start(step: Step): ApplyResult {
    const index = this.outcomes.length;
    if (stepHasSource(step) && !this.loaded.stepWasm.has(index)) {
      const compiled = compileStepSource(step, index, this.options.readSource, this.loaded.motokoWasm);
      if (!compiled.ok) return compiled;
      rememberGlobalNames(this.loaded.globalNames, compiled);
      this.loaded.stepWasm.set(index, compiled.bytes);
    }
    const result = applyStep(this.subnet, this.loaded, index, step);
    if (!result.ok) return result;
    this.outcomes.push(result.outcome);
    return result;
  }

  /**
   * How many more rounds the last started step wants after `done` of its rounds ran: the rest of a `tick`; for a
   * waiting call, one more while it has no response and fewer than `maxRounds` ran; otherwise none.
   */
  roundsLeft(step: Step, done: number): number {
    const wanted = this.roundsWanted(step, done);
    return wanted > 0 && this.mayRunRound(this.outcomes.length - 1) ? wanted : 0;
  }

  private roundsWanted(step: Step, done: number): number {
    if ('tick' in step) return Math.max(0, step.tick - done);
    const outcome = this.outcomes.at(-1);
    if (!stepWaits(step) || outcome?.type !== 'ingress') return 0;
    return this.subnet.ingress(outcome.messageId)!.completedRound === null && done < this.maxRounds ? 1 : 0;
  }

  /** Forgets the last started step, which has done nothing yet (a tick whose first round has not run). */
  unstartLast(): void {
    // Checkpoints keep a count of this array's outcomes, which they take to be append-only: the first removal after
    // one was taken copies (each Step to a tick came here, and copied every outcome of the workspace).
    if (this.outcomesInCheckpoint) this.outcomes = this.outcomes.slice(0, -1);
    else this.outcomes.pop();
    this.outcomesInCheckpoint = false;
  }

  /** A checkpoint of the session (subnet, steps, reports, names), or null while a long message is paused. */
  checkpoint(previous: SessionCheckpoint | null): SessionCheckpoint | null {
    const subnet = this.subnet.checkpoint(previous?.subnet ?? null);
    if (!subnet) return null;
    this.outcomesInCheckpoint = true;
    return {
      subnet, outcomes: this.outcomes, outcomeCount: this.outcomes.length, principals: { ...this.loaded.principals }, limitReached: this.limitReached,
      checks: this.monitor.state(),
    };
  }

  /**
   * A session as it was at `checkpoint`, for the same scenario as `this` (its compiled sources are shared). With
   * `replacing`, `this` is not used afterwards: its canisters' instances are reused.
   */
  restore(checkpoint: SessionCheckpoint, replacing = false): ScenarioSession {
    const loaded: LoadedScenario = { ...this.loaded, principals: { ...checkpoint.principals } };
    const subnet = Subnet.fromCheckpoint(checkpoint.subnet, this.subnet.state.config, replacing ? this.subnet : null);
    const session = new ScenarioSession(subnet, loaded, this.options, checkpoint.checks);
    // A copy, not `push(...)`: spreading 30,000 outcomes overflowed the stack of Chromium's worker (a seek crashed).
    session.outcomes = checkpoint.outcomes.slice(0, checkpoint.outcomeCount);
    session.cutShort = checkpoint.limitReached;
    return session;
  }

  /** Forgets compiled sources of steps from `index` on: another script's steps take those indices now. */
  forgetStepsFrom(index: number): void {
    for (const key of [...this.loaded.stepWasm.keys()]) if (key >= index) this.loaded.stepWasm.delete(key);
  }

  /**
   * Rounds until the subnet is idle, or busy only with what heartbeats and timers keep setting off (which never
   * ends by itself: SCENARIO.md, report field `periodicTasks`), at most `maxRounds`; returns whether it is idle.
   */
  drain(maxRounds = this.maxRounds): boolean {
    for (let i = 0; i < maxRounds && !this.subnet.isSettled() && this.mayRunRound(this.outcomes.length); i++) this.runRound();
    return this.subnet.isIdle();
  }

  /**
   * Whether the runner's limits leave room for one more round (runLimits.ts): the rounds of the whole run, counted
   * whatever asked for them (ticks, waiting calls, the drain), and the events its trace holds. The first time they
   * do not, the run records why, on behalf of `step`, and runs no round again.
   */
  private mayRunRound(step: number): boolean {
    if (this.cutShort) return false;
    const { round, trace, totals } = this.subnet.state;
    const limits = this.options.limits ?? DEFAULT_RUN_LIMITS;
    // The checks' queries count: they are executions of the run too, though the totals leave them out.
    const limit = round >= limits.maxRoundsPerRun ? 'rounds'
      : trace.length >= limits.maxTraceEvents ? 'events'
        : totals.instructions + this.monitor.instructions >= limits.maxInstructionsPerRun ? 'instructions'
          : totals.systemApiCalls + this.monitor.systemApiCalls >= limits.maxSystemApiCallsPerRun ? 'systemApiCalls' : null;
    if (limit) this.cutShort = limitReachedAt(limits, limit, round, step);
    return limit === null;
  }

  /** Reports of every step applied so far, as they stand now. */
  stepReports(): StepReport[] {
    return this.outcomes.map((outcome) => renderStep(this.subnet, outcome));
  }

  /** Steps applied so far. */
  get stepCount(): number {
    return this.outcomes.length;
  }

  /** The report of step `index` (< `stepCount`) as it stands now. */
  stepReportAt(index: number): StepReport {
    return renderStep(this.subnet, this.outcomes[index]);
  }

  /** The report of step `index` with its expectations checked against it (`StepReport.expectations`), as the app shows it. */
  stepReportWithExpectationsAt(index: number): StepReport {
    const outcome = this.outcomes[index];
    const report = renderStep(this.subnet, outcome);
    const expectations = outcomeExpectations(outcome, report);
    return expectations ? { ...report, expectations } : report;
  }

  stepReport(outcome: StepOutcome): StepReport {
    return renderStep(this.subnet, outcome);
  }

  /** The scenario's checks as they stand now (null: it has none); a check judged at every round reports its first failure. */
  checkReports(): CheckExpectationReport[] | null {
    return this.loaded.scenario.checks ? this.monitor.reports(this.subnet, this.loaded) : null;
  }

  /** The first failure of each check judged at every round that failed so far, by round, then by check. */
  violations(): CheckViolation[] {
    return this.monitor.failures();
  }

  /** Every expectation of the steps so far, then every check, as they stand now (the report's `expectations`). */
  expectations(): ExpectationReport[] {
    return reportExpectations(this.outcomes, this.stepReports(), this.checkReports()) ?? [];
  }

  report(): Report {
    return buildReport(this.subnet, this.loaded, this.outcomes, this.runEnd());
  }

  /** The report for `reportToJson` (the same JSON, without a copy of every event). */
  traceReport(): TraceReport {
    return buildTraceReport(this.subnet, this.loaded, this.outcomes, this.runEnd());
  }

  private runEnd(): RunEnd {
    return { idle: this.subnet.isIdle(), limitReached: this.limitReached, checks: this.checkReports() };
  }
}

function setUpCanisters(subnet: Subnet, loaded: LoadedScenario): { ok: true } | { ok: false; error: string } {
  // More canisters than the playground can hold is refused before any is made (params.ts `maxCanisters`).
  const tooMany = scenarioCanisterLimitError(subnet.state.config, loaded.scenario.canisters.length);
  if (tooMany) return { ok: false, error: `canisters: ${tooMany}` };
  for (const spec of loaded.scenario.canisters) {
    const deployed = deployCanister(subnet, loaded, spec, loaded.canisterWasm.get(spec.name)!);
    if (!deployed.ok) return { ok: false, error: deployed.error };
    // A canister of the set-up that cannot be installed would make every later step misleading: say so instead.
    // (To show a failing install, install it with a `manage` step.)
    if (deployed.reject) {
      const why = deployed.reject.errorCode === 'IC0512'
        ? 'has no controller to install its code; list one in "controllers"'
        : `could not be installed: ${deployed.reject.errorCode} ${deployed.reject.message.replace(/^Error from Canister \S+: /, '')}`;
      return { ok: false, error: `canister "${spec.name}": ${why}` };
    }
  }
  return { ok: true };
}

type Deployed = { ok: true; id: string; reject: Reject | null } | { ok: false; error: string };

/** Who controls, pays for and installs a canister of the scenario, and its init argument's bytes (`canisterCreation`). */
export interface CanisterCreation {
  readonly controllers: string[];
  readonly cycles: bigint;
  /** Its first controller, or the first user for a canister with no controllers. */
  readonly installer: string;
  readonly initArg: Uint8Array;
}

/**
 * How a canister of the scenario is created and installed (`deployCanister`; an export replays it the same way,
 * src/export/replayPlan.ts), or why it cannot be.
 */
export function canisterCreation(loaded: LoadedScenario, spec: CanisterSpec, wasm: Uint8Array): CanisterCreation | string {
  const controllers: string[] = [];
  for (const name of spec.controllers ?? [loaded.scenario.users[0]]) {
    const principal = resolvePrincipal(loaded, name);
    if (!principal) return `unknown controller "${name}"`;
    controllers.push(principal);
  }
  const arg = argToBytes(spec.initArg, candidArg(spec.initArg) ? expectedInitArgs(wasm) : null);
  if (!arg.ok) return `initArg: ${arg.error}`;
  return {
    controllers,
    cycles: spec.cycles === undefined ? DEFAULT_CYCLES : BigInt(spec.cycles),
    installer: controllers[0] ?? loaded.principals[loaded.scenario.users[0]],
    initArg: arg.bytes,
  };
}

/** Creates a canister of the scenario (no creation fee, as a development subnet's provisional creation) and installs it. */
function deployCanister(subnet: Subnet, loaded: LoadedScenario, spec: CanisterSpec, wasm: Uint8Array): Deployed {
  const creation = canisterCreation(loaded, spec, wasm);
  if (typeof creation === 'string') return { ok: false, error: `canister "${spec.name}": ${creation}` };
  const { controllers, cycles, installer, initArg } = creation;
  const settings = spec.settings ?? {};
  const id = subnet.createCanister({
    controllers,
    cycles,
    settings: {
      ...(settings.freezingThreshold !== undefined && { freezingThreshold: BigInt(settings.freezingThreshold) }),
      ...(settings.computeAllocation !== undefined && { computeAllocation: BigInt(settings.computeAllocation) }),
      ...(settings.memoryAllocation !== undefined && { memoryAllocation: BigInt(settings.memoryAllocation) }),
      ...(settings.reservedCyclesLimit !== undefined && { reservedCyclesLimit: BigInt(settings.reservedCyclesLimit) }),
      ...(settings.wasmMemoryLimit !== undefined && { wasmMemoryLimit: BigInt(settings.wasmMemoryLimit) }),
      ...(settings.environmentVariables !== undefined && { environmentVariables: Object.entries(settings.environmentVariables) }),
    },
  });
  loaded.principals[spec.name] = id;
  // A module too large for one message is installed in chunks, as dfx and icp-cli do (`chunkedInstall.ts`).
  const result = installsInChunks(wasm, initArg)
    ? subnet.installCodeInChunks(id, installer, 'install', wasm, initArg)
    : subnet.installCode(id, installer, 'install', wasm, initArg);
  return { ok: true, id, reject: result.ok ? null : result.reject };
}

type StepResult = ApplyResult;
const done = (report: StepReport): StepResult => ({ ok: true, outcome: { type: 'done', report } });

/** A step that cannot be applied, named by its index and kind. */
function stepFailure(index: number, kind: string, message: string): StepResult {
  return { ok: false, error: `step ${index} (${kind}): ${message}` };
}

/** The sender of a step: the named user or principal, or the first user when none is named. */
function senderOf(loaded: LoadedScenario, index: number, kind: string, name: string | undefined): string | StepResult {
  return resolvePrincipal(loaded, name ?? loaded.scenario.users[0]) ?? stepFailure(index, kind, `unknown sender "${name}"`);
}

/**
 * Applies one step. Plain functions rather than closures made per step: a scenario may have tens of thousands of
 * steps, and closures are costly to make under tsx, which the CLI runs on (BENCHMARKS.md, issue #5).
 */
function applyStep(subnet: Subnet, loaded: LoadedScenario, index: number, step: Step): StepResult {
  if ('call' in step || 'manage' in step) {
    const kind = 'call' in step ? 'call' : 'manage';
    const request = 'call' in step ? callRequest(subnet, loaded, step.call) : manageRequest(subnet, loaded, index, step.manage);
    if (typeof request === 'string') return stepFailure(index, kind, request);
    const from = senderOf(loaded, index, kind, request.from);
    if (typeof from !== 'string') return from;
    const send = (message: ManagementMessage): number => subnet.submitIngress({ sender: from, receiver: request.to, method: message.method, arg: message.arg });
    for (const message of request.preceding ?? []) send(message);
    const id = send(request);
    for (const message of request.following ?? []) send(message);
    const candid = request.candid && { candid: request.candid };
    const expect = 'call' in step ? step.call.expect : step.manage.expect;
    const expected = expect && { expect, method: request.method };
    return { ok: true, outcome: { type: 'ingress', step: index, kind, messageId: id, label: request.label, ...candid, ...expected } };
  }
  if ('query' in step) {
    const q = step.query;
    const request = queryRequest(subnet, loaded, q);
    if (typeof request === 'string') return stepFailure(index, 'query', request);
    const { sender, receiver, arg, candid } = request;
    const result: QueryResult = subnet.query(sender, receiver, q.method, arg);
    const report = queryStepReport(index, result, subnet.state.round, candid);
    return { ok: true, outcome: { type: 'done', report, ...(q.expect && { expect: q.expect, method: q.method, ...(candid && { candid }) }) } };
  }
  if ('tick' in step) return done({ step: index, kind: 'tick' });
  if ('advanceTime' in step) {
    subnet.advanceTime(BigInt(step.advanceTime.seconds));
    return done({ step: index, kind: 'advanceTime' });
  }
  if ('deploy' in step) {
    const deployed = deployCanister(subnet, loaded, step.deploy, loaded.stepWasm.get(index)!);
    if (!deployed.ok) return stepFailure(index, 'deploy', deployed.error);
    const reject = deployed.reject;
    return done(reject
      ? { step: index, kind: 'deploy', status: 'rejected', rejectCode: reject.rejectCode, rejectMessage: reject.message, errorCode: reject.errorCode }
      : { step: index, kind: 'deploy', status: 'replied' });
  }
  if ('setParams' in step) {
    subnet.setParams(Object.fromEntries(Object.entries(step.setParams.params).map(([name, value]) => [name, BigInt(value)])));
    return done({ step: index, kind: 'setParams' });
  }
  if ('checkpoint' in step) {
    subnet.checkpointNow();
    return done({ step: index, kind: 'checkpoint' });
  }
  if ('trap' in step) {
    const { canister, method, message } = step.trap;
    const id = resolvePrincipal(loaded, canister);
    if (!id) return stepFailure(index, 'trap', `unknown canister "${canister}"`);
    if (!subnet.planTrap(id, method ?? null, message ?? DEFAULT_TRAP_MESSAGE)) return stepFailure(index, 'trap', `canister "${canister}" no longer exists (it was deleted)`);
    return done({ step: index, kind: 'trap' });
  }
  if ('topUp' in step) {
    const id = resolvePrincipal(loaded, step.topUp.canister);
    if (!id) return stepFailure(index, 'topUp', `unknown canister "${step.topUp.canister}"`);
    // A deleted canister's name still resolves, but there is no canister left to hold cycles.
    if (!subnet.topUp(id, BigInt(step.topUp.cycles))) return stepFailure(index, 'topUp', `canister "${step.topUp.canister}" no longer exists (it was deleted)`);
    return done({ step: index, kind: 'topUp' });
  }
  return stepFailure(index, 'unknown', 'unknown step kind');
}

/** A query step's sender, receiver and argument bytes (typed by the receiver's interface as it is now), or why not. */
export function queryRequest(subnet: Subnet, loaded: LoadedScenario, q: Extract<Step, { query: unknown }>['query']): { sender: string; receiver: string; arg: Uint8Array; candid: CallCandid | null } | string {
  const sender = resolvePrincipal(loaded, q.from ?? loaded.scenario.users[0]);
  if (!sender) return `unknown sender "${q.from}"`;
  const receiver = resolvePrincipal(loaded, q.to);
  if (!receiver) return `unknown canister "${q.to}"`;
  const candid = callCandid(subnet, receiver, q.method, q.arg);
  const arg = argToBytes(q.arg, expectedArgs(candid));
  if (!arg.ok) return `arg: ${arg.error}`;
  return { sender, receiver, arg: arg.bytes, candid };
}

interface IngressStepRequest {
  readonly from?: string;
  readonly to: string;
  readonly method: string;
  readonly arg: Uint8Array;
  readonly label?: string;
  readonly candid?: CallCandid | null;
  /** Sent before and after it by the same user: the chunk uploads and the store's clearing of a chunked install. */
  readonly preceding?: readonly ManagementMessage[];
  readonly following?: readonly ManagementMessage[];
}

function callRequest(subnet: Subnet, loaded: LoadedScenario, call: Extract<Step, { call: unknown }>['call']): IngressStepRequest | string {
  const to = resolvePrincipal(loaded, call.to);
  if (!to) return `unknown canister "${call.to}"`;
  const candid = callCandid(subnet, to, call.method, call.arg);
  const arg = argToBytes(call.arg, expectedArgs(candid));
  if (!arg.ok) return `arg: ${arg.error}`;
  return { from: call.from, to, method: call.method, arg: arg.bytes, label: call.label, candid };
}

function manageRequest(subnet: Subnet, loaded: LoadedScenario, index: number, manage: Extract<Step, { manage: unknown }>['manage']): IngressStepRequest | string {
  const canisterId = resolvePrincipal(loaded, manage.canister);
  if (!canisterId) return `unknown canister "${manage.canister}"`;
  const installArg = argToBytes(manage.arg, candidArg(manage.arg) ? expectedInitArgs(loaded.stepWasm.get(index)) : null);
  if (!installArg.ok) return `arg: ${installArg.error}`;
  let controllers: string[] | undefined;
  if (manage.settings?.controllers) {
    controllers = [];
    for (const name of manage.settings.controllers) {
      const resolved = resolvePrincipal(loaded, name);
      if (!resolved) return `unknown controller "${name}"`;
      controllers.push(resolved);
    }
  }
  const visibility = manage.settings?.logVisibility;
  const allowedViewers: string[] = [];
  for (const name of typeof visibility === 'object' ? visibility.allowedViewers : []) {
    const resolved = resolvePrincipal(loaded, name);
    if (!resolved) return `unknown allowed viewer "${name}"`;
    allowedViewers.push(resolved);
  }
  // A snapshot named "latest" is the canister's newest when the step runs, not when the scenario was written.
  const snapshotField = manage.snapshot !== undefined ? 'snapshot' : 'replaceSnapshot';
  const snapshotRef = manage.snapshot ?? manage.replaceSnapshot;
  const snapshot = snapshotRef === undefined ? undefined : resolveSnapshotRef(subnet, canisterId, snapshotRef, snapshotField, manage.canister);
  if (snapshot && !snapshot.ok) return snapshot.error;
  const store = manage.store === undefined ? undefined : resolvePrincipal(loaded, manage.store);
  if (store === null) return `unknown store canister "${manage.store}"`;
  const to = resolvePrincipal(loaded, 'ic')!;
  const wasm = loaded.stepWasm.get(index);
  // An install_code step whose module is too large for one message becomes the messages dfx would send (`chunkedInstall.ts`).
  if (manage.method === 'install_code' && wasm && installsInChunks(wasm, installArg.bytes)) {
    const { uploads, install, clear } = chunkedInstallMessages(canisterId, manage.mode, manage.skipPreUpgrade, wasm, installArg.bytes);
    return { from: manage.from, to, method: install.method, arg: install.arg, label: manage.label, preceding: uploads, following: [clear] };
  }
  const arg = manageArg(manage, {
    canisterId, wasm, installArg: installArg.bytes, controllers, allowedViewers, snapshot: snapshot?.id, store,
  });
  return { from: manage.from, to, method: manage.method, arg, label: manage.label };
}

/** An argument given as Candid text, which is typed against the code's init arguments (read only then). */
function candidArg(arg: Arg | undefined): boolean {
  return arg !== undefined && 'candid' in arg;
}

/**
 * Loads wabt unless every WAT source among `sources` is seeded (`seedCompiledWat`): a workspace whose modules came
 * with it opens without waiting for the compiler. A file path may be WAT, which only wabt reads.
 */
async function loadWatCompilerFor(sources: readonly Source[]): Promise<void> {
  const needed = sources.some((source) => 'path' in source) || watCompilerNeeded(sources.flatMap((source) => ('wat' in source ? [source.wat] : [])));
  if (needed) await initWat();
}
