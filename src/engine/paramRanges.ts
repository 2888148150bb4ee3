/**
 * The valid range of every engine parameter (params.ts) and the relations between them, checked when a scenario
 * is read (`subnet.params`, SCENARIO.md; docs/SCENARIO-EXTENSIONS.md "Parameter ranges"). A range keeps the
 * engine's arithmetic meaningful, not the replica's numbers: a learner may raise a limit far beyond mainnet's or
 * lower it to nothing, but not to a value the engine cannot compute with (a divisor of 0, a thread count that
 * allocates gigabytes, an instruction count that overflows the Wasm counter's i64, a cycle amount beyond the
 * ledger's 128 bits, a clock beyond `ic0.time`'s 64 bits).
 */
import type { EngineParams, ParamName } from './params.ts';

export interface ParamRange {
  readonly min: bigint;
  readonly max: bigint;
}

const KiB = 1024n;
const MiB = 1024n * KiB;
const GiB = 1024n * MiB;
const TiB = 1024n * GiB;

/**
 * Instruction counts: at most 10^15, 25,000 times mainnet's largest message limit (40 B). The instrumented
 * module counts in an i64 (2^63 ≈ 9.2 · 10^18), and the engine adds a few limits and overheads together, so a
 * bound a thousand times below the counter's range keeps every sum exact.
 */
const INSTRUCTIONS_MAX = 10n ** 15n;
/**
 * Cycle fees: at most 10^18 (the largest replica fee, canister creation, is 5 · 10^11). A fee times the largest
 * count it is multiplied by (10^15 instructions, 2^30 bytes, 1,000 nodes) stays below 2^128, the width of a
 * cycle balance (ic-reference.md §5; `ic0.canister_cycle_balance128`).
 */
const FEE_MAX = 10n ** 18n;
/** Message and buffer sizes: at most 1 GiB, beyond what a JavaScript engine lets one buffer hold comfortably. */
const BUFFER_MAX = GiB;
/** Memory sizes and budgets: at most 256 TiB (2^48 bytes: 2^32 Wasm pages, every page index an exact number). */
const MEMORY_MAX = 256n * TiB;
/** A count of things kept in lists (controllers, snapshots, variables): at most 10,000. */
const COUNT_MAX = 10_000n;
/** 2^128 − 1: the most cycles a balance holds (ic-reference.md §5, `canister_cycle_balance128`). */
export const CYCLES_MAX = (1n << 128n) - 1n;
/** 2^64 − 1 nanoseconds: the last time `ic0.time` (an i64 read as u64) can express, in the year 2554. */
export const TIME_MAX_NS = (1n << 64n) - 1n;

const range = (min: bigint, max: bigint): ParamRange => ({ min, max });
const instructions = range(0n, INSTRUCTIONS_MAX);
/** A limit an execution runs under: at least 1 (0 would make every execution fail before it starts). */
const limit = range(1n, INSTRUCTIONS_MAX);
const fee = range(0n, FEE_MAX);
const bufferBytes = range(0n, BUFFER_MAX);
const memoryBytes = range(0n, MEMORY_MAX);
const overhead = range(0n, 10n ** 9n);

