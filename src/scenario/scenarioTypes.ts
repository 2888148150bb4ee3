/**
 * The scenario format v1 (SCENARIO.md) as TypeScript types: the shape `parseScenario` returns.
 *
 * Optional fields are optional exactly where the document allows them, except the defaults `parseScenario`
 * fills in (`users`, each canister's `cycles`, `maxRounds`), which are required here so callers need not
 * repeat them. Never change the meaning of a field; add new ones as optional (SCENARIO.md).
 */

export const SCENARIO_FORMAT = 'canister-playground/scenario@1';

/** Decimal digits only (`^[0-9]+$`): cycles, seconds and settings exceed 2^53, so JSON numbers cannot carry them. */
export type DecimalString = string;

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  title?: string;
  /** Markdown narration; lessons show it. */
  description?: string;
  subnet?: SubnetSpec;
  /** Named user principals; the first is the default sender and controller. Defaults to `["user"]`. */
  users: string[];
  /** Created (without a creation fee) and installed in order before the first step. */
  canisters: CanisterSpec[];
  /** Cap on the rounds run by the final drain after the last step. Defaults to 1000. */
  maxRounds: number;
  steps: Step[];
  /** What must hold of the run, at its end or at every round (docs/SCENARIO-EXTENSIONS.md "Checks"). */
  checks?: ScenarioCheck[];
  /** The scenario is an exercise: a canister whose code the learner writes (docs/SCENARIO-EXTENSIONS.md "Exercises"). */
  exercise?: Exercise;
}

/**
 * An exercise: the learner writes the code of `canister` (its `source` in `canisters` is the starter code); it is
 * solved when every expectation of the steps and every check holds with the learner's code installed in its place.
 */
export interface Exercise {
  /** A canister of `canisters` with a WAT or Motoko source (the starter code). */
  canister: string;
  /** Hints in Markdown, revealed one at a time. */
  hints?: string[];
  /** Code that solves it, which the learner may reveal (and `run --solution` checks). */
  solution?: Source;
  /**
   * The steps the code is judged with; absent: the scenario's `steps`. The app writes them when it opens an exercise,
   * so what the learner does in the workspace afterwards (more steps, a fork) never changes what "solved" means.
   */
  steps?: Step[];
}

export type SubnetPreset = 'ic' | 'classroom';

export interface SubnetSpec {
  /** `ic`: the replica's numbers for a 13-node application subnet; `classroom`: instruction limits ÷ 1000. */
  preset?: SubnetPreset;
  /** Fees scale by nodes / 13. */
  nodes?: number;
  /** Overrides of named engine parameters. */
  params?: Record<string, DecimalString>;
}

export interface CanisterSpec {
  /** `[a-z][a-z0-9_-]*`, unique among canisters and users. */
  name: string;
  source: Source;
  /** Initial balance. Defaults to 100 T (`"100000000000000"`). */
  cycles: DecimalString;
  /** User or canister names, or principal text. Absent: the first user; `[]`: no controller at all. */
  controllers?: string[];
  settings?: InitialCanisterSettings;
  /** Passed to `canister_init`. */
  initArg?: Arg;
}

/**
 * Canister code: WAT text, a base64-encoded Wasm module, a file next to the scenario (CLI only; a `.mo` file is
 * compiled as Motoko), or Motoko (docs/SCENARIO-EXTENSIONS.md).
 */
export type Source = { wat: string } | { wasm: string } | { path: string } | { motoko: MotokoSource };

/** One Motoko text (compiled as `Main.mo`), or several files by relative path and the one holding the actor. */
export type MotokoSource = string | { files: Record<string, string>; main: string };

/**
 * A message argument; absent means empty. `candid` is Candid text, typed against the receiver's interface when it
 * is known (docs/SCENARIO-EXTENSIONS.md).
 */
export type Arg = { text: string } | { hex: string } | { base64: string } | { candid: string };

/** The `canister_settings` fields a scenario can set, camelCase (ic-reference.md §4.1). */
export interface CanisterSettingsSpec {
  /** User or canister names, or principal text. */
  controllers?: string[];
  freezingThreshold?: DecimalString;
  computeAllocation?: DecimalString;
  memoryAllocation?: DecimalString;
  reservedCyclesLimit?: DecimalString;
  wasmMemoryLimit?: DecimalString;
  /** `environment_variables` (ic-reference.md §12), name to value, read by the canister with `ic0.env_var_*`. */
  environmentVariables?: Record<string, string>;
}

