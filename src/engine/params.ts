/**
 * Every fee and limit the engine uses, in one table. Each entry cites ic-reference.md (section and the
 * replica source tag it quotes). Fees are the reference values of a 13-node application subnet and are
 * scaled by `nodes / 13` where they are charged (ic-reference.md §5.1, CAM `scale_cost`).
 *
 * A scenario may override any entry by name (`subnet.params`, decimal strings); presets are `ic`
 * (faithful mainnet numbers) and `classroom` (instruction limits ÷ 1,000, SCENARIO.md "Presets").
 */

import { checkParams, describeRange } from './paramRanges.ts';

const KiB = 1024n;
const MiB = 1024n * KiB;
const GiB = 1024n * MiB;

/**
 * A Wasm chunk's size: the most `upload_chunk` accepts, and what every stored chunk counts for in memory, storage
 * billing and the store's capacity, however short it is: 1 MiB (§4.2, §6.3; replica `wasm_chunk_store.rs`
 * `CHUNK_SIZE`, a constant of the replica's code, not configuration: so not a parameter a scenario may override).
 */
export const WASM_CHUNK_BYTES = MiB;

/**
 * The playground's bounds on a Candid message it decodes (`management/candidValueBounds.ts`), not parameters a
 * scenario overrides: nesting depth (values and types, also of Candid text) and values per message. Rust decoders
 * bound the same work with the `candid` crate's `DecoderConfig` (`set_decoding_quota`, `set_skipping_quota`); the
 * JavaScript decoder (`@dfinity/candid`) has no bound and overflows its stack, or builds an array of 2^32 elements
 * from a 15-byte message (issue 17, RELIABILITY.md finding 4).
 */
export const MAX_CANDID_NESTING = 1_000;
export const MAX_CANDID_VALUES = 1_000_000;