/** Every parameter's range (a test checks none is missing; one without a range is refused). */
export const PARAM_RANGES: { readonly [K in ParamName]?: ParamRange } = {
  maxInstructionsPerMessage: limit,
  maxInstructionsPerQuery: limit,
  maxInstructionsPerInstallCode: limit,
  /** A slice divides a message's budget (`sliceCount`): at least 1. */
  sliceInstructions: limit,
  installCodeSliceInstructions: limit,
  /**
   * At least 1. Shorter than a message's slices, and that message never finishes (it is aborted before its last
   * slice every time), as it would not on a replica checkpointing that often; the run still ends at its limits.
   */
  checkpointIntervalRounds: range(1n, 10n ** 9n),
  /** At least 1: with none kept, no long message could ever finish. */
  maxPausedExecutions: range(1n, COUNT_MAX),
  maxInstructionsPerInspectMessage: limit,
  maxInstructionsPerCompositeQueryGraph: limit,
  compositeQueryCallOverhead: instructions,
  /** Calls below a composite query; each level is a nested execution, so no more than 1,000. */
  maxCompositeQueryDepth: range(0n, 1_000n),
  maxInstructionsPerRound: limit,
  instructionOverheadPerExecution: instructions,
  instructionOverheadPerCanister: instructions,
  instructionOverheadPerCanisterForFinalization: instructions,
  /** Each thread has its own list of canisters each round: 1 to 64 (mainnet 4). */
  executionThreads: range(1n, 64n),
  costToCompileWasmInstruction: range(0n, 10n ** 9n),
  /** A divisor and a count of slices (§7.3 safeguard): 1 to 1,000,000. */
  maxSlicesPerMessage: range(1n, 1_000_000n),

  /** Fees are divided by it (`scaleFee`): 1 to 1,000 nodes. */
  referenceSubnetSize: range(1n, 1_000n),
  canisterCreationFee: fee,
  updateMessageExecutionFee: fee,
  /** Instructions are multiplied by it and divided by 10: at most 10^18 too. */
  tenUpdateInstructionsExecutionFee: fee,
  xnetCallFee: fee,
  xnetByteTransmissionFee: fee,
  ingressMessageReceptionFee: fee,
  ingressByteReceptionFee: fee,
  gibStoragePerSecondFee: fee,
  baseStoragePerSecondFee: fee,
  computePercentAllocatedPerSecondFee: fee,
  /** The interval between allocation charges, in seconds: at least 1 (0 would charge without end), at most a year. */
  allocationChargeIntervalSeconds: range(1n, 31_536_000n),
  signatureFee: fee,
  vetKdFee: fee,
  httpRequestBaseFee: fee,
  httpRequestPerNodeFee: fee,
  httpRequestPerByteFee: fee,
  httpResponsePerByteFee: fee,
  httpDefaultMaxResponseBytes: bufferBytes,
  keySubnetNodes: range(1n, 1_000n),

  /** Seconds: at most 100 years. */
  defaultFreezingThreshold: range(0n, 3_153_600_000n),
  defaultReservedCyclesLimit: range(0n, CYCLES_MAX),
  defaultWasmMemoryLimit: memoryBytes,
  /** A wasm32 heap cannot exceed 4 GiB (65,536 pages of 64 KiB). */
  maxWasm32MemoryBytes: range(0n, 4n * GiB),
  maxStableMemoryBytes: memoryBytes,
  /** The 32-bit stable API addresses at most 4 GiB. */
  max32BitStableMemoryBytes: range(0n, 4n * GiB),
  stableDirtyBytesPerMessage: memoryBytes,
  stableDirtyBytesPerInstall: memoryBytes,
  stableDirtyBytesPerQuery: memoryBytes,
  stableDirtyPageOverhead: overhead,
  maxControllers: range(0n, COUNT_MAX),
  subnetBestEffortMessageMemoryBytes: memoryBytes,
  maxEnvironmentVariables: range(0n, COUNT_MAX),
  maxEnvironmentVariableBytes: range(0n, MiB),
  defaultProvisionalCycles: range(0n, CYCLES_MAX),

  maxSnapshotsPerCanister: range(0n, COUNT_MAX),
  canisterSnapshotBaselineInstructions: instructions,
  /** A divisor of the compilation cost: 1 to 10^9. */
  compiledModuleDeserializationSpeedUp: range(1n, 10n ** 9n),

  /** Every chunk takes 1 MiB of real memory: at most 1 GiB (1,024 chunks) per store. */
  wasmChunkStoreMaxBytes: range(0n, GiB),
  uploadChunkInstructions: instructions,

  /** 0 is a queue that holds nothing (every call refused): a what-if, not the IC. */
  queueCapacity: range(0n, COUNT_MAX),
  maxIngressBytes: bufferBytes,
  maxReplyBytes: bufferBytes,
  maxQueryReplyBytes: bufferBytes,
  maxRejectMessageBytes: bufferBytes,
  maxCertifiedDataBytes: range(0n, MiB),
  maxDebugMessageBytes: bufferBytes,
  /** The default log store's capacity; 0 turns logging off (see the relation below). */
  canisterLogBufferBytes: bufferBytes,
  minLogMemoryLimit: range(1n, BUFFER_MAX),
  maxLogMemoryLimit: range(1n, BUFFER_MAX),
  logStoreRecordOverheadBytes: range(0n, MiB),
  logRecordDataOverheadBytes: range(0n, MiB),
  maxExecutionLogBytes: bufferBytes,
  maxFetchCanisterLogsResultBytes: bufferBytes,
  fetchCanisterLogsBaseFee: fee,
  fetchCanisterLogsPerByteFee: fee,
  maxFetchCanisterLogsResponseBytes: bufferBytes,

  ic0OverheadDefault: overhead,
  ic0OverheadCallPerform: overhead,
  ic0OverheadCallNew: overhead,
  ic0OverheadIsController: overhead,
  ic0OverheadPerformanceCounter: overhead,
  ic0OverheadDebugPrint: overhead,
  ic0OverheadStableGrow: overhead,
  ic0OverheadStableAccess: overhead,
  ic0InstructionsPerByte: range(0n, 1_000_000n),
  ic0InstructionsPerTransmittedByte: range(0n, 1_000_000n),

  /** Only ever written into the seed text of `raw_rand`: any 256-bit number. */
  randomSeed: range(0n, (1n << 256n) - 1n),
  /** A share of a limit, in percent. */
  cleanupReservePercent: range(0n, 100n),
  /**
   * At most the default, 5,000: the count exists so a runaway recursion traps before V8's own stack runs out
   * (params.ts `maxCallDepth`); a larger count would let V8's stack overflow first, a crash instead of a trap.
   */
  maxCallDepth: range(1n, 5_000n),
  /** Only compared with an execution's count per page: any value above every count (10^18, say) means "never". */
  fastPathInstructionsPerPage: range(0n, FEE_MAX),
  /** Pages of a wasm32 heap: at most 65,536. */
  fastPathMaxHeapPages: range(0n, 65_536n),
  /** Like an instruction limit; 0 turns the try off. */
  firstTryInstructions: range(0n, 1_000_000_000_000_000n),

  /** The playground's own memory budget: as large as memory sizes may be (raising it past the machine is the user's call). */
  playgroundMemoryBytes: memoryBytes,
  /**
   * At most 20,000: an idle canister costs about 15 KB of JavaScript heap and 150 KB resident (issue 16, target 3;
   * 20,000 measured to fit in Node: `bench/canisterFootprint.ts 20000`); it was 1.1 MB and Node's heap gave out at
   * about 4,500 (issue 17 item 10). Above the range the limit would be a crash, not a refusal.
   */
  maxCanisters: range(0n, 20_000n),
  /** At least 1; at most 10^12 (counted in a JavaScript number, and more than 40 B instructions of calls can make). */
  maxSystemApiCallsPerMessage: range(1n, 1_000_000_000_000n),

  /** At least 1 ns, at most one day per round (a million rounds of a day stay below `ic0.time`'s end). */
  roundDurationNs: range(1n, 86_400_000_000_000n),
  /** At most 2^62 ns (the year 2116): room for a million rounds and years of `advanceTime` before 2^64. */
  genesisTimeNs: range(0n, 1n << 62n),
};

