/**
 * How a step's Candid is typed (docs/SCENARIO-EXTENSIONS.md "Candid"): a call's `candid` argument against the
 * method's argument types, and its reply (`replyCandid`) against the method's result types, taken from the
 * receiver's `candid:service` metadata at the step; an init argument against the init types of the code being
 * installed. Without an interface, Candid text is inferred and replies are read by their wire types.
 */
import type { IDL } from '@dfinity/candid';
import { readCandidMetadata, type CandidMetadata, type Subnet } from '../engine/index.ts';
import { candidInterface } from '../candid/candidInterface.ts';
import { decodeCandidText } from '../candid/decodeCandidText.ts';
import type { ExpectedCandid } from '../candid/encodeCandidArg.ts';
import { wellKnownLabels } from '../candid/wellKnownLabels.ts';
import type { Arg } from './scenarioTypes.ts';

export interface CallCandid {
  /** The receiver's interface at the step; null when it has none (its reply is read by the wire types). */
  readonly service: CandidMetadata | null;
  readonly method: string;
}

/**
 * The Candid of a call or query: when its receiver has an interface, or its argument is Candid text. Null
 * otherwise, so the reports of scenarios that use no Candid stay as they were.
 */
export function callCandid(subnet: Subnet, receiver: string, method: string, arg: Arg | undefined): CallCandid | null {
  const service = subnet.state.canisters.get(receiver)?.runtime?.prepared.info.candid ?? null;
  if (service === null && !(arg && 'candid' in arg)) return null;
  return { service, method };
}

/** The method's argument types, when its receiver's interface is known and lists it. */
export function expectedArgs(candid: CallCandid | null): ExpectedCandid | null {
  const service = candid?.service ? candidInterface(candid.service) : null;
  const method = service?.ok ? service.service.methods.find((m) => m.name === candid!.method) : undefined;
  if (!service?.ok || !method) return null;
  return { types: method.args.map((a) => a.type), named: service.service.types, what: `${candid!.method}'s arguments` };
}

/** The init argument types of a module (raw or gzipped), when its metadata declares them. */
export function expectedInitArgs(wasm: Uint8Array | undefined): ExpectedCandid | null {
  const metadata = wasm ? readCandidMetadata(wasm) : null;
  const service = metadata ? candidInterface(metadata) : null;
  if (!service?.ok || service.service.initArgs === null) return null;
  return { types: service.service.initArgs.map((a) => a.type), named: service.service.types, what: 'the init arguments' };
}

/** The reply as Candid text: by the method's result types, else by its wire types; null when it is not Candid. */
export function replyCandidText(bytes: Uint8Array, candid: CallCandid): string | null {
  const results = resultTypes(candid);
  return (results && decodeCandidText(bytes, results)) ?? decodeCandidText(bytes, null, wellKnownLabels());
}

/** The method's result types, when its receiver's interface is known and lists it: how an expected reply is typed. */
export function expectedResults(candid: CallCandid | null): ExpectedCandid | null {
  const service = candid?.service ? candidInterface(candid.service) : null;
  const method = service?.ok ? service.service.methods.find((m) => m.name === candid!.method) : undefined;
  if (!service?.ok || !method) return null;
  return { types: method.results, named: service.service.types, what: `${candid!.method}'s results` };
}

function resultTypes(candid: CallCandid): readonly IDL.Type[] | null {
  const service = candid.service ? candidInterface(candid.service) : null;
  return (service?.ok && service.service.methods.find((m) => m.name === candid.method)?.results) || null;
}