/** A canister's initial settings; its controllers are the canister's own `controllers` field. */
export type InitialCanisterSettings = Omit<CanisterSettingsSpec, 'controllers'>;

export type Step =
  | { call: CallStep }
  | { query: QueryStep }
  | { tick: number }
  | { advanceTime: AdvanceTimeStep }
  | { manage: ManageStep }
  | { topUp: TopUpStep }
  | { deploy: CanisterSpec }
  | { setParams: SetParamsStep }
  | { checkpoint: CheckpointStep }
  | { trap: TrapStep };

export type StepKind = 'call' | 'query' | 'tick' | 'advanceTime' | 'manage' | 'topUp' | 'deploy' | 'setParams' | 'checkpoint' | 'trap';

/**
 * `deploy` extends format v1 (docs/SCENARIO-EXTENSIONS.md): a canister created and installed at that point of
 * the scenario, with the same fields as an entry of `canisters`. It is how the app records "create a canister".
 */
export const STEP_KINDS: readonly StepKind[] = ['call', 'query', 'tick', 'advanceTime', 'manage', 'topUp', 'deploy', 'setParams', 'checkpoint', 'trap'];

/**
 * `setParams` extends format v1 (docs/SCENARIO-EXTENSIONS.md "`setParams` step"): parameters the subnet reads as it
 * goes (the engine's `LIVE_PARAM_NAMES`, today `queueCapacity`) changed from this point of the run on, as decimal
 * strings. It is how a what-if fills the queues between canisters.
 */
export interface SetParamsStep {
  params: Record<string, DecimalString>;
  /** Shown in the UI. */
  label?: string;
}

/**
 * `checkpoint` extends format v1 (docs/SCENARIO-EXTENSIONS.md "`checkpoint` step"): the round just played ends with
 * a checkpoint, so every paused long execution is aborted and restarts from scratch (ic-reference.md §7.7), as the
 * replica does every `checkpointIntervalRounds`. It is how a what-if makes a long message take more rounds.
 */
export interface CheckpointStep {
  /** Shown in the UI. */
  label?: string;
}

/**
 * `trap` extends format v1 (docs/SCENARIO-EXTENSIONS.md "`trap` step"): the canister's next call to `method` (any
 * update call when absent) traps as it begins, as if its first instruction were `ic0.trap(message)`; the caller is
 * answered CANISTER_ERROR (IC0503) and the callee's state stays as it was. It is how a what-if makes a callee trap.
 */
export interface TrapStep {
  /** A canister name or principal text. */
  canister: string;
  method?: string;
  /** The trap's message. Absent: "What if: this call traps". */
  message?: string;
  /** Shown in the UI. */
  label?: string;
}

/** Submit an ingress update call; awaited only with `wait: true`. */
export interface CallStep {
  /** A user name or principal text. Absent: the first user. */
  from?: string;
  /** A canister name, principal text, or `"ic"` for the management canister. */
  to: string;
  method: string;
  arg?: Arg;
  /** Run rounds until this call has a response (or `maxRounds`). */
  wait?: boolean;
  /** Shown in the UI and the trace. */
  label?: string;
  /** What its response should be (docs/SCENARIO-EXTENSIONS.md "Expectations"). */
  expect?: StepExpectation;
}

/** A non-replicated query against the committed state. */
export interface QueryStep {
  from?: string;
  /** A canister name, principal text, or `"ic"`. */
  to: string;
  method: string;
  arg?: Arg;
  expect?: StepExpectation;
}

/**
 * What a `call`, `query` or `manage` step's response should be, checked once the run has ended (every field
 * optional, at least one given; docs/SCENARIO-EXTENSIONS.md "Expectations"): the report lists each as held or not.
 */
export interface StepExpectation {
  status?: 'replied' | 'rejected';
  /** The reply, in the ARG forms: its bytes (`text`, `hex`, `base64`) or its Candid values (`candid`). */
  reply?: Arg;
  /** The reject code, 1–6 (ic-reference.md §3.6: 1 SYS_FATAL … 6 SYS_UNKNOWN). */
  rejectCode?: number;
  /** The replica's error code, e.g. `IC0503`. */
  errorCode?: string;
  /** The response came at most this many rounds after the round the message was submitted in. */
  withinRounds?: number;
}

