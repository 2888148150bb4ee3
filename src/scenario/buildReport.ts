/**
 * Assembles the report (SCENARIO.md "Report") from the subnet after a run. Bigints become decimal strings;
 * canisters are keyed by their scenario name, or by principal text when created during the run.
 */
import {
  bytesToHex, canisterIdleBurnPerDay, isFrozen, type IngressRecord, type QueryResult, type Reject, type Subnet,
} from '../engine/index.ts';
import type { LoadedScenario } from './loadScenario.ts';
import type { LimitReached } from './runLimits.ts';
import { utf8OrNull } from './utf8OrNull.ts';
import { replyCandidText, type CallCandid } from './callCandid.ts';
import { stepExpectations } from './stepExpectations.ts';
import type { StepExpectation } from './scenarioTypes.ts';
import {
  REPORT_FORMAT, type CanisterReport, type CheckExpectationReport, type ExpectationReport, type StepExpectationReport, type LogReport, type Report, type ReportWithEvents, type StepReport, type TraceReport,
} from './reportTypes.ts';


function rejectFields(reject: Reject): Pick<StepReport, 'rejectCode' | 'rejectMessage' | 'errorCode'> {
  return { rejectCode: reject.rejectCode, rejectMessage: reject.message, errorCode: reject.errorCode };
}

function replyFields(data: Uint8Array, candid: CallCandid | null): Pick<StepReport, 'reply' | 'replyText' | 'replyCandid'> {
  const text = candid ? replyCandidText(data, candid) : null;
  return { reply: bytesToHex(data), replyText: utf8OrNull(data), ...(text !== null && { replyCandid: text }) };
}

/** Written field by field, in the report's key order: a scenario may have tens of thousands of steps. */
export function ingressStepReport(step: number, kind: string, record: IngressRecord, label?: string, candid?: CallCandid): StepReport {
  const report: StepReport = { step, kind };
  if (label !== undefined) report.label = label;
  if (record.status === 'replied') {
    report.status = 'replied';
    report.reply = bytesToHex(record.reply!);
    report.replyText = utf8OrNull(record.reply!);
    const text = candid ? replyCandidText(record.reply!, candid) : null;
    if (text !== null) report.replyCandid = text;
  } else if (record.status === 'rejected') {
    report.status = 'rejected';
    report.rejectCode = record.reject!.rejectCode;
    report.rejectMessage = record.reject!.message;
    report.errorCode = record.reject!.errorCode;
  } else {
    report.status = 'pending';
  }
  report.submittedRound = record.submittedRound;
  report.completedRound = record.completedRound;
  return report;
}

export function queryStepReport(step: number, result: QueryResult, round: number, candid: CallCandid | null = null): StepReport {
  const rounds = { submittedRound: round, completedRound: round };
  if (result.type === 'reply') return { step, kind: 'query', status: 'replied', ...replyFields(result.data, candid), ...rounds };
  return { step, kind: 'query', status: 'rejected', ...rejectFields(result.reject), ...rounds };
}

/** What a step left behind: a finished report, or an ingress message whose outcome is read at the end. */
export type StepOutcome =
  | ({ readonly type: 'done'; readonly report: StepReport } & Expected)
  | ({ readonly type: 'ingress'; readonly step: number; readonly kind: string; readonly messageId: number; readonly label?: string } & Expected);

/** A step's `expect`, with the method it calls and how its reply reads as Candid. */
interface Expected {
  readonly expect?: StepExpectation;
  readonly method?: string;
  /**
   * How its reply reads as Candid (`replyCandid`, and an expected Candid reply), when it is a call whose receiver or
   * argument is Candid (a query's, only when it has `expect`: its report is made at once).
   */
  readonly candid?: CallCandid;
}

export function renderStep(subnet: Subnet, outcome: StepOutcome): StepReport {
  if (outcome.type === 'done') return outcome.report;
  return ingressStepReport(outcome.step, outcome.kind, subnet.ingress(outcome.messageId)!, outcome.label, outcome.candid);
}

/** How a run ended, and its checks judged then (null: the scenario has none). */
export interface RunEnd {
  readonly idle: boolean;
  readonly limitReached: LimitReached | null;
  readonly checks: CheckExpectationReport[] | null;
}

/** The report with JSON-ready copies of the events (the app and the tests read it as data). */
export function buildReport(subnet: Subnet, loaded: LoadedScenario, steps: readonly StepOutcome[], end: RunEnd): Report {
  return assembleReport(subnet, loaded, steps, end, subnet.state.trace.map(serializeEvent));
}

/**
 * The report holding the engine's trace events themselves, for `reportToJson` only: the runner's report of
 * 20,000 updates has 140,000 events, and copying each one cost more time than writing them (BENCHMARKS.md, issue #5).
 */
export function buildTraceReport(subnet: Subnet, loaded: LoadedScenario, steps: readonly StepOutcome[], end: RunEnd): TraceReport {
  return assembleReport(subnet, loaded, steps, end, subnet.state.trace);
}

