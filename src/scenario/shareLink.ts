/**
 * Share links: the whole scenario, compressed (fflate's deflate) and base64url-encoded, in the URL fragment,
 * so a link needs no server and opening it replays exactly the same thing. Decoding never throws: a corrupt or
 * hostile fragment is an error value and the current workspace is left alone.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { parseScenario } from './parseScenario.ts';
import type { Scenario } from './scenarioTypes.ts';

const PREFIX = 's=';
/** Refuse to inflate past this: a tiny hostile fragment must not expand into gigabytes. */
const MAX_SCENARIO_BYTES = 8 * 1024 * 1024;

export function encodeShareFragment(scenario: Scenario): string {
  const bytes = deflateSync(strToU8(JSON.stringify(scenario)), { level: 9 });
  return PREFIX + bytesToBase64Url(bytes);
}

export type DecodeShareResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

export function decodeShareFragment(fragment: string): DecodeShareResult {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!text.startsWith(PREFIX)) return { ok: false, error: 'This link does not contain a scenario.' };
  const bytes = base64UrlToBytes(text.slice(PREFIX.length));
  if (!bytes) return { ok: false, error: 'This link is damaged: its scenario is not valid base64url.' };
  let json: string;
  try {
    const inflated = inflateSync(bytes, { out: undefined });
    if (inflated.length > MAX_SCENARIO_BYTES) return { ok: false, error: 'This link\'s scenario is too large.' };
    json = strFromU8(inflated);
  } catch {
    return { ok: false, error: 'This link is damaged: its scenario cannot be decompressed.' };
  }
  const parsed = parseScenario(json);
  return parsed.ok ? parsed : { ok: false, error: `This link's scenario is not valid: ${parsed.error}` };
}

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlToBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
