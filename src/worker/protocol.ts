/**
 * The worker boundary (DESIGN.md "Shape"; style-anchors §5): the coarse API the UI calls through Comlink and
 * the plain data it gets back. Types only, imported by both threads. Everything crossing is structured-clone
 * data; outcomes are values, never thrown errors (Comlink drops error fields). Amounts are decimal strings.
 */
import type { CompiledWat, SourceDiagnostic } from '../engine/index.ts';
import type { CompiledWatJson } from '../scenario/compiledWatJson.ts';
import type { MotokoCompiler } from '../motoko/motokoCompiler.ts';
import type { CheckExpectationReport, ExpectationReport, Report, StepReport } from '../scenario/reportTypes.ts';
import type { CheckViolation } from '../scenario/checkMonitor.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';
import type { StepReportChanges, WorkspaceChange } from './outcomeChanges.ts';

/** A serialised trace event (docs/TRACE.md): `kind`, `round` and the kind's fields, bigints as strings. */
export type EventView = { readonly kind: string; readonly round: number } & Readonly<Record<string, unknown>>;

export interface LogView {
  /** The record's `idx` (what `fetch_canister_logs` returns). */
  readonly index: number;
  readonly round: number;
  readonly text: string;
  readonly trap: boolean;
}

/**
 * The canister's log as the ring buffer it is (ic-reference.md §12, `logStoreView.ts`): bytes used of
 * `log_memory_limit`, the index range it holds, and how many records were purged to make room.
 */
export interface LogStoreView {
  readonly bytesUsed: number;
  readonly limit: number;
  /** Indices of the oldest and newest records held; null when empty. */
  readonly firstIndex: number | null;
  readonly lastIndex: number | null;
  /** Records purged since the log was last emptied (uninstall, reinstall). */
  readonly purged: number;
}

export interface SnapshotView {
  readonly id: string;
  readonly takenAtNs: string;
  readonly size: string;
  readonly moduleHash: string;
}

export interface CanisterView {
  readonly id: string;
  /** The scenario name, or the id for canisters created at run time. */
  readonly name: string;
  readonly status: 'running' | 'stopping' | 'stopped' | 'deleted';
  readonly empty: boolean;
  readonly frozen: boolean;
  readonly cycles: string;
  readonly reservedCycles: string;
  readonly freezingLimit: string;
  readonly idleCyclesBurnedPerDay: string;
  readonly controllers: readonly string[];
  readonly moduleHash: string | null;
  readonly version: string;
  readonly wasmMemoryBytes: number;
  readonly stableMemoryBytes: number;
  /** Its snapshots, oldest first (ic-reference.md §12): id in hex, when taken, bytes, the module it holds. */
  readonly snapshots: readonly SnapshotView[];
  readonly settings: {
    readonly freezingThreshold: string;
    readonly computeAllocation: string;
    readonly memoryAllocation: string;
    readonly reservedCyclesLimit: string;
    readonly wasmMemoryLimit: string;
    /** `environment_variables` (ic-reference.md §12), read by the canister with `ic0.env_var_*`. */
    readonly environmentVariables: readonly (readonly [string, string])[];
  };
  readonly updateMethods: readonly string[];
  readonly queryMethods: readonly string[];
  /** Messages waiting in its input queue. */
  readonly queueLength: number;
  /** The first messages of its queue, described (at most 20). */
  readonly queue: readonly string[];
  /** Its open call contexts: who they answer, whether they still must, the cycles they hold. */
  readonly callContexts: readonly { readonly id: number; readonly origin: string; readonly needsToRespond: boolean; readonly availableCycles: string }[];
  /** Its outstanding calls (callbacks waiting for a response). */
  readonly callbacks: readonly {
    readonly requestId: number; readonly callee: string; readonly method: string; readonly cyclesSent: string;
    /** A bounded-wait call's deadline (ns, decimal) while it can still pass; null for an unbounded wait, or once passed. */
    readonly deadlineNs: string | null;
  }[];
  /** Open call contexts and outstanding calls (callbacks waiting for a response). */
  readonly openCallContexts: number;
  readonly outstandingCalls: number;
  /** A long execution part-way through its slices; `aborted` when a checkpoint threw it away and it restarts next (§7.7). */
  readonly paused: { readonly entryPoint: string; readonly slice: number; readonly slices: number; readonly aborted: boolean } | null;
  /** A trap the scenario planned for its next call (to `method`, any update call when null: the `trap` step), not yet taken. */
  readonly plannedTrap: { readonly method: string | null; readonly message: string } | null;
  /** The canister's log buffer (newest last). */
  readonly logs: readonly LogView[];
  readonly logStore: LogStoreView;
  /**
   * Its own mutable globals (none of the instrumenter's), committed: name, type, value and the value at the start
   * of this round (equal to the value unless this round changed it). Integers exact, in decimal.
   */
  readonly globals: readonly GlobalView[];
  /**
   * The Candid interface its installed module declares (`candid:service` metadata, and `candid:args` when apart), or
   * null: the app's typed call forms and replies come from it.
   */
  readonly candid: { readonly service: string; readonly args: string | null } | null;
}

