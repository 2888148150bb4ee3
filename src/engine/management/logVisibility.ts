/**
 * `log_visibility` (ic-reference.md §4.1; SPEC-MC `fetch_canister_logs`): `controllers` (the default), `public`, or
 * `allowed_viewers` (at most 10 principals, who may fetch the logs besides the controllers).
 */
import { Principal } from '@dfinity/principal';
import type { CanisterState, LogVisibility } from '../canister/canisterState.ts';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';

/** The Candid `log_visibility` variant as `@dfinity/candid` decodes it. */
export type CandidLogVisibility = { controllers: null } | { public: null } | { allowed_viewers: Principal[] };

export function logVisibilityCandid(visibility: LogVisibility): CandidLogVisibility {
  if (visibility === 'controllers') return { controllers: null };
  if (visibility === 'public') return { public: null };
  return { allowed_viewers: visibility.allowedViewers.map((p) => Principal.fromText(p)) };
}

export function logVisibilityFromCandid(visibility: Record<string, unknown>): LogVisibility {
  if ('public' in visibility) return 'public';
  if ('allowed_viewers' in visibility) {
    const viewers = visibility.allowed_viewers as Principal[];
    return { allowedViewers: [...new Set(viewers.map((p) => p.toText()))] };
  }
  return 'controllers';
}

/**
 * More than `maxControllers` (10) allowed viewers fail while the argument is decoded, as too many controllers do
 * (replica `BoundedAllowedViewers`; IC0408, reject code 4).
 */
export function allowedViewersOverBound(visibility: Record<string, unknown> | undefined, max: bigint): Reject | null {
  if (!visibility || !('allowed_viewers' in visibility)) return null;
  if (BigInt((visibility.allowed_viewers as unknown[]).length) <= max) return null;
  return systemReject(ErrorCode.InvalidManagementPayload, `Error decoding candid: Deserialize error: The number of elements exceeds maximum allowed ${max}`);
}

/**
 * Whether `sender` may fetch the canister's logs (SPEC-AB `is_sender_authorized`; replica
 * `check_log_visibility_permission`): anyone if public, controllers always, allowed viewers if listed.
 */
export function canViewLogs(canister: CanisterState, sender: string): boolean {
  const visibility = canister.settings.logVisibility;
  if (visibility === 'public') return true;
  if (canister.settings.controllers.includes(sender)) return true;
  return typeof visibility === 'object' && visibility.allowedViewers.includes(sender);
}
