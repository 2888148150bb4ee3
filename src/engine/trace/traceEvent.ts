/**
 * The engine's trace: every observable thing that happens on the subnet, in one ordered log. The report's
 * `events`, and the app's graph, timeline and inspector, are all views of it. Every event carries the
 * round it happened in (0 = before the first round, e.g. scenario set-up) and a `kind`.
 * Amounts, instruction counts and times are bigint (decimal strings once serialised).
 *
 * Kinds (see docs/TRACE.md for the prose version):
 * - `round_started` / `round_finished` — one round of the scheduler; time is the round's batch time.
 * - `iteration_started` — an iteration of the round that ran something: the first runs what was queued at the
 *   round's start, each later one what the iteration before sent on the subnet (§7.1).
 * - `time_advanced` — the `advanceTime` step moved the clock.
 * - `params_changed` — the `setParams` step changed parameters the subnet reads as it goes, from then on.
 * - `canister_created` — a canister id was minted (set-up, or `create_canister`).
 * - `cycles_topped_up` — the `topUp` step added cycles.
 * - `trap_planned` — the `trap` step: the canister's next call (to `method`, or any update call) traps as it begins.
 * - `ingress_submitted` — a user submitted an update call; `messageId` names it until it completes.
 * - `ingress_refused` — refused before induction (inspect_message, missing/empty/stopped/frozen canister).
 * - `ingress_inducted` — accepted into the subnet and queued at its receiver (the fee is a `cycles_charged`).
 * - `ingress_completed` — the call's response: a reply or a reject with its codes.
 * - `execution` — one run of one entry point: its context, instructions, slices, outcome and, on a trap,
 *   what was rolled back.
 * - `cycles_charged` / `cycles_refunded` — a charge or refund by kind (ingress induction, execution, storage …).
 * - `management_call` — the management canister handled a method (its response is reported on the ingress).
 * - `code_installed` / `code_uninstalled` — module changes with mode and module hash.
 * - `status_changed` — running / stopping / stopped transitions.
 * - `settings_changed` — `update_settings` applied (the changed fields).
 * - `canister_deleted` — deleted; the id is never reused.
 * - `snapshot_taken` / `snapshot_loaded` / `snapshot_deleted` — canister snapshots (§12), named by their id in hex.
 * - `chunk_uploaded` / `chunk_store_cleared` — the Wasm chunk store (§12): a chunk stored (or found already there), the
 *   store emptied by `clear_chunk_store` or with the canister's code.
 * - `log` — a `debug_print` or trap line in a canister's log.
 * - `execution_aborted` — a paused long execution thrown away at a checkpoint (or past the paused limit), to restart.
 * - `playground_limit` — one of the playground's own resource limits (not the replica's) refused something.
 * - `query_executed` — a non-replicated query answered outside the rounds (a step, not a round event); also each
 *   call made in a composite query's call graph, with its `depth`.
 */
export type CanisterStatus = 'running' | 'stopping' | 'stopped';

export type ResponseSummary =
  | { readonly type: 'reply'; readonly bytes: number }
  | { readonly type: 'reject'; readonly rejectCode: number; readonly errorCode: string | null; readonly message: string };

/** Why a snapshot went (`snapshot_deleted`). */
export type SnapshotDeletion = 'delete_canister_snapshot' | 'replaced' | 'canister_deleted' | 'out_of_cycles';

export type ChargeKind =
  | 'ingress_induction' | 'execution' | 'install_code' | 'storage' | 'compute_allocation' | 'burn'
  | 'call' | 'canister_creation' | 'lost';