export interface GlobalView {
  readonly name: string;
  readonly type: 'i32' | 'i64' | 'f32' | 'f64';
  readonly value: string;
  readonly atRoundStart: string;
}

export interface SubnetView {
  readonly round: number;
  readonly timeNs: string;
  readonly idle: boolean;
  readonly users: readonly { readonly name: string; readonly principal: string }[];
  readonly canisters: readonly CanisterView[];
  readonly totals: { readonly cyclesBurned: string; readonly instructions: string; readonly executions: number };
  /** Messages a queue between two canisters holds now (`queueCapacity`, changed by a `setParams` step). */
  readonly queueCapacity: string;
}

/** Where the playhead is in the recorded script (issue "lessons that play forward"). */
export interface PlayheadView {
  readonly round: number;
  /** The round the recorded script ends at (its final drain included): the scrubber's range. */
  readonly end: number;
  /** At the end of the script: Step records a new round there; behind it, Step replays the recorded one. */
  readonly atEnd: boolean;
  /** A fork set steps aside that `undoFork` can put back (or, after an undo, the fork can be redone). */
  readonly canUndoFork: boolean;
}

/** What every command answers with: the subnet at the playhead, what changed since the previous answer. */
export type Outcome =
  | {
      readonly ok: true;
      readonly view: SubnetView;
      /**
       * The events of the recorded script the UI has: it keeps the first `keepEvents`, appends `events`, and shows
       * the first `eventCount` (the trace at the playhead). Moving the playhead sends no events.
       */
      readonly keepEvents: number;
      readonly events: readonly EventView[];
      readonly eventCount: number;
      /** Reports of the steps applied so far that are new or may have changed. */
      readonly steps: StepReportChanges;
      /** The report of the step this command recorded, if it recorded one. */
      readonly step: StepReport | null;
      /**
       * The workspace after this command (the whole of it after a load, otherwise its changed steps). The main
       * thread keeps it, so autosave needs no extra round trip and a dead worker's replacement can replay it.
       */
      readonly workspace: WorkspaceChange;
      readonly playhead: PlayheadView;
      /** Steps a new action behind the end set aside (a fork; `undoFork` puts them back), else 0. */
      readonly setAside: number;
      /** Why no round runs any more at the playhead: a run limit the workspace reached (`RunLimits`), else null. */
      readonly limitReached: string | null;
      /** The workspace's checks at the playhead (docs/SCENARIO-EXTENSIONS.md "Checks"), or null when it has none. */
      readonly checks: ChecksView | null;
    }
  | { readonly ok: false; readonly error: string };

/** The checks as they stand at the playhead, and the first failure of each one judged at every round that failed so far. */
export interface ChecksView {
  readonly reports: readonly CheckExpectationReport[];
  /** By round, then by check; `event` indexes the trace. */
  readonly failures: readonly CheckViolation[];
}

