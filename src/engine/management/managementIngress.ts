/**
 * What the replica's ingress handler checks before accepting a call to the management canister: the method
 * may be called by users, and its argument names an existing canister (the "effective canister id", which
 * also pays the ingress fee; ic-reference.md §3.3, §4.2).
 */
import { IDL } from '@dfinity/candid';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import { decodeArg } from './managementCandid.ts';

/** Methods a user may call through ingress (ic-reference.md §4.2 "Ingress?" column; `provisional_*` as on a dev instance). */
export const INGRESS_METHODS: ReadonlySet<string> = new Set([
  'install_code', 'uninstall_code', 'start_canister', 'stop_canister', 'delete_canister', 'update_settings',
  'canister_status', 'provisional_top_up_canister',
  // Canister snapshots (§12; replica `should_accept_ingress_message`: controllers only, like the methods above).
  'take_canister_snapshot', 'load_canister_snapshot', 'list_canister_snapshots', 'delete_canister_snapshot',
  // Chunked code installation (§4.2 "Ingress? yes", §12): from a controller of the canister named.
  'upload_chunk', 'stored_chunks', 'clear_chunk_store', 'install_chunked_code',
]);

/** Methods only canisters may call (ic-reference.md §4.2). */
export const CANISTER_ONLY_METHODS: ReadonlySet<string> = new Set([
  'create_canister', 'raw_rand', 'deposit_cycles', 'canister_info', 'canister_metadata', 'http_request',
  // Users read logs with a query; as a replicated call only canisters may (§12, SPEC-MC `fetch_canister_logs`).
  'fetch_canister_logs',
]);

const EffectiveCanister = IDL.Record({ canister_id: IDL.Principal });
/** install_chunked_code names the canister it installs as `target_canister` (replica `target_canister_id()`). */
const ChunkedInstallTarget = IDL.Record({ target_canister: IDL.Principal });

/** The canister a management argument names (its `canister_id` field; `target_canister` for install_chunked_code), or the decoding error. */
export function effectiveCanisterOf(arg: Uint8Array, method = ''): { ok: true; canister: string } | { ok: false; error: string } {
  if (method === 'install_chunked_code') {
    const target = decodeArg<{ target_canister: { toText(): string } }>(ChunkedInstallTarget, arg);
    return target.ok ? { ok: true, canister: target.value.target_canister.toText() } : target;
  }
  const decoded = decodeArg<{ canister_id: { toText(): string } }>(EffectiveCanister, arg);
  return decoded.ok ? { ok: true, canister: decoded.value.canister_id.toText() } : decoded;
}

export type ManagementTarget = { ok: true; canister: string } | { ok: false; reject: Reject };

/** Methods any user may call on any canister (a development subnet's provisional top-up). */
const OPEN_METHODS: ReadonlySet<string> = new Set(['provisional_top_up_canister']);

export function managementIngressTarget(state: SubnetState, sender: string, method: string, arg: Uint8Array): ManagementTarget {
  if (CANISTER_ONLY_METHODS.has(method)) {
    return { ok: false, reject: systemReject(ErrorCode.CanisterRejectedMessage, `Only canisters can call ic00 method ${method}`) };
  }
  if (!INGRESS_METHODS.has(method)) {
    return { ok: false, reject: systemReject(ErrorCode.UnknownManagementMessage, `Management canister has no method '${method}'`) };
  }
  const decoded = effectiveCanisterOf(arg, method);
  if (!decoded.ok) {
    return { ok: false, reject: systemReject(ErrorCode.InvalidManagementPayload, `Error decoding candid: ${decoded.error}`) };
  }
  const canister = decoded.canister;
  const found = state.canisters.get(canister);
  if (!found || found.deleted) return { ok: false, reject: systemReject(ErrorCode.CanisterNotFound, `Canister ${canister} not found`) };
  // The replica refuses a user's management call about a canister they do not control before induction, so
  // nobody pays for it (§3.3, §4.2).
  if (!OPEN_METHODS.has(method) && !found.settings.controllers.includes(sender)) {
    return {
      ok: false,
      reject: systemReject(ErrorCode.CanisterInvalidController, `Only controllers of canister ${canister} can call ic00 method ${method}`),
    };
  }
  return { ok: true, canister };
}
