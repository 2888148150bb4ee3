/**
 * The `canister_*` exports a canister may define (ic-reference.md §2.2), with what the system calls them for and
 * what they may do. Every entry point has type `() -> ()`. Re-exported by ic0Docs.ts, the editor's one place for
 * System API documentation.
 */
export interface EntryPointDoc {
  /** The export name, or its prefix when `takesMethodName` (then the export is `"<name> <method>"`). */
  readonly name: string;
  readonly takesMethodName: boolean;
  readonly description: string;
  /** Replicated, non-replicated or both (§2.2 "Mode"). */
  readonly mode: string;
  readonly canReply: boolean;
  /** What it may call, in words: "no", "yes" or a restriction. */
  readonly canCall: string;
}

const entry = (name: string, takesMethodName: boolean, description: string, mode: string, canReply: boolean, canCall: string): EntryPointDoc => ({
  name, takesMethodName, description, mode, canReply, canCall,
});

/** In the order a canister's life meets them: install, upgrade, methods, then system tasks. */
export const ENTRY_POINTS: readonly EntryPointDoc[] = [
  entry('canister_init', false, 'Runs once when the code is installed or reinstalled, after the Wasm (start) function; `msg_arg_data_*` read the install argument. If it traps, the install fails.', 'replicated', false, 'no'),
  entry('canister_pre_upgrade', false, 'Runs on the old code just before an upgrade, to save state to stable memory (the Wasm heap does not survive). If it traps, the upgrade fails and nothing changes.', 'replicated', false, 'no'),
  entry('canister_post_upgrade', false, 'Runs on the new code right after an upgrade, to restore state from stable memory; `msg_arg_data_*` read the upgrade argument. If it traps, the whole upgrade is rolled back.', 'replicated', false, 'no'),
  entry('canister_update', true, 'An update method `<name>`, called by users (ingress) or other canisters. Its state changes are kept unless it traps, and it may call other canisters.', 'replicated', true, 'yes'),
  entry('canister_query', true, 'A query method `<name>`: answered by one replica without consensus, and any state change is discarded. It can also be called as an update or from a canister (then replicated, changes still discarded).', 'non-replicated or replicated', true, 'no'),
  entry('canister_composite_query', true, 'A composite query `<name>`: a query that may call queries of canisters on the same subnet. Users can only call it as a query; calling it in replicated mode fails.', 'non-replicated', true, 'queries and composite queries on the same subnet'),
  entry('canister_inspect_message', false, 'Runs before an ingress update call is accepted, to refuse unwanted messages: the message goes through only if it calls `accept_message`. Its state changes are discarded.', 'non-replicated', false, 'no'),
  entry('canister_heartbeat', false, 'Runs periodically (every round on a real subnet), as a system task.', 'replicated', false, 'yes'),
  entry('canister_global_timer', false, 'Runs once when the time reaches the global timer set with `global_timer_set`; the timer is cleared when this is scheduled.', 'replicated', false, 'yes'),
  entry('canister_on_low_wasm_memory', false, 'Runs when the free Wasm heap drops below the canister\'s `wasm_memory_threshold` setting.', 'replicated', false, 'yes'),
];

/**
 * The entry point an export name refers to: `"canister_init"` or `"canister_update inc"` (exactly one space before
 * the method name, as the spec requires). Undefined for other names, including a method export without a name.
 */
export function entryPointDoc(exportName: string): EntryPointDoc | undefined {
  const space = exportName.indexOf(' ');
  const head = space < 0 ? exportName : exportName.slice(0, space);
  const doc = ENTRY_POINTS.find((e) => e.name === head);
  if (doc === undefined) return undefined;
  return doc.takesMethodName === space >= 0 ? doc : undefined;
}