/**
 * An exercise checked (docs/SCENARIO-EXTENSIONS.md "Exercises"): every expectation of its steps and every check, held
 * or not, when played with the learner's code; or why it could not be played (the code does not compile, …).
 */
export type ExerciseVerdict =
  | { readonly ok: true; readonly expectations: readonly ExpectationReport[]; readonly limitReached: string | null }
  | { readonly ok: false; readonly error: string };

/**
 * The workspace as an icp-cli project with a PocketIC test (issue 15; `src/export/`): its files by path, text or
 * bytes, in the order written; `name` a file name for it (from the workspace's title).
 */
export type IcpProjectExport =
  | { readonly ok: true; readonly name: string; readonly files: readonly (readonly [string, string | Uint8Array])[]; readonly canisters: number }
  | { readonly ok: false; readonly error: string };

export interface EngineApi {
  /**
   * Opens a scenario: set-up, its steps recorded to the end, the playhead at `round` (default 0). `compiled`: modules
   * of its WAT sources compiled elsewhere (a lesson's, a link's), used until the WAT compiler has loaded.
   */
  load(scenario: Scenario, round?: number, compiled?: readonly CompiledWat[]): Promise<Outcome>;
  /** Records a new action at the playhead; behind the end of the script this forks (later steps set aside). */
  apply(step: Step): Promise<Outcome>;
  /** One round forward: the recorded one, or a new one at the end of the script. */
  step(): Promise<Outcome>;
  /** To the end of the script; at its end, new rounds until nothing is queued or in flight (at most `maxRounds`). */
  runUntilIdle(maxRounds: number): Promise<Outcome>;
  /**
   * Plays the recorded script forward, round by round, until a check judged at every round fails that held so far
   * (the playhead stops on that round), or to the script's end. Records nothing.
   */
  runUntilCheckFails(): Promise<Outcome>;
  /**
   * Plays `attempt` (an exercise with the learner's code in place, `exerciseAttempt`) from its set-up to its end on a
   * subnet of its own, and judges it; the open workspace is not touched.
   */
  checkExercise(attempt: Scenario): Promise<ExerciseVerdict>;
  /** Plays the workspace from its set-up to its end on a subnet of its own and writes it as an icp-cli project. */
  exportIcpProject(): Promise<IcpProjectExport>;
  /** Moves the playhead to a round of the script; the script is not changed. */
  seek(round: number): Promise<Outcome>;
  /** Puts back the steps the last fork set aside (and again: redoes the fork). */
  undoFork(): Promise<Outcome>;
  /** The workspace as a scenario: what `load` was given plus every applied step. */
  scenario(): Promise<Scenario>;
  /** Answers at once: the main thread's liveness check while no command is running. */
  ping(): Promise<true>;
  /**
   * Takes the Web Lock `name` for the worker's whole life (`lifeLock.ts`); true once held, false where there are no
   * locks. The main thread then waits for it: its release means the worker died, whatever it was doing.
   */
  holdLifeLock(name: string): Promise<boolean>;
  /**
   * Loads the WAT compiler and checks every module given to `load` against its source's real compile; returns how
   * many differed (they are forgotten: the workspace that ran them must be loaded again).
   */
  checkCompiledWat(): Promise<number>;
  /** The open workspace's WAT sources compiled, for a share link (`compiledWatJson.ts`). */
  compiledWat(): Promise<(CompiledWatJson | null)[]>;
  /** WAT diagnostics for the editor. */
  diagnose(wat: string): Promise<readonly SourceDiagnostic[]>;
  /**
   * The compiler of `motoko` sources (in the app, a Comlink proxy of the main thread's Motoko worker client, which
   * starts that worker when it is first asked). Until one is given, a Motoko source fails to load with a message.
   */
  useMotokoCompiler(compiler: MotokoCompiler): Promise<void>;
  /** Bytes of a canister's Wasm memory or stable memory (for the hex view). */
  memory(canisterId: string, kind: 'heap' | 'stable', offset: number, length: number): Promise<Uint8Array>;
  /** The report of the run so far (SCENARIO.md), for export. */
  report(): Promise<Report | null>;
}