export const IC_PARAMS = {
  // ---- Instruction limits (ic-reference.md §6.1, SUBNET/EECFG) ----
  /** Update, heartbeat, timer and response-callback message limit: 40 B (`MAX_INSTRUCTIONS_PER_MESSAGE`). */
  maxInstructionsPerMessage: 40_000_000_000n,
  /** Query (non-replicated) limit: 5 B (`MAX_INSTRUCTIONS_PER_MESSAGE_WITHOUT_DTS`). */
  maxInstructionsPerQuery: 5_000_000_000n,
  /** install_code limit (init, or pre_upgrade + start + post_upgrade, incl. compilation): 300 B. */
  maxInstructionsPerInstallCode: 300_000_000_000n,
  /** Deterministic-time-slicing slice: 2 B (`MAX_INSTRUCTIONS_PER_SLICE`, §6.1, §7). */
  sliceInstructions: 2_000_000_000n,
  /** install_code slice: 2 B (§6.1). */
  installCodeSliceInstructions: 2_000_000_000n,
  /**
   * Rounds from one checkpoint to the next: 500 (§6.3 "Rounds / blocks": a checkpoint every ~500 rounds). At the end
   * of a checkpoint round every paused long execution is aborted and restarts from scratch later (§7.7).
   */
  checkpointIntervalRounds: 500n,
  /**
   * Long executions a subnet keeps paused at the end of a round: 4 (§6.3 `MAX_PAUSED_EXECUTIONS`). Past it the others
   * are aborted and restart from scratch later (§7.7, SCHED `abort_paused_executions_above_limit`).
   */
  maxPausedExecutions: 4n,
  /** `canister_inspect_message` limit: 200 M (§6.1). */
  maxInstructionsPerInspectMessage: 200_000_000n,
  /**
   * Instructions of a composite query's whole call graph, every execution and every call's overhead: 5 B (§6.1
   * "Composite query graph", EECFG `max_query_call_graph_instructions`). Exceeding it fails the query with IC0526
   * (replica `query_call_graph.rs`). The replica's other bound, 10 s of wall time per graph (IC0528), has no
   * counterpart here: a deterministic simulator has no wall clock, and instructions already bound the graph.
   */
  maxInstructionsPerCompositeQueryGraph: 5_000_000_000n,
  /** Charged to the graph for each call a composite query makes to a canister: 50 M (§6.1, EECFG `instruction_overhead_per_query_call`). */
  compositeQueryCallOverhead: 50_000_000n,
  /** Nested calls below a composite query: 6; a canister deeper than that making calls fails the query with IC0525 (§6.1, EECFG `max_query_call_graph_depth`). */
  maxCompositeQueryDepth: 6n,
  /**
   * Instructions per round per execution thread: 4 B (§6.1, SUBNET `MAX_INSTRUCTIONS_PER_ROUND = 4 * B`; the
   * developer docs still say 7 B). The iterations of a round share it (§7.1).
   */
  maxInstructionsPerRound: 4_000_000_000n,
  /** Counted toward the round (not charged) per message execution: 2 M (§6.1 "Per-execution overhead"). */
  instructionOverheadPerExecution: 2_000_000n,
  /** Counted toward the round (not charged) per canister executed in an iteration: 8 M (§6.1). */
  instructionOverheadPerCanister: 8_000_000n,
  /** Counted toward the round after each iteration, per canister on the subnet, for finalization: 12,000 (§7.1, SCHED). */
  instructionOverheadPerCanisterForFinalization: 12_000n,
  /** Execution threads per round: 4 (§6.1, SUBNET). */
  executionThreads: 4n,
  /** Compilation cost: 6,000 instructions per Wasm instruction, taken from the install budget (§4.3, §6.1). */
  costToCompileWasmInstruction: 6_000n,
  /** Max slices of one message: min(total/slice, 400) (§7.3). */
  maxSlicesPerMessage: 400n,

  // ---- Fees, 13-node reference values (ic-reference.md §5.1, SUBNET `application_subnet`) ----
  /** Reference subnet size the fee table is quoted for (§5.1). */
  referenceSubnetSize: 13n,
  /** `canister_creation_fee` (§5.1). */
  canisterCreationFee: 500_000_000_000n,
  /** `update_message_execution_fee`, per execution (§5.1). */
  updateMessageExecutionFee: 5_000_000n,
  /** `ten_update_instructions_execution_fee`: 10 = 1 cycle per instruction (§5.1). */
  tenUpdateInstructionsExecutionFee: 10n,
  /** `xnet_call_fee`, per call (§5.1). */
  xnetCallFee: 260_000n,
  /** `xnet_byte_transmission_fee`, per byte of request and response (§5.1). */
  xnetByteTransmissionFee: 1_000n,
  /** `ingress_message_reception_fee` (§5.1). */
  ingressMessageReceptionFee: 1_200_000n,
  /** `ingress_byte_reception_fee` (§5.1). */
  ingressByteReceptionFee: 2_000n,
  /**
   * `gib_storage_per_second_fee`: 127,000, the value the developer docs (Aug 2026) document (§5.1 ⚠).
   * The newest replica code has 317,500 plus `baseStoragePerSecondFee` 10,000; both are parameters.
   */
  gibStoragePerSecondFee: 127_000n,
  /** `base_per_second_fee` per canister with non-zero memory: 0 by default, 10,000 in the newest replica (§5.1 ⚠). */
  baseStoragePerSecondFee: 0n,
  /** `compute_percent_allocated_per_second_fee` (§5.1). */
  computePercentAllocatedPerSecondFee: 10_000_000n,
  /** `duration_between_allocation_charges`: 10 s (§5.1, §5.5). */
  allocationChargeIntervalSeconds: 10n,

  /** `ecdsa_signature_fee` / `schnorr_signature_fee`, scaled by the key's subnet size (§5.1). */
  signatureFee: 10_000_000_000n,
  /** `vetkd_fee`, scaled by the key's subnet size (§5.1). */
  vetKdFee: 10_000_000_000n,
  /** HTTPS outcall base per node: `(3,000,000 + 60,000·n)·n + (400·req + 800·max_resp)·n` (§5.1, §5.2). */
  httpRequestBaseFee: 3_000_000n,
  /** HTTPS outcall fee per node, multiplied by n again (§5.1). */
  httpRequestPerNodeFee: 60_000n,
  /** HTTPS outcall fee per request byte per node (§5.1). */
  httpRequestPerByteFee: 400n,
  /** HTTPS outcall fee per reserved response byte per node (§5.1). */
  httpResponsePerByteFee: 800n,
  /** Response size assumed when `max_response_bytes` is not given: 2,000,000 (§5.2, SPEC-CI). */
  httpDefaultMaxResponseBytes: 2_000_000n,
  /** Nodes of the subnet that holds the production threshold keys (`key_1`): 34 (§5.1 34-node column). */
  keySubnetNodes: 34n,

  // ---- Canister defaults and limits (ic-reference.md §4.1, §6) ----
  /** Default `freezing_threshold`: 30 days (§4.1). */
  defaultFreezingThreshold: 2_592_000n,
  /** Default `reserved_cycles_limit`: 5 T (§4.1, §5.1). */
  defaultReservedCyclesLimit: 5_000_000_000_000n,
  /** Default `wasm_memory_limit` for new canisters: 3 GiB (replica, §4.1 ⚠ and §11.4). */
  defaultWasmMemoryLimit: 3n * GiB,
  /** Wasm heap of a wasm32 module: 4 GiB (§6.2 `MAX_WASM_MEMORY_IN_BYTES`). */
  maxWasm32MemoryBytes: 4n * GiB,
  /** Stable memory: 500 GiB (§6.2). */
  maxStableMemoryBytes: 500n * GiB,
  /** 32-bit stable API limit: 4 GiB (§1.2 stable memory, REPL `MAX_32_BIT_STABLE_MEMORY_IN_PAGES`). */
  max32BitStableMemoryBytes: 4n * GiB,
  /** Stable memory bytes written per update execution: 2 GiB (§6.2 `STABLE_MEMORY_DIRTY_PAGE_LIMIT`). */
  stableDirtyBytesPerMessage: 2n * GiB,
  /** Stable memory bytes written per install/upgrade: 8 GiB (§6.2). */
  stableDirtyBytesPerInstall: 8n * GiB,
  /** Stable memory bytes written per query: 1 GiB (§6.2). */
  stableDirtyBytesPerQuery: 1n * GiB,
  /** Extra instructions per newly dirtied 4 KiB stable page (§8.3 `DEFAULT_DIRTY_PAGE_OVERHEAD`). */
  stableDirtyPageOverhead: 1_000n,
  /** Maximum controllers (§6.3 `MAX_ALLOWED_CONTROLLERS_COUNT`). */
  maxControllers: 10n,
  /**
   * Bounded-wait messages the subnet holds at a round's end before it sheds the largest: 5 GiB (§6.2 "Subnet message
   * memory", EECFG `SUBNET_BEST_EFFORT_MESSAGE_MEMORY_CAPACITY`; `subnet/shedMessages.ts`).
   */
  subnetBestEffortMessageMemoryBytes: 5n * GiB,
  /** Environment variables per canister: 20 (§4.1 `environment_variables`, §6.3 "Env vars", EECFG). */
  maxEnvironmentVariables: 20n,
  /** Bytes of an environment variable's name, and of its value: 128 each (§4.1, §6.3, EECFG). */
  maxEnvironmentVariableBytes: 128n,
  /** Provisional cycles for a canister created without an amount: 100 T (§4.2 EECFG). */
  defaultProvisionalCycles: 100_000_000_000_000n,

  // ---- Canister snapshots (ic-reference.md §6.1, §6.3, §12; replica `canister_manager.rs`) ----
  /** Snapshots one canister may hold: 10; more needs `replace_snapshot` (§6.3, EECFG `MAX_NUMBER_OF_SNAPSHOTS_PER_CANISTER`). */
  maxSnapshotsPerCanister: 10n,
  /**
   * Instructions charged (as `execution_cost`, not against a budget) for taking or loading a snapshot, besides one per
   * byte of the snapshot: 2 B (§6.1 "Snapshot take/load baseline", SUBNET `DEFAULT_CANISTERS_SNAPSHOT_BASELINE_INSTRUCTIONS`).
   */
  canisterSnapshotBaselineInstructions: 2_000_000_000n,
  /**
   * Loading a snapshot recreates the canister from the snapshot's module, whose compilation is charged divided by
   * 100 because the module was compiled on this subnet before (replica `hypervisor.rs` `DESERIALIZATION_SPEED_UP_FACTOR`,
   * `CompilationCostHandling::CountReducedAmount` for a hash in `expected_compiled_wasms`).
   */
  compiledModuleDeserializationSpeedUp: 100n,

  // ---- Chunked code installation (ic-reference.md §4.2, §6.1, §6.3, §12; replica `canister_manager.rs`) ----
  /**
   * The chunk store's capacity: 100 MiB, counted as chunks of `WASM_CHUNK_BYTES` each whatever their length, so at
   * most 100 chunks (§6.3 "chunk store total 100 MiB"; replica `wasm_chunk_store_max_size` = EMBCFG `wasm_max_size`,
   * `wasm_chunk_store.rs` `can_insert_chunk`).
   */
  wasmChunkStoreMaxBytes: 100n * MiB,
  /**
   * Instructions charged for each `upload_chunk`, as `execution_cost` (not against a budget), before the store is
   * looked at: 200 M (§6.1; replica `upload_wasm_chunk_instructions`, SUBNET `DEFAULT_UPLOAD_WASM_CHUNK_INSTRUCTIONS`).
   */
  uploadChunkInstructions: 200_000_000n,

  // ---- Message limits (ic-reference.md §6.3, §1.2) ----
  /** Ingress payload: 2 MiB (§6.3). */
  maxIngressBytes: 2n * MiB,
  /**
   * Messages a queue between a pair of canisters holds: 500 (§6.3 DOC-LIM; replica `DEFAULT_QUEUE_CAPACITY`). A
   * caller has at most this many calls to one callee awaiting a response (`call_perform` returns 2 past it, §1.2),
   * and a callee at most this many requests from one caller waiting in its queue (past it a request is left for the
   * next round, then answered SYS_TRANSIENT, IC0201 — §3.6).
   */
  queueCapacity: 500n,
  /** Reply in replicated execution: 2 MiB (§1.2, §6.3). */
  maxReplyBytes: 2n * MiB,
  /** Reply of a non-replicated query: 3 MiB (§1.2 `MAX_NON_REPLICATED_QUERY_REPLY_SIZE`). */
  maxQueryReplyBytes: 3n * MiB,
  /** Reject message, after truncation: 8 KiB (§3.6 `MAX_REJECT_MESSAGE_LEN_BYTES`). */
  maxRejectMessageBytes: 8n * KiB,
  /** Certified data: 32 bytes (§1.2 `CERTIFIED_DATA_MAX_LENGTH`). */
  maxCertifiedDataBytes: 32n,
  /** debug_print and trap messages are truncated to 32 KiB (§1.2 `MAX_DEBUG_MESSAGE_SIZE`). */
  maxDebugMessageBytes: 32n * KiB,
  /** Default `log_memory_limit`, the canister log store's capacity: 4 KiB (§1.2, §6.2, §12; replica `DEFAULT_AGGREGATE_LOG_MEMORY_LIMIT`). */
  canisterLogBufferBytes: 4n * KiB,
  /**
   * Least non-zero `log_memory_limit`: 4,096 bytes, one OS page; 1–4,095 are refused, 0 turns logging off (§6.2,
   * §12; SPEC-MC `log_memory_limit`; replica `MIN_AGGREGATE_LOG_MEMORY_LIMIT`, ring buffer `DATA_CAPACITY_MIN`).
   */
  minLogMemoryLimit: 4n * KiB,
  /** Greatest `log_memory_limit`: 2 MiB (§6.2, §12; replica `MAX_AGGREGATE_LOG_MEMORY_LIMIT`). */
  maxLogMemoryLimit: 2n * MiB,
  /**
   * Bytes a record takes in the log store besides its content: idx u64, timestamp u64, length u32 = 20 (replica
   * `log_memory_store/log_record.rs` `LogRecord::bytes_len`); the oldest records are purged to make room (§12).
   */
  logStoreRecordOverheadBytes: 20n,
  /**
   * Bytes a record counts for in one execution's log and in a `fetch_canister_logs` result besides its content:
   * `size_of::<CanisterLogRecord>()` = 40 (replica `CanisterLogRecord::data_size`, `canister_log.rs`). The logging
   * charge of `debug_print` and `trap` (§8.3) is measured against that execution log.
   */
  logRecordDataOverheadBytes: 40n,
  /** An execution's own log holds at most 2 MiB (replica `MAX_DELTA_LOG_MEMORY_LIMIT`), and at most `log_memory_limit`. */
  maxExecutionLogBytes: 2n * MiB,
  /**
   * Records a `fetch_canister_logs` answer carries: at most 2,000,000 bytes of them by `CanisterLogRecord::data_size`
   * (§12 "as much as fits in a maximal response"; replica `MAX_FETCH_CANISTER_LOGS_RESULT_BYTES`).
   */
  maxFetchCanisterLogsResultBytes: 2_000_000n,
  /**
   * `fetch_canister_logs` called by a canister (replicated): `(base + per_byte · reply bytes) · nodes`, charged from
   * the attached cycles; the call must carry the fee of a 2,000,000-byte reply, `max_fetch_canister_logs_fee`
   * (§5.1, §12; CAM `fetch_canister_logs_fee` multiplies by the subnet size, it does not scale by nodes / 13).
   */
  fetchCanisterLogsBaseFee: 5_000_000n,
  fetchCanisterLogsPerByteFee: 80n,
  /** The reply size `max_fetch_canister_logs_fee` is computed for: 2,000,000 (CAM, `MAX_FETCH_CANISTER_LOGS_RESPONSE_BYTES`). */
  maxFetchCanisterLogsResponseBytes: 2_000_000n,

  // ---- System API per-call instruction overheads (ic-reference.md §8.3, CPLX `overhead::new`) ----
  /** Default overhead of an ic0 call (500). */
  ic0OverheadDefault: 500n,
  /** `call_perform` (5,000). */
  ic0OverheadCallPerform: 5_000n,
  /** `call_new` (1,500, + 1 per byte of callee and method name). */
  ic0OverheadCallNew: 1_500n,
  /** `is_controller` (1,000, + 1 per byte). */
  ic0OverheadIsController: 1_000n,
  /** `performance_counter` (200). */
  ic0OverheadPerformanceCounter: 200n,
  /** `debug_print` (100, + bytes + logging charge). */
  ic0OverheadDebugPrint: 100n,
  /** `stable(64)_grow` with Wasm-native stable memory, as mainnet runs it (100, `overhead_native::STABLE_GROW`). */
  ic0OverheadStableGrow: 100n,
  /** `stable(64)_read/write/size` (20, + 1 per byte). */
  ic0OverheadStableAccess: 20n,
  /** Bytes copied into or out of the canister cost 1 instruction each (§8.3 `get_num_instructions_from_bytes`). */
  ic0InstructionsPerByte: 1n,
  /** Reply, reject and call-payload bytes cost 50 instructions each (§8.3 `BYTE_TRANSMISSION_COST_FACTOR`). */
  ic0InstructionsPerTransmittedByte: 50n,

  /** Seed of `raw_rand` (the replica uses the random tape of the subnet; here it is a parameter). */
  randomSeed: 0n,
  /** Share of the response-callback limit reserved for the cleanup callback: 5 % (§3.5.4, RESP). */
  cleanupReservePercent: 5n,
  /**
   * Nested Wasm calls an execution may make before it traps with "stack overflow". Ours, not the replica's
   * (ic-reference.md is silent; the replica's limit is its native Wasm stack): V8's own limit depends on the
   * JavaScript below the engine, so a fixed count makes a runaway recursion trap at the same instruction in every
   * runner (`wasm/callDepth.ts`). Low enough that V8's stack lasts for functions of ordinary frame size.
   */
  maxCallDepth: 5_000n,
  /**
   * The fast path (`wasm/fastPath.ts`): an execution runs in the fast module, its heap journaled whole first, when
   * its entry point's previous execution used at least this many instructions per 64 KiB page of heap (copying a
   * page costs about what a few thousand instructions do, so 1,000,000 keeps the copy under 1 % of the run), or when
   * it is a first execution that outran its try (`firstTryInstructions`), and the heap has at most
   * `fastPathMaxHeapPages` pages (16 MiB). Ours, not the replica's; results are the same either way (a trapping
   * execution is replayed with the module's own code). `fastPathInstructionsPerPage` 0 runs every eligible execution
   * run before fast; `fastPathMaxHeapPages` 0 none.
   */
  fastPathInstructionsPerPage: 1_000_000n,
  fastPathMaxHeapPages: 4_096n,
  /**
   * The first execution of an update, heartbeat, timer, callback or `canister_init` runs with at most this many
   * instructions first, and a longer one is undone and run again with its whole budget (`CanisterRuntime.runTryingFirst`),
   * in the fast module when the heap allows: V8 optimizes a function only for its later calls, so without the try a
   * first execution runs to its end in baseline code (a first 40 B-instruction message: 18.8 s instead of 5.8 s on the
   * 2-core machine). Ours, not the replica's; results are the same either way; 0 turns the try off.
   */
  firstTryInstructions: 10_000_000n,

  // ---- Playground resource limits (ours, not the replica's; docs/SCENARIO-EXTENSIONS.md) ----
  /**
   * Memory the engine may really hold for the whole subnet: written 4 KiB stable pages and their rollback copies,
   * Wasm heaps and their journals, snapshots and chunk stores (`canister/memoryMeter.ts`). The replica's limits
   * (500 GiB stable memory per canister, 2 TiB per subnet, ic-reference.md §6.2) fit a node, not a browser tab or a
   * laptop, so beyond this the playground refuses *as its own limit*, as the replica does when its subnet's memory is
   * exhausted (`allocate_execution_memory` → `HypervisorError::OutOfMemory`): `memory.grow`, a write to a new 4 KiB
   * stable page and an install whose initial heap does not fit trap with IC0507 and roll back; a snapshot or chunk
   * is rejected with IC0101 (`SubnetOversubscribed`). Growing stable memory allocates nothing (pages are stored
   * when written), so `stable64_grow` is bound only by `maxStableMemoryBytes`. Each refusal leaves a
   * `playground_limit` trace event. 4 GiB suits Node on a 24 GiB machine; the browser's worker
   * passes 1 GiB (`BROWSER_PLAYGROUND_LIMITS`, `subnet/playgroundLimits.ts`).
   */
  playgroundMemoryBytes: 4n * GiB,
  /**
   * Canisters the subnet may hold at once (deleted ones do not count). An idle one costs about 15 KB of JavaScript
   * heap besides its memories (issue 16; it was 1.1 MB, the write barrier's table, and Node's heap gave out at about
   * 4,500: issue 17), and only the canisters that ran last keep a live instance (`canister/liveInstances.ts`): past
   * this, `create_canister` is rejected with the replica's IC0102 `MaxNumberOfCanistersReached` (replica
   * `canister_manager.rs` `create_canister_helper`, the subnet record's `max_number_of_canisters`) saying it is the
   * playground's limit, and a scenario declaring more is refused when it is loaded. 10,000 in Node; the browser's
   * worker passes 500 (a graph of more is unreadable).
   */
  maxCanisters: 10_000n,
  /**
   * `ic0` calls one execution may make; the next traps (IC0502) saying it is the playground's limit, with a
   * `playground_limit` trace event. The replica bounds an execution by instructions alone, and charges a System API
   * call from 20 instructions (stable memory access) to 5,000 (`call_perform`); the engine spends 0.1–1 µs on any
   * call (measured: `stable64_read` of nothing 0.26 µs, an empty `debug_print` 0.7 µs), so 40 B instructions of
   * cheap calls would take it 5–10 minutes. 20 M calls take it 2–15 s; real canisters make far fewer (an
   * `ic-stable-structures` map makes tens of stable reads an insert: 20 M of them are hundreds of thousands of inserts
   * in one message).
   */
  maxSystemApiCallsPerMessage: 20_000_000n,

  // ---- Time (SCENARIO.md "Presets") ----
  /** Simulated length of one round: 1 s. */
  roundDurationNs: 1_000_000_000n,
  /** Subnet genesis: 2021-05-10T00:00:00Z. */
  genesisTimeNs: 1_620_604_800_000_000_000n,
};

