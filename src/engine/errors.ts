/**
 * Reject codes, error codes and the trap signal. Source: ic-reference.md §3.6 (SPEC-HTTP reject codes; ERRT
 * error codes: the first digit of an `ICxxxx` code is its reject code).
 */

export const RejectCode = {
  SYS_FATAL: 1,
  SYS_TRANSIENT: 2,
  DESTINATION_INVALID: 3,
  CANISTER_REJECT: 4,
  CANISTER_ERROR: 5,
  SYS_UNKNOWN: 6,
} as const;
export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];

/** The replica's user-facing error codes used by the engine (ERRT `ErrorCode`, ic-reference.md §3.6). */
export const ErrorCode = {
  /** The subnet has no memory left for what was asked (ERRT `SubnetOversubscribed`); here: the playground's memory budget. */
  SubnetOversubscribed: 101,
  /** The subnet holds as many canisters as it may (ERRT `MaxNumberOfCanistersReached`); here: the playground's `maxCanisters`. */
  MaxNumberOfCanistersReached: 102,
  CanisterQueueFull: 201,
  StopCanisterRequestTimeout: 206,
  CanisterOutOfCycles: 207,
  CanisterNotFound: 301,
  /** No snapshot with that id (never taken, deleted, replaced, or its canister is gone; ERRT `CanisterSnapshotNotFound`, §12). */
  CanisterSnapshotNotFound: 305,
  InsufficientCyclesForCreateCanister: 403,
  CanisterRejectedMessage: 406,
  UnknownManagementMessage: 407,
  InvalidManagementPayload: 408,
  CanisterTrapped: 502,
  CanisterCalledTrap: 503,
  CanisterContractViolation: 504,
  CanisterInvalidWasm: 505,
  CanisterDidNotReply: 506,
  CanisterOutOfMemory: 507,
  CanisterStopped: 508,
  CanisterStopping: 509,
  CanisterNotStopped: 510,
  CanisterStoppingCancelled: 511,
  CanisterInvalidController: 512,
  CanisterNonEmpty: 514,
  CanisterInstructionLimitExceeded: 522,
  CanisterMemoryAccessLimitExceeded: 524,
  /** A composite query's calls nest deeper than the graph allows (ic-reference.md §6.1; ERRT `QueryCallGraphTooDeep`). */
  QueryCallGraphTooDeep: 525,
  /** A composite query's call graph used its 5 B instructions (§6.1; ERRT `QueryCallGraphTotalInstructionLimitExceeded`). */
  QueryCallGraphTotalInstructionLimitExceeded: 526,
  CompositeQueryCalledInReplicatedMode: 527,
  CanisterMethodNotFound: 536,
  CanisterWasmModuleNotFound: 537,
  CanisterWasmMemoryLimitExceeded: 539,
  /** The memory an operation adds would freeze the canister (ERRT `InsufficientCyclesInMemoryGrow`; snapshots, §12). */
  InsufficientCyclesInMemoryGrow: 532,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A response that is not a reply: who produced it is visible from `errorCode` (null for `msg_reject`). */
export interface Reject {
  readonly rejectCode: RejectCode;
  /** `ICxxxx`; the canister's own `msg_reject` carries IC0406 only on ingress, per the replica. */
  readonly errorCode: string | null;
  readonly message: string;
}

/** Formats an error code as the replica prints it: `IC0503`. */
export function errorCodeText(code: ErrorCode): string {
  return `IC${String(code).padStart(4, '0')}`;
}

/** The reject code an error code belongs to: its first digit (ERRT). */
export function rejectCodeOf(code: ErrorCode): RejectCode {
  return Math.floor(code / 100) as RejectCode;
}

/** A system-generated reject for an error code. */
export function systemReject(code: ErrorCode, message: string): Reject {
  return { rejectCode: rejectCodeOf(code), errorCode: errorCodeText(code), message };
}

/**
 * Thrown by host functions to end the current execution with a trap. It is a tagged plain object, not an
 * Error subclass, so a bug (a real Error) is never mistaken for a canister trap (style-anchors §9.4 rule 14).
 */
export interface TrapSignal {
  readonly tag: 'canister-trap';
  readonly code: ErrorCode;
  /** The trap text without the `Error from Canister …:` prefix. */
  readonly message: string;
  /** Set when the playground's own resource limit refused it, not the replica's (trace event `playground_limit`). */
  readonly playgroundLimit?: PlaygroundLimitNote;
}

/** A refusal by one of the playground's own limits (params.ts "Playground resource limits"): what it names. */
export interface PlaygroundLimitNote {
  readonly parameter: 'playgroundMemoryBytes' | 'maxCanisters' | 'maxSystemApiCallsPerMessage';
  readonly limit: bigint;
  readonly inUse: bigint;
  readonly requested: bigint;
  /** What was refused, in words ("memory.grow", "take_canister_snapshot", …). */
  readonly refused: string;
}

export function trapSignal(code: ErrorCode, message: string): TrapSignal {
  return { tag: 'canister-trap', code, message };
}

export function isTrapSignal(value: unknown): value is TrapSignal {
  return typeof value === 'object' && value !== null && (value as { tag?: unknown }).tag === 'canister-trap';
}

/** A bug in the engine: thrown, never a result. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`engine invariant violated: ${message}`);
}
