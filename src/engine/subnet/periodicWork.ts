/**
 * What keeps a subnet busy with nobody sending anything: a heartbeat runs every round and a global timer, once set,
 * fires again (ic-reference.md §2.2, §1.2 context T). The work such a task sets off — its calls, and everything
 * those calls set off in turn — is *periodic*: a scenario's final drain stops when nothing else is left
 * (SCENARIO.md "The headless runner"), instead of running to `maxRounds`.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import { isFrozen } from './canisterOps.ts';
import type { SubnetState } from './subnetState.ts';

export interface PeriodicTask {
  readonly canister: string;
  /** The canister exports `canister_heartbeat`: it runs every round. */
  readonly heartbeat: boolean;
  /** The time its global timer is set to, or null when the timer is not set. */
  readonly globalTimerNs: bigint | null;
}

/** Longest chain of calls followed back to where it began; longer counts as not periodic (drain on, to be safe). */
const MAX_CHAIN = 10_000;

/**
 * Canisters whose heartbeat or global timer will run again: tasks run only on running, non-frozen canisters
 * (ic-reference.md §3.8, §5.5), and a timer only once set (`global_timer_set`, §1.2).
 */
export function periodicTasks(state: SubnetState): PeriodicTask[] {
  const tasks: PeriodicTask[] = [];
  for (const canister of state.canisters.values()) {
    const info = canister.runtime?.prepared.info;
    if (canister.deleted || !info || canister.status !== 'running' || isFrozen(state, canister)) continue;
    const timer = info.hasGlobalTimer && canister.globalTimer !== 0n ? canister.globalTimer : null;
    if (info.hasHeartbeat || timer !== null) tasks.push({ canister: canister.id, heartbeat: info.hasHeartbeat, globalTimerNs: timer });
  }
  return tasks;
}

/**
 * Whether all that is queued, in flight or paused was set off by a heartbeat or a timer: no ingress message is
 * unanswered, no stop or install is pending, and every open call context and outstanding call goes back, call by
 * call (§3.1), to a system task. Every message in flight belongs to one: a request to its caller's callback, a
 * paused execution to its context (install_code, which has none, counts as a user's).
 */
export function onlyPeriodicWorkLeft(state: SubnetState): boolean {
  if (state.pendingIngress.length > 0 || state.deferredResponses.length > 0) return false;
  if (state.subnetQueue.some((message) => message.type === 'ingress')) return false;
  for (const canister of state.canisters.values()) {
    if (canister.deleted) continue;
    if (canister.status === 'stopping' || canister.paused?.entryPoint === 'install_code') return false;
    if (canister.inputQueue.some((input) => input.type === 'ingress')) return false;
    for (const context of canister.callContexts.values()) if (!startedByTask(state, canister, context.id)) return false;
    for (const callback of canister.callbacks.values()) if (!startedByTask(state, canister, callback.callContextId)) return false;
  }
  return true;
}

/** Follows a call context back through the calls that led to it: to a system task (true), or a user (false). */
function startedByTask(state: SubnetState, owner: CanisterState, contextId: number): boolean {
  let canister = owner;
  let id = contextId;
  for (let hop = 0; hop < MAX_CHAIN; hop++) {
    const origin = canister.callContexts.get(id)?.origin;
    if (!origin || origin.type === 'ingress') return false;
    if (origin.type === 'system') return true;
    const caller = state.canisters.get(origin.request.sender);
    const callback = caller?.callbacks.get(origin.request.callbackId);
    if (!caller || !callback) return false;
    canister = caller;
    id = callback.callContextId;
  }
  return false;
}