export type EngineParams = { -readonly [K in keyof typeof IC_PARAMS]: bigint };
export type ParamName = keyof EngineParams;
export type Preset = 'ic' | 'classroom';

/**
 * The instruction limits the `classroom` preset divides by 1,000 (SCENARIO.md "Presets"), and the compilation
 * cost with them. The replica takes compilation (6,000 instructions per Wasm instruction, ic-reference.md §6.1)
 * out of the install budget (300 B, §6.1, §4.3): a module of up to 50 M Wasm instructions fits. Dividing the
 * budget alone would leave room for 50 K, less than any moc-compiled canister has (its runtime system alone is
 * about 100 K: IC0522 at install); divided alike, every module that installs under `ic` installs here too.
 */
const CLASSROOM_SCALED: readonly ParamName[] = [
  'maxInstructionsPerMessage', 'maxInstructionsPerQuery', 'maxInstructionsPerInstallCode', 'sliceInstructions',
  'installCodeSliceInstructions', 'maxInstructionsPerInspectMessage', 'maxInstructionsPerRound',
  'costToCompileWasmInstruction',
  // The composite-query graph's total and per-call overhead are instruction counts measured against the per-query
  // limit: undivided, a classroom graph (5 B) could never run out before its queries (5 M each) do, and one call's
  // overhead (50 M) would be ten queries. The depth is a count of calls, not instructions: it stays 6.
  'maxInstructionsPerCompositeQueryGraph', 'compositeQueryCallOverhead',
  // The round's overheads with the round: undivided, 2 M per execution would leave a classroom round (4 M) room
  // for two messages.
  'instructionOverheadPerExecution', 'instructionOverheadPerCanister', 'instructionOverheadPerCanisterForFinalization',
];

