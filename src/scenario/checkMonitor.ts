/**
 * A scenario's checks watched over a run (docs/SCENARIO-EXTENSIONS.md "Checks"): after set-up and after every round
 * it judges the `everyRound` checks and the constant sums and keeps, for each, the first round it failed at; it reads
 * the new trace events for traps. Its state is plain data, copied into the session's checkpoints, so a seek back and
 * a replay judge the same rounds the same way. Observing costs the run nothing but time: the queries leave no event.
 */
import type { Subnet } from '../engine/index.ts';
import { checkCanisters, checkVerdict, describeCheck, readSum, type CheckContext, type CheckMemory, type CheckVerdict } from './checkVerdict.ts';
import type { LoadedScenario } from './loadScenario.ts';
import type { CheckExpectationReport } from './reportTypes.ts';
import type { ScenarioCheck } from './scenarioTypes.ts';

/** The first round a check failed at, with what was seen then and the event that broke it (null: none to point at). */
export interface CheckViolation {
  readonly check: number;
  readonly round: number;
  readonly expected: string;
  readonly seen: string;
  readonly event: number | null;
}

/** The monitor's state: what a checkpoint keeps. */
export interface MonitorState {
  /** Trace events read for traps so far. */
  readonly scanned: number;
  /** The trace's length when the checks were last judged at a round: what happened since may have broken one. */
  readonly judgedUpTo: number;
  /** The first trap of each canister so far: round, event index, words. */
  readonly traps: ReadonlyMap<string, { readonly round: number; readonly event: number; readonly text: string }>;
  /** A constant sum's first reading, by check index. */
  readonly baselines: ReadonlyMap<number, bigint>;
  readonly violations: ReadonlyMap<number, CheckViolation>;
  /** What the checks' queries used, counted against the run's limits (they are not in the subnet's totals). */
  readonly instructions: bigint;
  readonly systemApiCalls: number;
}

export const EMPTY_MONITOR_STATE: MonitorState = {
  scanned: 0, judgedUpTo: 0, traps: new Map(), baselines: new Map(), violations: new Map(), instructions: 0n, systemApiCalls: 0,
};

/** Judged at every round: `"when": "everyRound"`, and constant sums, which say what must never change. */
export function judgedEveryRound(check: ScenarioCheck): boolean {
  return check.when === 'everyRound' || 'constantSum' in check;
}

export class CheckMonitor {
  private scanned: number;
  private judgedUpTo: number;
  private readonly traps: Map<string, { round: number; event: number; text: string }>;
  private readonly baselines: Map<number, bigint>;
  private readonly violations: Map<number, CheckViolation>;
  private instructionsUsed: bigint;
  private systemApiCallsUsed: number;
  private readonly watchesTraps: boolean;

  constructor(private readonly checks: readonly ScenarioCheck[], state: MonitorState = EMPTY_MONITOR_STATE) {
    this.scanned = state.scanned;
    this.judgedUpTo = state.judgedUpTo;
    this.traps = new Map(state.traps);
    this.baselines = new Map(state.baselines);
    this.violations = new Map(state.violations);
    this.instructionsUsed = state.instructions;
    this.systemApiCallsUsed = state.systemApiCalls;
    this.watchesTraps = checks.some((check) => 'noTrap' in check);
  }

  get instructions(): bigint {
    return this.instructionsUsed;
  }

  get systemApiCalls(): number {
    return this.systemApiCallsUsed;
  }

  state(): MonitorState {
    return {
      scanned: this.scanned, judgedUpTo: this.judgedUpTo, traps: new Map(this.traps), baselines: new Map(this.baselines), violations: new Map(this.violations),
      instructions: this.instructionsUsed, systemApiCalls: this.systemApiCallsUsed,
    };
  }

  /** The checks' first failures so far, by round, then by check. */
  failures(): CheckViolation[] {
    return [...this.violations.values()].sort((a, b) => a.round - b.round || a.check - b.check);
  }

  /** After set-up and after each round: judges what is judged at every round, and remembers the first failure of each. */
  atRound(subnet: Subnet, loaded: LoadedScenario): void {
    if (this.checks.length === 0) return;
    const ctx = this.context(subnet, loaded);
    this.readTraps(subnet);
    this.checks.forEach((check, index) => {
      if (!judgedEveryRound(check) || this.violations.has(index)) return;
      const verdict = this.judge(check, index, ctx, true);
      if (verdict && !verdict.pass) {
        const round = verdict.round ?? subnet.state.round;
        this.violations.set(index, { check: index, round, expected: verdict.expected, seen: verdict.seen, event: this.culprit(check, subnet, loaded) });
      }
    });
    this.judgedUpTo = subnet.state.trace.length;
  }

