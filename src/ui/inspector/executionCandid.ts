/**
 * An execution's argument and reply as Candid text for the inspector: typed by the method's arguments and results
 * when the canister's interface is known (`candid:service`), by the wire types otherwise. The trace keeps the
 * first 64 bytes of each; a longer one cannot be decoded and is left as the trace has it.
 */
import type { IDL } from '@dfinity/candid';
import { hexToBytes, type CandidMetadata } from '../../engine/index.ts';
import { candidInterface } from '../../candid/candidInterface.ts';
import { decodeCandidText } from '../../candid/decodeCandidText.ts';
import { wellKnownLabels } from '../../candid/wellKnownLabels.ts';
import type { EventView } from '../../worker/protocol.ts';
import { calledMethod } from '../graph/eventFields.ts';

/** The trace's limit on the bytes it keeps of an argument or a reply (hex of the first 64 bytes). */
const KEPT_BYTES = 64;

export interface ExecutionCandid {
  readonly arg: string | null;
  readonly reply: string | null;
}

/**
 * `method` types a callback's reply by the method whose call it answers (a callback's entry point names none);
 * by default, the method the execution ran.
 */
export function executionCandid(event: EventView, metadata: CandidMetadata | null, method = calledMethod(String(event.entryPoint ?? ''))): ExecutionCandid {
  const service = metadata ? candidInterface(metadata) : null;
  const signature = method && service?.ok ? service.service.methods.find((m) => m.name === method) : undefined;
  const decode = (hex: unknown, complete: boolean, types: readonly IDL.Type[] | null) => {
    if (typeof hex !== 'string' || !complete || !hex.startsWith('4449444c')) return null;
    return decodeCandidText(hexToBytes(hex), types, wellKnownLabels());
  };
  return {
    arg: decode(event.arg, Number(event.argBytes) <= KEPT_BYTES, signature ? signature.args.map((a) => a.type) : null),
    reply: decode(event.reply, typeof event.reply === 'string' && event.reply.length < KEPT_BYTES * 2, signature ? signature.results : null),
  };
}
