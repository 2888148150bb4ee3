/**
 * What-ifs the IC allows, for one canister at the playhead (issue 14, docs/SCENARIO-EXTENSIONS.md "What-ifs"): each
 * an outcome the replica could produce, brought about by the mechanism that produces it naturally and recorded as
 * an ordinary step — a controller stops the canister, raises its freezing threshold until it is frozen, uninstalls
 * its code; the clock passes a bounded-wait call's deadline; the subnet's queues have no room; a checkpoint aborts a
 * paused long execution. The one outcome the replica leaves to the canister's own code, a trap, is planned by the
 * scenario (the `trap` step) and from the call's entry on is an ordinary trap. The
 * step does what it would do in any scenario, so the what-if replays, forks, undoes and shares as any step does.
 */
import type { CanisterView } from '../../worker/protocol.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';

export interface WhatIfChoice {
  readonly id: string;
  /** "What if counter is stopped now?" */
  readonly title: string;
  /** What the replica does then, in a sentence. */
  readonly outcome: string;
  /** The step that brings it about, or null when it cannot be (`unavailable` says why). */
  readonly step: Step | null;
  readonly unavailable: string | null;
}

const SECONDS_PER_DAY = 86_400n;
const NS_PER_SECOND = 1_000_000_000n;
const U64_MAX = (1n << 64n) - 1n;

/**
 * `users`: the workspace's users with their principals; a what-if made by a management call is sent by a controller
 * among them. `queueCapacity`: what a queue between two canisters holds now. `method`: the method of the selected
 * message on its way to the canister, if one is (its trap waits for a call to that method).
 */
export function whatIfChoices(canister: CanisterView, users: readonly { name: string; principal: string }[], timeNs: bigint, queueCapacity: bigint, method: string | null = null): WhatIfChoice[] {
  const controller = users.find((u) => canister.controllers.includes(u.principal))?.name ?? null;
  const noController = controller === null
    ? `No user controls ${canister.name} (${canister.controllers.length === 0 ? 'it has no controllers: it is immutable' : 'its controllers are canisters'}): only a controller may do this.`
    : null;
  const manage = (method: string, label: string, extra: Record<string, unknown> = {}): Step | null =>
    controller === null ? null : ({ manage: { from: controller, method, canister: canister.name, label, ...extra } } as Step);
  const choices: WhatIfChoice[] = [];
  const trap = trapChoice(canister, method);
  if (trap) choices.push(trap);
  if (canister.status === 'running') {
    choices.push({
      id: 'stop',
      title: `What if ${canister.name} is stopped now?`,
      outcome: 'It stops taking calls: new ones are rejected (IC0509 while it is stopping, IC0508 once stopped); it is stopped once no call is open on it, and its own calls still get their responses.',
      step: manage('stop_canister', `What if: ${canister.name} is stopped`),
      unavailable: noController,
    });
  }
  if (!canister.frozen && !canister.empty) {
    const threshold = freezingThreshold(canister);
    choices.push({
      id: 'freeze',
      title: `What if ${canister.name} is frozen now?`,
      outcome: 'Its balance is below its freezing limit: it refuses new calls (IC0207) and stops paying for executions, but responses to its own calls still arrive.',
      step: threshold === null ? null : manage('update_settings', `What if: ${canister.name} is frozen`, { settings: { freezingThreshold: String(threshold) } }),
      unavailable: noController ?? (threshold === null ? `${canister.name} burns no cycles while idle, so no freezing threshold can freeze it.` : null),
    });
  }
  if (!canister.empty) {
    choices.push({
      id: 'uninstall',
      title: `What if ${canister.name}'s code is uninstalled now?`,
      outcome: 'Its code and memories are gone: the calls open on it are rejected, new ones too (IC0537), and the responses to its own calls only bring cycles back: their callbacks never run.',
      step: manage('uninstall_code', `What if: ${canister.name}'s code is uninstalled`),
      unavailable: noController,
    });
  }
  if (canister.paused && !canister.paused.aborted) {
    const { entryPoint, slice, slices } = canister.paused;
    choices.push({
      id: 'checkpoint',
      title: `What if the subnet is busy and a checkpoint comes now, with ${canister.name}'s long message part-way?`,
      outcome: `The replica aborts every paused long execution at a checkpoint: ${canister.name}'s ${entryPoint.replace(/^canister_(update|query) /, '')} (slice ${slice} of ${slices}) is thrown away with all it did and restarts from scratch the next round, its prepayment kept — it takes ${slice} more rounds than it would have.`,
      step: { checkpoint: { label: 'What if: a checkpoint now (the subnet is busy)' } },
      unavailable: null,
    });
  }
  if (queueCapacity > 0n) {
    choices.push({
      id: 'queues-full',
      title: `What if the queues to ${canister.name}, and between all canisters, are full now?`,
      outcome: `No queue between canisters has room from now on (queue capacity 0; the IC's hold 500 messages each): a request still on its way to ${canister.name} or any canister is answered SYS_TRANSIENT (reject code 2, IC0201) at the next round's start, and call_perform returns 2 — nothing is sent, no callback runs. Queued messages still run; responses always have room.`,
      step: { setParams: { params: { queueCapacity: '0' }, label: 'What if: the queues between canisters are full' } },
      unavailable: null,
    });
  }
  for (const call of canister.callbacks) {
    if (call.deadlineNs === null) continue;
    choices.push({
      id: `deadline-${call.requestId}`,
      title: `What if the deadline of ${canister.name}'s call to ${call.callee}.${call.method} passes now?`,
      outcome: 'The clock moves past it: the call ends with SYS_UNKNOWN (reject code 6) — it may or may not have happened — and its response, if it comes, is dropped.',
      step: { advanceTime: { seconds: String(secondsPast(BigInt(call.deadlineNs), timeNs)) } },
      unavailable: null,
    });
  }
  return choices;
}