export type TraceEvent =
  | { kind: 'round_started'; round: number; timeNs: bigint }
  /** An iteration of the round's scheduler loop that ran something (§7.1): from the second on, what follows ran
   * after the requests and responses the iteration before produced on the subnet were inducted. */
  | { kind: 'iteration_started'; round: number; iteration: number }
  | {
      kind: 'round_finished'; round: number; instructions: bigint; executions: number;
      /** Every live canister's balance and freezing limit at the end of the round (the inspector's cycles chart). */
      balances: { canister: string; cycles: bigint; freezingLimit: bigint }[];
    }
  | { kind: 'time_advanced'; round: number; seconds: bigint; timeNs: bigint }
  | { kind: 'params_changed'; round: number; params: { name: string; value: bigint }[] }
  | { kind: 'canister_created'; round: number; canister: string; cycles: bigint; controllers: string[] }
  | { kind: 'cycles_topped_up'; round: number; canister: string; amount: bigint }
  | { kind: 'trap_planned'; round: number; canister: string; method: string | null; message: string }
  | { kind: 'ingress_submitted'; round: number; messageId: number; from: string; to: string; method: string; argBytes: number }
  | { kind: 'ingress_refused'; round: number; messageId: number; rejectCode: number; errorCode: string | null; message: string }
  | { kind: 'ingress_inducted'; round: number; messageId: number; canister: string }
  | { kind: 'ingress_completed'; round: number; messageId: number; response: ResponseSummary }
  | {
      kind: 'execution'; round: number; canister: string; entryPoint: string; context: string; caller: string;
      messageId: number | null; instructions: bigint; slices: number; outcome: 'ok' | 'trap';
      errorCode: string | null; message: string | null;
      /** On a trap: what the rollback restored (heap bytes, stable bytes, …); empty when nothing changed. */
      rolledBack: string[];
      /** The `ic0` functions it called, with counts. */
      systemCalls: Record<string, number>;
      /** The inter-canister request it served (or whose response it handled), if any. */
      requestId: number | null;
      /** Its argument (size, and hex of the first 64 bytes) and, if it replied or rejected, what. */
      argBytes: number;
      arg: string;
      reply: string | null;
      rejectMessage: string | null;
      /** Net cycles it cost (prepayment less refund), where the execution is charged on its own. */
      cyclesCharged: bigint | null;
    }
  | { kind: 'cycles_charged'; round: number; canister: string; charge: ChargeKind; amount: bigint }
  | { kind: 'cycles_refunded'; round: number; canister: string; charge: ChargeKind; amount: bigint }
  | { kind: 'management_call'; round: number; method: string; caller: string; canister: string | null; messageId: number | null }
  | { kind: 'code_installed'; round: number; canister: string; mode: 'install' | 'reinstall' | 'upgrade'; moduleHash: string }
  | { kind: 'code_uninstalled'; round: number; canister: string; reason: 'uninstall_code' | 'out_of_cycles' }
  | { kind: 'status_changed'; round: number; canister: string; from: CanisterStatus; to: CanisterStatus }
  | { kind: 'settings_changed'; round: number; canister: string; fields: string[] }
  | { kind: 'canister_deleted'; round: number; canister: string }
  /** A snapshot was taken (ic-reference.md §12): its id in hex (local index u64 ‖ canister id) and its size in bytes. */
  | { kind: 'snapshot_taken'; round: number; canister: string; snapshot: string; size: bigint }
  /** A snapshot was loaded onto `canister` (taken of `from`, usually the same canister). */
  | { kind: 'snapshot_loaded'; round: number; canister: string; snapshot: string; size: bigint; from: string }
  /** A snapshot is gone: deleted, replaced by a new one, or dropped with its canister (deleted / out of cycles). */
  | { kind: 'snapshot_deleted'; round: number; canister: string; snapshot: string; size: bigint; reason: SnapshotDeletion }
  /** `upload_chunk` stored a chunk (ic-reference.md §12): its SHA-256 in hex, its length, and the chunks now in the store; `alreadyStored` when it was there before (nothing added). */
  | { kind: 'chunk_uploaded'; round: number; canister: string; hash: string; bytes: number; chunks: number; alreadyStored: boolean }
  /** The chunk store was emptied: by `clear_chunk_store`, or with the canister's code (uninstalled, out of cycles); `chunks` it held. */
  | { kind: 'chunk_store_cleared'; round: number; canister: string; chunks: number; reason: 'clear_chunk_store' | 'uninstall_code' | 'out_of_cycles' }
  | { kind: 'log'; round: number; canister: string; text: string; trap: boolean }
  | {
      kind: 'query_executed'; round: number; canister: string; method: string; caller: string; response: ResponseSummary;
      /**
       * Only on a call made inside a composite query's call graph (an extension, absent on the user's query): how deep
       * it is, 1 for a call by the queried canister. `caller` is then the calling canister. Such events come before
       * their caller's, in the order their answers were produced (depth first, ic-reference.md §3.2, §6.1).
       */
      depth?: number;
    }
  | {
      kind: 'request_sent'; round: number; requestId: number; from: string; to: string; method: string; bytes: number;
      cycles: bigint; deadlineNs: bigint;
      /** What the caller paid (`xnet_call_fee` + bytes) and reserved for the reply and the callback (§5.4). */
      fee: bigint; reserved: bigint;
    }
  | { kind: 'request_delivered'; round: number; requestId: number; to: string }
  | { kind: 'response_sent'; round: number; requestId: number; from: string; to: string; response: ResponseSummary; refund: bigint }
  | { kind: 'response_delivered'; round: number; requestId: number; to: string; refund: bigint; reservationRefund: bigint }
  | { kind: 'call_timed_out'; round: number; requestId: number; canister: string }
  /** A bounded-wait request still in its callee's queue at its deadline: dropped, its cycles back to the caller. */
  | { kind: 'request_expired'; round: number; requestId: number; canister: string; refund: bigint }
  /**
   * A bounded-wait message in `canister`'s queue dropped at a round's end to keep the subnet's best-effort memory in
   * bounds (§3.7): a request (its cycles back to the caller) or a response (replaced by SYS_UNKNOWN, its refund credited).
   */
  | { kind: 'message_shed'; round: number; canister: string; requestId: number; message: 'request' | 'response'; bytes: number; refund: bigint }
  /** A response to a call that had timed out: dropped unseen; the cycles it refunds are credited to the caller. */
  | { kind: 'response_dropped'; round: number; requestId: number; canister: string; refund: bigint }
  | { kind: 'frozen_changed'; round: number; canister: string; frozen: boolean; cycles: bigint; freezingLimit: bigint }
  /**
   * One of the playground's own resource limits (params.ts "Playground resource limits", not the replica's) refused
   * something: `parameter` names the limit and `limit` its value, `inUse` what was in use, `requested` what more
   * was asked for (bytes, or canisters), `refused` what (`memory.grow`, `stable64_grow`, `take_canister_snapshot`, …).
   */
  | {
      kind: 'playground_limit'; round: number; canister: string | null;
      parameter: 'playgroundMemoryBytes' | 'maxCanisters' | 'maxSystemApiCallsPerMessage';
      limit: bigint; inUse: bigint; requested: bigint; refused: string;
    }
  | { kind: 'execution_slice'; round: number; canister: string; entryPoint: string; slice: number; slices: number; instructions: bigint }
  /**
   * A paused long execution aborted (§7.7): at a checkpoint round, or past the subnet's paused executions. Its
   * `instructions` were thrown away with all it did; it restarts from scratch (a new first `execution_slice`).
   */
  | {
      kind: 'execution_aborted'; round: number; canister: string; entryPoint: string; reason: 'checkpoint' | 'paused_limit';
      slicesDone: number; slices: number; instructions: bigint;
    };

export type TraceEventKind = TraceEvent['kind'];