/**
 * A check of a scenario (docs/SCENARIO-EXTENSIONS.md "Checks"): exactly one of its kinds, evaluated when the run ends
 * (`"when": "end"`, the default) or after every round (`"when": "everyRound"`). Checks observe the run and never
 * change it: their queries leave no event and cost nothing.
 */
export type ScenarioCheck = CheckKind & { label?: string; when?: CheckWhen };

export type CheckWhen = 'end' | 'everyRound';

export type CheckKind =
  | { query: QueryCheck }
  | { canister: CanisterCheck }
  | { global: GlobalCheck }
  | { noTrap: NoTrapCheck }
  | { constantSum: ConstantSumCheck };

export type CheckKindName = 'query' | 'canister' | 'global' | 'noTrap' | 'constantSum';
export const CHECK_KINDS: readonly CheckKindName[] = ['query', 'canister', 'global', 'noTrap', 'constantSum'];

/** A query's response: the fields of a step's `expect` but `withinRounds` (a query is answered at once). */
export interface QueryCheck {
  from?: string;
  to: string;
  method: string;
  arg?: Arg;
  expect: Omit<StepExpectation, 'withinRounds'>;
}

/** A canister's state: each field given must hold. */
export interface CanisterCheck {
  /** A canister name or principal text. */
  name: string;
  status?: 'running' | 'stopping' | 'stopped' | 'deleted';
  frozen?: boolean;
  /** Bounds on its balance, inclusive. */
  cyclesAtLeast?: DecimalString;
  cyclesAtMost?: DecimalString;
}

/** One of a canister's mutable globals (i32 or i64, as the inspector names it: its `$name` or export name). */
export interface GlobalCheck {
  canister: string;
  name: string;
  /** A decimal integer, optionally negative. */
  value: string;
}

/** No execution of the canister trapped (updates, callbacks, init, upgrades, heartbeats and timers; not queries). */
export interface NoTrapCheck {
  canister: string;
}

/**
 * An invariant: the sum of these queries' replies never changes from the first round they can all be read at. A
 * reply counts as a number when it is Candid holding one integer, or 1, 2, 4 or 8 bytes read little-endian.
 */
export interface ConstantSumCheck {
  queries: Array<{ from?: string; to: string; method: string; arg?: Arg }>;
}

export interface AdvanceTimeStep {
  seconds: DecimalString;
}

export interface TopUpStep {
  /** A canister name or principal text. */
  canister: string;
  cycles: DecimalString;
}

export type InstallMode = 'install' | 'reinstall' | 'upgrade';

export type ManageMethod =
  | 'install_code'
  | 'uninstall_code'
  | 'start_canister'
  | 'stop_canister'
  | 'delete_canister'
  | 'canister_status'
  | 'update_settings'
  | 'take_canister_snapshot'
  | 'load_canister_snapshot'
  | 'list_canister_snapshots'
  | 'delete_canister_snapshot'
  | 'upload_chunk'
  | 'stored_chunks'
  | 'clear_chunk_store'
  | 'install_chunked_code';

export const MANAGE_METHODS: readonly ManageMethod[] = [
  'install_code',
  'uninstall_code',
  'start_canister',
  'stop_canister',
  'delete_canister',
  'canister_status',
  'update_settings',
  'take_canister_snapshot',
  'load_canister_snapshot',
  'list_canister_snapshots',
  'delete_canister_snapshot',
  'upload_chunk',
  'stored_chunks',
  'clear_chunk_store',
  'install_chunked_code',
];

interface ManageCommon {
  /** A user name or principal text. Absent: the first user. */
  from?: string;
  /** The target: a canister name or principal text. */
  canister: string;
  wait?: boolean;
  label?: string;
  expect?: StepExpectation;
}

/**
 * The method-specific fields are declared (as `undefined`) on every variant so code can read
 * `manage.arg` or `manage.settings` without narrowing first.
 */
