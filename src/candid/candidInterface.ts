/**
 * A module's Candid metadata (`candid:service`, `candid:args`) as a parsed service, its init arguments taken from
 * `candid:args` when the service text declares none (moc writes them apart). Parsed once per text: the scenario
 * runner asks at every call step, the app at every render.
 */
import type { CandidMetadata } from '../engine/index.ts';
import { parseDid, parseDidArgs, type CandidService } from './parseDid.ts';

export type CandidInterfaceResult = { readonly ok: true; readonly service: CandidService } | { readonly ok: false; readonly error: string };

const parsed = new Map<string, CandidInterfaceResult>();
/** Enough for every module of a workspace; the oldest entry goes first. */
const MAX_CACHED = 64;

export function candidInterface(metadata: CandidMetadata): CandidInterfaceResult {
  const key = `${metadata.service}\u0000${metadata.args ?? ''}`;
  const known = parsed.get(key);
  if (known) return known;
  const result = parseInterface(metadata);
  if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, result);
  return result;
}

function parseInterface(metadata: CandidMetadata): CandidInterfaceResult {
  const did = parseDid(metadata.service);
  if (!did.ok) return { ok: false, error: `candid:service: ${did.error}` };
  if (did.service.initArgs !== null || metadata.args === null) return did;
  const args = parseDidArgs(metadata.args, did.service.types);
  if (!args.ok) return { ok: false, error: `candid:args: ${args.error}` };
  return { ok: true, service: { ...did.service, initArgs: args.args } };
}