/**
 * Relations between parameters that their ranges alone cannot say. Not a relation: a slice at least as large as its
 * message limit, which the replica allows and which turns slicing off for that message (ic-reference.md §7 "Slicing
 * is on iff slice < total"; replica `InstructionLimits::slice` = min(max_slice, message)).
 */
interface ParamRelation {
  readonly holds: (params: EngineParams) => boolean;
  /** What must hold, in words, naming the parameters as a scenario writes them. */
  readonly rule: string;
}

const PARAM_RELATIONS: readonly ParamRelation[] = [
  {
    holds: (p) => p.minLogMemoryLimit <= p.maxLogMemoryLimit,
    rule: 'minLogMemoryLimit must be at most maxLogMemoryLimit (the least and greatest log_memory_limit a canister may set, §12)',
  },
  {
    holds: (p) => p.canisterLogBufferBytes === 0n
      || (p.minLogMemoryLimit <= p.canisterLogBufferBytes && p.canisterLogBufferBytes <= p.maxLogMemoryLimit),
    rule: 'canisterLogBufferBytes (the default log_memory_limit) must be 0 or between minLogMemoryLimit and maxLogMemoryLimit, as a canister\'s own setting must (§12)',
  },
  {
    holds: (p) => p.max32BitStableMemoryBytes <= p.maxStableMemoryBytes,
    rule: 'max32BitStableMemoryBytes must be at most maxStableMemoryBytes (the 32-bit API addresses the start of stable memory)',
  },
];

/** The first parameter out of its range or the first relation that does not hold, as a message; undefined if none. */
export function checkParams(params: EngineParams): string | undefined {
  for (const name of Object.keys(params) as ParamName[]) {
    const problem = rangeProblem(name, params[name]);
    if (problem) return `subnet.params.${name}: ${problem}`;
  }
  const broken = PARAM_RELATIONS.find((relation) => !relation.holds(params));
  return broken && `subnet.params: ${broken.rule}`;
}

/**
 * "5000 is out of its range, 1 to 64 (docs/…)" when `value` is outside the parameter's range; undefined within it
 * (or for a parameter without one: paramRanges.test.ts fails for that).
 */
export function rangeProblem(name: ParamName, value: bigint): string | undefined {
  const range = PARAM_RANGES[name];
  if (!range || (value >= range.min && value <= range.max)) return undefined;
  return `${value} is out of its range${describeRange(name)}`;
}

/** ", 1 to 64 (docs/…)": the range of a parameter as a message ends with it. */
export function describeRange(name: ParamName): string {
  const range = PARAM_RANGES[name];
  return range ? `, ${range.min} to ${range.max} (docs/SCENARIO-EXTENSIONS.md "Parameter ranges")` : '';
}