/** The callee traps: offered for a canister with code, unless that very trap is planned already. */
function trapChoice(canister: CanisterView, method: string | null): WhatIfChoice | null {
  const planned = canister.plannedTrap;
  if (canister.empty || (planned !== null && planned.method === method)) return null;
  const name = canister.name;
  const message = method === null ? `What if: ${name} traps` : `What if: ${name} traps in ${method}`;
  return {
    id: 'trap',
    title: method === null ? `What if ${name}'s next update call traps?` : `What if ${name} traps on its next call to ${method}?`,
    outcome: `The call runs none of ${name}'s code and traps, as if its first instruction were ic0.trap: ${name} stays as it was, the trap is in its log, and the caller gets CANISTER_ERROR (reject code 5, IC0503) — a canister's reject callback runs. No setting of the IC does this (a trap is the canister's own code): the scenario plans it, and a link carries it, but the icp-cli export cannot.`,
    step: { trap: { canister: name, ...(method !== null && { method }), message, label: message } },
    unavailable: null,
  };
}

/**
 * A threshold whose freezing limit (the cycles idling that long costs) is above the balance, with a day to spare;
 * null when the canister burns nothing idle or the threshold would not fit in a u64 (ic-reference.md §4.1).
 */
function freezingThreshold(canister: CanisterView): bigint | null {
  const perDay = BigInt(canister.idleCyclesBurnedPerDay);
  if (perDay === 0n) return null;
  const threshold = (BigInt(canister.cycles) * SECONDS_PER_DAY) / perDay + SECONDS_PER_DAY;
  return threshold <= U64_MAX ? threshold : null;
}

/** Whole seconds from `timeNs` until the clock's second is past the deadline's (`callDeadline.ts`: deadlines are in seconds). */
function secondsPast(deadlineNs: bigint, timeNs: bigint): bigint {
  const seconds = deadlineNs / NS_PER_SECOND - timeNs / NS_PER_SECOND + 1n;
  return seconds > 0n ? seconds : 1n;
}
