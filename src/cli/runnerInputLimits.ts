/**
 * The headless runner's own limits on what it reads: resource limits of the playground, not of the replica (the
 * replica never reads a scenario). Past them the runner refuses the input with exit 2 and a message naming the
 * file, having read at most one byte more than the limit (`run /dev/zero` stops there instead of filling memory).
 * Documented in docs/SCENARIO-EXTENSIONS.md, "The playground's own resource limits", and in the usage text.
 */

const MiB = 1024 * 1024;

/**
 * A scenario document (a file or standard input): 64 MiB. Far above any hand-written or generated scenario (the
 * 20,000-call benchmark scenario is 0.8 MB); it leaves room for a module inlined in base64 (up to 48 MiB of Wasm).
 * A larger module belongs in a `path` source, read under `MAX_SOURCE_FILE_BYTES`.
 */
export const MAX_SCENARIO_BYTES = 64 * MiB;

/**
 * A source file a scenario names (`{"path": …}`: Wasm, WAT or Motoko): 100 MiB, the replica's largest module
 * (ic-reference.md §2.3 "Uncompressed module ≤ 100 MiB", EMBCFG `WASM_MAX_SIZE`; also the chunk store's capacity,
 * §6.3): no larger module could be installed, so nothing is lost by not reading more.
 */
export const MAX_SOURCE_FILE_BYTES = 100 * MiB;

/** A byte count in the units the limits are given in ("64 MiB"). */
export function formatMiB(bytes: number): string {
  return `${bytes / MiB} MiB`;
}