interface NoMethodFields {
  mode?: undefined;
  source?: undefined;
  arg?: undefined;
  skipPreUpgrade?: undefined;
  settings?: undefined;
  replaceSnapshot?: undefined;
  uninstallCode?: undefined;
  snapshot?: undefined;
  chunk?: undefined;
  store?: undefined;
  chunkHashes?: undefined;
  wasmModuleHash?: undefined;
}

export interface InstallCodeStep extends ManageCommon, Omit<NoMethodFields, 'mode' | 'source' | 'arg' | 'skipPreUpgrade'> {
  method: 'install_code';
  mode: InstallMode;
  source: Source;
  /** Passed to `canister_init` or `canister_post_upgrade`. */
  arg?: Arg;
  /** Only with mode `upgrade`: skip the old code's `canister_pre_upgrade`. */
  skipPreUpgrade?: boolean;
}

export interface UpdateSettingsStep extends ManageCommon, Omit<NoMethodFields, 'settings'> {
  method: 'update_settings';
  settings: CanisterSettingsSpec & LogSettingsSpec;
}

/**
 * The log settings an `update_settings` step may set (docs/SCENARIO-EXTENSIONS.md; ic-reference.md §4.1, §12):
 * `log_memory_limit` in bytes and `log_visibility`, allowed viewers as user or canister names or principal text.
 */
export interface LogSettingsSpec {
  logMemoryLimit?: DecimalString;
  logVisibility?: 'controllers' | 'public' | { allowedViewers: string[] };
}

/**
 * A snapshot named in a step: its id in hex (as `list_canister_snapshots` and the trace show it), or `"latest"`, the
 * target canister's newest snapshot when the step runs (docs/SCENARIO-EXTENSIONS.md "Canister snapshots").
 */
export type SnapshotRef = string;

export interface TakeSnapshotStep extends ManageCommon, Omit<NoMethodFields, 'replaceSnapshot' | 'uninstallCode'> {
  method: 'take_canister_snapshot';
  /** The snapshot the new one replaces (needed once the canister holds the maximum number). */
  replaceSnapshot?: SnapshotRef;
  /** Uninstall the canister's code once the snapshot is taken. */
  uninstallCode?: boolean;
}

export interface SnapshotIdStep extends ManageCommon, Omit<NoMethodFields, 'snapshot'> {
  method: 'load_canister_snapshot' | 'delete_canister_snapshot';
  snapshot: SnapshotRef;
}

/** `upload_chunk` (docs/SCENARIO-EXTENSIONS.md "Chunked code installation"): one chunk into `canister`'s chunk store. */
export interface UploadChunkStep extends ManageCommon, Omit<NoMethodFields, 'chunk'> {
  method: 'upload_chunk';
  /** The chunk's bytes (at most 1 MiB), hex or base64 as an ARG spells them. */
  chunk: { hex: string } | { base64: string };
}

/** `install_chunked_code`: installs on `canister` the module its chunks in a chunk store make. */
export interface InstallChunkedCodeStep extends ManageCommon, Omit<NoMethodFields, 'mode' | 'arg' | 'skipPreUpgrade' | 'store' | 'chunkHashes' | 'wasmModuleHash'> {
  method: 'install_chunked_code';
  mode: InstallMode;
  /** The canister whose chunk store holds the chunks (a name or principal text); absent: `canister` itself. */
  store?: string;
  /** The chunks' SHA-256 hashes in hex, in the order they make the module. */
  chunkHashes: string[];
  /** The whole module's SHA-256 in hex. */
  wasmModuleHash: string;
  /** Passed to `canister_init` or `canister_post_upgrade`. */
  arg?: Arg;
  /** Only with mode `upgrade`. */
  skipPreUpgrade?: boolean;
}

export interface CanisterIdStep extends ManageCommon, NoMethodFields {
  method: Exclude<ManageMethod, 'install_code' | 'update_settings' | TakeSnapshotStep['method'] | SnapshotIdStep['method'] | UploadChunkStep['method'] | InstallChunkedCodeStep['method']>;
}

/** Sugar for an ingress call to the management canister, its Candid argument built from the fields. */
export type ManageStep = InstallCodeStep | UpdateSettingsStep | TakeSnapshotStep | SnapshotIdStep | UploadChunkStep | InstallChunkedCodeStep | CanisterIdStep;