function assembleReport<E>(subnet: Subnet, loaded: LoadedScenario, steps: readonly StepOutcome[], end: RunEnd, events: E[]): ReportWithEvents<E> {
  const { idle, limitReached } = end;
  const state = subnet.state;
  const reports = steps.map((outcome) => renderStep(subnet, outcome));
  const expectations = reportExpectations(steps, reports, end.checks);
  const names = canisterNames(loaded);
  const nameOf = (id: string) => names.get(id) ?? id;

  const canisters: Record<string, CanisterReport> = {};
  for (const canister of state.canisters.values()) {
    const rt = canister.runtime;
    canisters[nameOf(canister.id)] = {
      id: canister.id,
      status: canister.deleted ? 'deleted' : canister.status,
      empty: rt === null,
      moduleHash: canister.moduleHash,
      cycles: String(canister.cycles),
      reservedCycles: String(canister.reservedCycles),
      frozen: !canister.deleted && isFrozen(state, canister),
      controllers: [...canister.settings.controllers],
      version: String(canister.version),
      wasmMemoryBytes: String(rt ? rt.wasmMemoryBytes() : 0n),
      stableMemoryBytes: String(rt ? rt.stable.byteLength() : 0n),
      freezingThreshold: String(canister.settings.freezingThreshold),
      idleCyclesBurnedPerDay: String(canisterIdleBurnPerDay(state, canister)),
    };
  }
  const logs: LogReport[] = [];
  for (const event of state.trace) {
    if (event.kind === 'log') logs.push({ round: event.round, canister: nameOf(event.canister), text: event.text, trap: event.trap });
  }
  // Not idle because heartbeats or timers keep setting off work: the report says which (absent otherwise, so reports
  // of scenarios without them stay as they were).
  const periodic = idle ? null : subnet.busyOnlyWithPeriodicTasks();
  const periodicTasks = periodic?.map((task) => ({
    canister: nameOf(task.canister), heartbeat: task.heartbeat, globalTimerNs: task.globalTimerNs === null ? null : String(task.globalTimerNs),
  }));
  return {
    format: REPORT_FORMAT,
    rounds: state.round,
    idle,
    ...(periodicTasks && { periodicTasks }),
    // Absent unless a limit of the runner cut the run short, so other reports stay as they were.
    ...(limitReached && { limitReached: { ...limitReached } }),
    timeNs: String(state.timeNs),
    principals: { ...loaded.principals },
    steps: reports,
    // Absent unless a step carries `expect` or the scenario has checks, so other reports stay as they were.
    ...(expectations && { expectations }),
    canisters,
    logs,
    events,
    totals: {
      cyclesBurned: String(state.totals.cyclesBurned),
      instructions: String(state.totals.instructions),
      executions: state.totals.executions,
    },
  };
}

/**
 * The report's `expectations`: every step's that carries `expect`, in step order, then the checks; null when no step
 * has `expect` and the scenario has no checks (the field is then absent).
 */
export function reportExpectations(
  steps: readonly StepOutcome[], reports: readonly StepReport[], checks: readonly CheckExpectationReport[] | null,
): ExpectationReport[] | null {
  if (!checks && !steps.some((outcome) => outcome.expect)) return null;
  return [...steps.flatMap((outcome, i) => outcomeExpectations(outcome, reports[i]) ?? []), ...(checks ?? [])];
}

/** The step's `expect` checked against `report`, its report as it stands; null when it has none. */
export function outcomeExpectations(outcome: StepOutcome, report: StepReport): StepExpectationReport[] | null {
  return outcome.expect ? stepExpectations(outcome.expect, report, outcome.method ?? '', outcome.candid ?? null) : null;
}

/** Principal → scenario name of every canister named by the scenario (set-up and `deploy` steps). */
export function canisterNames(loaded: LoadedScenario): Map<string, string> {
  const users = new Set(loaded.scenario.users);
  const names = new Map<string, string>();
  for (const [name, principal] of Object.entries(loaded.principals)) if (!users.has(name)) names.set(principal, name);
  return names;
}

/**
 * A trace event as JSON-ready data: bigints as decimal strings. A spread copy (the engine writes `round` first,
 * the report's key order) with the few fields that need it replaced: a copy built key by key turns an object of
 * more than a dozen keys into a dictionary, several times slower to build and to stringify (BENCHMARKS.md, issue #5).
 */
export function serializeEvent(event: object): Record<string, unknown> {
  return withJsonReadyFields({ ...event });
}

function withJsonReadyFields(copy: Record<string, unknown>): Record<string, unknown> {
  for (const key in copy) {
    const value = copy[key];
    if (typeof value === 'bigint' || (typeof value === 'object' && value !== null)) copy[key] = jsonReady(value);
  }
  return copy;
}

function jsonReady(value: unknown): unknown {
  if (typeof value === 'bigint') return String(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(jsonReady);
  return withJsonReadyFields({ ...value });
}
