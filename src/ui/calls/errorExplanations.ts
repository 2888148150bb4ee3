/**
 * What the replica's reject and error codes mean, in a sentence a learner can act on (ic-reference.md §3.6, the
 * replica's `ErrorCode` documentation). One entry per code the engine produces: the table is keyed by the engine's
 * own `ErrorCode` names, so a new code cannot go unexplained.
 */
import { ErrorCode, errorCodeText, RejectCode } from '../../engine/index.ts';

const ERRORS: Readonly<Record<keyof typeof ErrorCode, string>> = {
  SubnetOversubscribed: 'the subnet has no memory left for this; in the playground: its own memory budget (playgroundMemoryBytes), a limit of the playground, not of the IC. Free memory (delete snapshots, clear chunk stores) or raise the parameter',
  MaxNumberOfCanistersReached: 'the subnet holds as many canisters as it may; in the playground: its own limit maxCanisters, a limit of the playground, not of the IC. Delete canisters or raise the parameter',
  CanisterQueueFull: 'the canister\'s input queue is full: try again later',
  StopCanisterRequestTimeout: 'the canister did not stop in time: its open calls did not finish',
  CanisterOutOfCycles: 'the canister is frozen or cannot prepay: its balance is below its freezing limit plus what the message needs. Top it up',
  CanisterNotFound: 'there is no canister with this id (never created, or deleted)',
  CanisterSnapshotNotFound: 'there is no snapshot with this id: never taken, deleted, replaced by a newer one, or its canister was deleted or ran out of cycles (list_canister_snapshots shows those there are)',
  InsufficientCyclesForCreateCanister: 'too few cycles attached to create a canister: the creation fee was not covered',
  CanisterRejectedMessage: 'the canister rejected the message itself (msg_reject, or canister_inspect_message refused it); from the management canister: it refused a request it cannot grant (a setting out of range, a snapshot limit reached or one of another canister)',
  UnknownManagementMessage: 'the management canister has no such method',
  InvalidManagementPayload: 'the management call\'s argument is not the Candid the method expects',
  CanisterTrapped: 'the canister trapped (a Wasm trap such as unreachable or an out-of-bounds access): its changes were rolled back',
  CanisterCalledTrap: 'the canister called ic0.trap: its changes were rolled back',
  CanisterContractViolation: 'the canister broke a System API rule (e.g. replied twice, or called an ic0 function not allowed here)',
  CanisterInvalidWasm: 'the module is not valid Wasm for a canister',
  CanisterDidNotReply: 'the method returned without replying or rejecting',
  CanisterOutOfMemory: 'the canister ran out of memory (in the playground also: it needed more than the playground\'s own memory budget, playgroundMemoryBytes, allows; a limit of the playground, not of the IC)',
  CanisterStopped: 'the canister is stopped: it accepts no calls until it is started',
  CanisterStopping: 'the canister is stopping: it accepts no new calls',
  CanisterNotStopped: 'the canister must be stopped first (e.g. before it is deleted)',
  CanisterStoppingCancelled: 'stopping was cancelled: the canister was started again',
  CanisterInvalidController: 'only a controller of the canister may do this',
  CanisterNonEmpty: 'the canister already has code: use reinstall or upgrade',
  CanisterInstructionLimitExceeded: 'the message used more instructions than its limit allows: its changes were rolled back',
  CanisterMemoryAccessLimitExceeded: 'the message touched more memory than allowed',
  QueryCallGraphTooDeep: 'the composite query\'s calls nested deeper than the subnet allows (6 calls deep)',
  QueryCallGraphTotalInstructionLimitExceeded: 'the composite query and the queries it called used more instructions together than the graph allows (5 B, and 50 M per call)',
  CompositeQueryCalledInReplicatedMode: 'a composite query can only be called as a query',
  CanisterMethodNotFound: 'the canister exports no method of this name and kind (update or query)',
  CanisterWasmModuleNotFound: 'the canister has no code installed (empty, or uninstalled)',
  CanisterWasmMemoryLimitExceeded: 'the canister\'s Wasm memory would exceed its wasm_memory_limit setting',
  InsufficientCyclesInMemoryGrow: 'the memory this adds (e.g. a snapshot, or a 1 MiB Wasm chunk) would raise the freezing limit above the balance: top the canister up first',
};

const REJECTS: Readonly<Record<number, string>> = {
  [RejectCode.SYS_FATAL]: 'SYS_FATAL',
  [RejectCode.SYS_TRANSIENT]: 'SYS_TRANSIENT: may succeed if retried later',
  [RejectCode.DESTINATION_INVALID]: 'DESTINATION_INVALID: no such canister or method',
  [RejectCode.CANISTER_REJECT]: 'CANISTER_REJECT: the canister rejected it',
  [RejectCode.CANISTER_ERROR]: 'CANISTER_ERROR: the canister failed (trap, no reply, no code…)',
  [RejectCode.SYS_UNKNOWN]: 'SYS_UNKNOWN: the outcome is unknown (e.g. a deadline passed)',
};

const BY_CODE: ReadonlyMap<string, string> = new Map(
  (Object.keys(ErrorCode) as (keyof typeof ErrorCode)[]).map((name) => [errorCodeText(ErrorCode[name]), ERRORS[name]]),
);

/** `IC0207` → what it means; null for a code the engine does not produce. */
export function explainErrorCode(code: string | null | undefined): string | null {
  return code ? BY_CODE.get(code) ?? null : null;
}

/** `2` → `SYS_TRANSIENT: may succeed if retried later`. */
export function explainRejectCode(code: number | undefined): string | null {
  return code === undefined ? null : REJECTS[code] ?? null;
}