  /**
   * Every check as it stands now (the runner: at the end of the run; the app: at the playhead). A check judged at
   * every round reports its first failure, else how it is now.
   */
  reports(subnet: Subnet, loaded: LoadedScenario): CheckExpectationReport[] {
    const ctx = this.context(subnet, loaded);
    this.readTraps(subnet);
    const round = subnet.state.round;
    return this.checks.map((check, index) => {
      const what = describeCheck(check);
      const label = check.label !== undefined ? { label: check.label } : {};
      const when = judgedEveryRound(check) ? 'everyRound' as const : 'end' as const;
      const violation = this.violations.get(index);
      if (violation) return { check: index, ...label, when, what, pass: false, expected: violation.expected, seen: violation.seen, round: violation.round };
      const verdict = this.judge(check, index, ctx, false) ?? notApplied(check, ctx);
      return { check: index, ...label, when, what, pass: verdict.pass, expected: verdict.expected, seen: verdict.seen, round: verdict.round ?? round };
    });
  }

  /**
   * `atRound`: a constant sum read for the first time becomes its baseline. A report only looks (so that asking for
   * one, as the app does at every move, never changes what a later round is judged against).
   */
  private judge(check: ScenarioCheck, index: number, ctx: CheckContext, atRound: boolean): CheckVerdict | null {
    if (atRound && 'constantSum' in check && !this.baselines.has(index)) {
      const read = readSum(check.constantSum, ctx);
      if (read && 'sum' in read) this.baselines.set(index, read.sum);
    }
    const memory: CheckMemory = {
      firstTrap: (id) => this.traps.get(id) ?? null,
      baseline: this.baselines.get(index) ?? null,
    };
    return checkVerdict(check, ctx, memory);
  }

  private context(subnet: Subnet, loaded: LoadedScenario): CheckContext {
    return {
      subnet,
      loaded,
      observe: (from, to, method, arg) => {
        const observed = subnet.observe(from, to, method, arg);
        this.instructionsUsed += observed.instructions;
        this.systemApiCallsUsed += observed.systemApiCalls;
        return observed.result;
      },
    };
  }

  /** Reads the events since the last reading for the first trap of each canister. */
  private readTraps(subnet: Subnet): void {
    const trace = subnet.state.trace;
    if (!this.watchesTraps) {
      this.scanned = trace.length;
      return;
    }
    for (let i = this.scanned; i < trace.length; i++) {
      const event = trace[i];
      if (event.kind !== 'execution' || event.outcome !== 'trap' || this.traps.has(event.canister)) continue;
      const text = `${event.entryPoint} trapped in round ${event.round}${event.errorCode ? ` (${event.errorCode})` : ''}${event.message ? `: ${event.message}` : ''}`;
      this.traps.set(event.canister, { round: event.round, event: i, text });
    }
    this.scanned = trace.length;
  }

  /**
   * The event to point at when `check` failed at this round: its trap; else, among the events since the checks were
   * last judged (this round's, and those of steps applied between rounds), the last one of its canisters of the kinds
   * that change what it checks, else the last one of its canisters at all; null when none.
   */
  private culprit(check: ScenarioCheck, subnet: Subnet, loaded: LoadedScenario): number | null {
    const ids = checkCanisters(check, loaded);
    if ('noTrap' in check) return this.traps.get(ids[0])?.event ?? null;
    const trace = subnet.state.trace;
    const telling = 'canister' in check ? CANISTER_STATE_EVENTS : EXECUTION_EVENTS;
    let fallback: number | null = null;
    for (let i = trace.length - 1; i >= this.judgedUpTo; i--) {
      const event = trace[i];
      if (!('canister' in event) || typeof event.canister !== 'string' || !ids.includes(event.canister)) continue;
      if (telling.has(event.kind)) return i;
      fallback ??= i;
    }
    return fallback;
  }
}

/** What changes a canister check's status, frozenness or balance. */
const CANISTER_STATE_EVENTS: ReadonlySet<string> = new Set(['status_changed', 'frozen_changed', 'code_uninstalled', 'canister_deleted', 'cycles_charged', 'cycles_topped_up']);
/** What changes what a query, a global or a sum reads: the canister's own code running. */
const EXECUTION_EVENTS: ReadonlySet<string> = new Set(['execution']);

/** A check that never applied: a canister it names is not deployed, or a sum was never read. It cannot have held. */
function notApplied(check: ScenarioCheck, ctx: CheckContext): CheckVerdict {
  const read = 'constantSum' in check ? readSum(check.constantSum, ctx) : null;
  if (read && 'unreadable' in read) return { pass: false, expected: 'a sum its queries can be read for', seen: read.unreadable };
  return { pass: false, expected: describeCheck(check), seen: 'its canister is not deployed' };
}