export interface SubnetConfig {
  readonly params: EngineParams;
  /** Subnet size; fees scale by nodes / 13 (ic-reference.md §5.1). */
  readonly nodes: bigint;
  readonly preset: Preset;
}

/** Nodes a subnet may have: fees are multiplied by the count (`scaleFee`), so it is bounded like `referenceSubnetSize`. */
export const MAX_SUBNET_NODES = 1_000n;

export type CreateParamsResult = { ok: true; config: SubnetConfig } | { ok: false; error: string };

/** Builds the parameter table for a preset, a subnet size and named overrides (decimal strings). */
export function createSubnetConfig(
  preset: Preset = 'ic',
  nodes: bigint = 13n,
  overrides: Readonly<Record<string, string>> = {},
): CreateParamsResult {
  const params = { ...IC_PARAMS } as EngineParams;
  if (preset === 'classroom') for (const name of CLASSROOM_SCALED) params[name] = params[name] / 1000n;
  for (const [name, text] of Object.entries(overrides)) {
    if (!isParamName(name)) return { ok: false, error: `subnet.params.${name}: unknown engine parameter` };
    if (!/^[0-9]+$/.test(text)) return { ok: false, error: `subnet.params.${name}: must be a decimal string` };
    // Longer than any range's bound (2^256 has 78 digits): refused without converting a million digits.
    if (text.length > 100) return { ok: false, error: `subnet.params.${name}: a number of ${text.length} digits is out of its range${describeRange(name)}` };
    params[name] = BigInt(text);
  }
  if (nodes < 1n || nodes > MAX_SUBNET_NODES) return { ok: false, error: `subnet.nodes: must be between 1 and ${MAX_SUBNET_NODES}` };
  const problem = checkParams(params);
  if (problem) return { ok: false, error: problem };
  return { ok: true, config: { params, nodes, preset } };
}

export function isParamName(name: string): name is ParamName {
  return Object.prototype.hasOwnProperty.call(IC_PARAMS, name);
}

/** Scales a 13-node fee to the subnet's size with integer division, as CAM `scale_cost` does (§5.1). */
export function scaleFee(config: SubnetConfig, fee: bigint): bigint {
  return (fee * config.nodes) / config.params.referenceSubnetSize;
}
