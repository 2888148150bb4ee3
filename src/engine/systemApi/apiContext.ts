/**
 * The contexts ("modes") an execution can be in, with the spec's letters and the replica's mode names.
 * Source: ic-reference.md §1.2 (context letters) and §1.3 (the replica's `"ic0_<name>" cannot be executed
 * in <mode> mode` text, error IC0504).
 */
export type ApiContext =
  | 'start' | 'init' | 'pre_upgrade' | 'update' | 'replicated_query' | 'non_replicated_query'
  | 'transform' | 'composite_query' | 'reply_callback' | 'reject_callback' | 'composite_reply_callback'
  | 'composite_reject_callback' | 'cleanup' | 'composite_cleanup' | 'inspect_message'
  | 'heartbeat' | 'global_timer' | 'on_low_wasm_memory';

interface ContextInfo {
  /** The spec's letter (ic-reference.md §1.2). */
  readonly letter: string;
  /** The replica's mode name as it appears in IC0504 messages (ic-reference.md §1.3). */
  readonly modeName: string;
  /** Whether the execution is replicated (drives `ic0.in_replicated_execution`, §1.2). */
  readonly replicated: boolean;
}

export const API_CONTEXTS: Readonly<Record<ApiContext, ContextInfo>> = {
  start: { letter: 's', modeName: 'start', replicated: true },
  init: { letter: 'I', modeName: 'init', replicated: true },
  pre_upgrade: { letter: 'G', modeName: 'pre upgrade', replicated: true },
  update: { letter: 'U', modeName: 'update', replicated: true },
  replicated_query: { letter: 'RQ', modeName: 'replicated query', replicated: true },
  non_replicated_query: { letter: 'NRQ', modeName: 'non replicated query', replicated: false },
  transform: { letter: 'TQ', modeName: 'non replicated query', replicated: false },
  composite_query: { letter: 'CQ', modeName: 'composite query', replicated: false },
  reply_callback: { letter: 'Ry', modeName: 'reply callback', replicated: true },
  reject_callback: { letter: 'Rt', modeName: 'reject callback', replicated: true },
  composite_reply_callback: { letter: 'CRy', modeName: 'composite reply callback', replicated: false },
  composite_reject_callback: { letter: 'CRt', modeName: 'composite reject callback', replicated: false },
  cleanup: { letter: 'C', modeName: 'cleanup', replicated: true },
  composite_cleanup: { letter: 'CC', modeName: 'composite cleanup', replicated: false },
  inspect_message: { letter: 'F', modeName: 'inspect message', replicated: false },
  heartbeat: { letter: 'T', modeName: 'heartbeat', replicated: true },
  global_timer: { letter: 'T', modeName: 'global timer', replicated: true },
  on_low_wasm_memory: { letter: 'T', modeName: 'on low Wasm memory', replicated: true },
};

const ALL_CONTEXTS = Object.keys(API_CONTEXTS) as ApiContext[];

/** Expansions already made: every canister's imports ask for the same few dozen notations. */
const expanded = new Map<string, ReadonlySet<ApiContext>>();

/** Expands the spec's letter notation (`"U Ry Rt"`, `"*"`, `"* s"`) to the set of contexts it allows. */
export function contextsAllowedBy(letters: string): ReadonlySet<ApiContext> {
  const known = expanded.get(letters);
  if (known) return known;
  const words = letters.split(/\s+/).filter(Boolean);
  const allowed = new Set<ApiContext>();
  for (const word of words) {
    for (const ctx of ALL_CONTEXTS) {
      const { letter } = API_CONTEXTS[ctx];
      if (word === '*' ? letter !== 's' : word === letter) allowed.add(ctx);
    }
  }
  expanded.set(letters, allowed);
  return allowed;
}
