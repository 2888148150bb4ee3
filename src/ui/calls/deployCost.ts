/**
 * What deploying a canister from a step cost it, read from the trace: the round it was created in, and what
 * installing its code charged less what came back (a `deploy` step creates provisionally: no creation fee, SCENARIO
 * extension "`deploy` step"). Null when the trace does not hold its creation (not deployed yet, or cut before it).
 */
import type { EventView } from '../../worker/protocol.ts';
import { amount, text } from '../graph/eventFields.ts';

export interface DeployCost {
  readonly round: number;
  readonly cycles: bigint;
}

/** Events an install writes between the canister's creation and its code installed. */
const INSTALL_EVENTS: ReadonlySet<string> = new Set(['cycles_charged', 'cycles_refunded', 'execution', 'log', 'settings_changed']);

export function deployCost(events: readonly EventView[], canisterId: string): DeployCost | null {
  const created = events.findIndex((e) => e.kind === 'canister_created' && text(e, 'canister') === canisterId);
  if (created < 0) return null;
  let cycles = 0n;
  for (let i = created + 1; i < events.length; i++) {
    const event = events[i];
    if (event.kind === 'code_installed' && text(event, 'canister') === canisterId) return { round: events[created].round, cycles };
    if (!INSTALL_EVENTS.has(event.kind)) break;
    if (text(event, 'canister') !== canisterId || text(event, 'charge') !== 'install_code') continue;
    cycles += event.kind === 'cycles_charged' ? amount(event, 'amount') : -amount(event, 'amount');
  }
  return null;
}
