/**
 * The report of a scenario run, format `canister-playground/report@1` (SCENARIO.md "Report").
 * Cycle counts, instruction counts, times and versions are decimal strings.
 */
import type { TraceEvent } from '../engine/index.ts';
import type { LimitReached } from './runLimits.ts';

export const REPORT_FORMAT = 'canister-playground/report@1';

export type StepStatus = 'replied' | 'rejected' | 'pending';

export interface StepReport {
  step: number;
  kind: string;
  label?: string;
  status?: StepStatus;
  reply?: string;
  replyText?: string | null;
  /** The reply as Candid text, for calls to a canister with a Candid interface or with a Candid argument (an extension). */
  replyCandid?: string;
  rejectCode?: number;
  rejectMessage?: string;
  errorCode?: string | null;
  submittedRound?: number;
  completedRound?: number | null;
  /**
   * The app's step reports only (the runner's report lists them in `expectations`): the step's `expect` checked
   * against this report as it stands at the playhead.
   */
  expectations?: StepExpectationReport[];
}

export interface CanisterReport {
  id: string;
  status: 'running' | 'stopping' | 'stopped' | 'deleted';
  empty: boolean;
  moduleHash: string | null;
  cycles: string;
  reservedCycles: string;
  frozen: boolean;
  controllers: string[];
  version: string;
  wasmMemoryBytes: string;
  stableMemoryBytes: string;
  freezingThreshold: string;
  idleCyclesBurnedPerDay: string;
}

/**
 * One expectation of a step's `expect`, held or not (docs/SCENARIO-EXTENSIONS.md "Expectations"): `what` is the
 * field, `expected` and `seen` say in words what was asked and what happened.
 */
export interface StepExpectationReport {
  step: number;
  what: string;
  pass: boolean;
  expected: string;
  seen: string;
}

/**
 * One of the scenario's `checks`, held or not (docs/SCENARIO-EXTENSIONS.md "Checks"): `what` describes the check;
 * `round` is the round it was judged at: for a check judged at every round that failed, the first round it failed at.
 */
export interface CheckExpectationReport {
  check: number;
  label?: string;
  when: 'end' | 'everyRound';
  what: string;
  pass: boolean;
  expected: string;
  seen: string;
  round: number;
}

export type ExpectationReport = StepExpectationReport | CheckExpectationReport;

/** A heartbeat or timer that alone kept the subnet busy when the final drain stopped (SCENARIO.md "Report"). */
export interface PeriodicTaskReport {
  /** Scenario name, or principal text for a canister created during the run. */
  canister: string;
  heartbeat: boolean;
  /** The time the global timer is set to (ns, decimal), or null. */
  globalTimerNs: string | null;
}

export interface LogReport {
  round: number;
  canister: string;
  text: string;
  trap: boolean;
}

/**
 * The report with its events of type `E`: JSON-ready copies (`Report`, what the app and the tests read), or the
 * engine's trace events themselves (`TraceReport`, what the runner writes: `reportToJson` writes their bigints
 * as decimal strings, so the same JSON comes out without a copy of every event).
 */
export interface ReportWithEvents<E> {
  format: typeof REPORT_FORMAT;
  rounds: number;
  idle: boolean;
  /** Only when the drain stopped with nothing but periodic tasks' work left (an extension; absent otherwise). */
  periodicTasks?: PeriodicTaskReport[];
  /** Only when a limit of the runner cut the run short (runLimits.ts; an extension; absent otherwise). */
  limitReached?: LimitReached;
  timeNs: string;
  principals: Record<string, string>;
  steps: StepReport[];
  /**
   * Only when a step carries `expect` or the scenario has `checks` (an extension; absent otherwise): each step
   * expectation in step order, then each check in the scenario's order, held or not.
   */
  expectations?: ExpectationReport[];
  canisters: Record<string, CanisterReport>;
  logs: LogReport[];
  /** The engine's trace (docs/TRACE.md documents each kind); bigints are decimal strings in the JSON. */
  events: E[];
  totals: { cyclesBurned: string; instructions: string; executions: number };
}

export type Report = ReportWithEvents<Record<string, unknown>>;
export type TraceReport = ReportWithEvents<TraceEvent>;

export type SerializedEvent = { [K in keyof TraceEvent]: unknown };
