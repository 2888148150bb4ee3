/**
 * Share links: the whole scenario, compressed (fflate's deflate) and base64url-encoded, in the URL fragment,
 * so a link needs no server and opening it replays exactly the same thing. Decoding never throws: a corrupt or
 * hostile fragment is an error value and the current workspace is left alone.
 */
import { deflateSync, Inflate, strToU8 } from 'fflate';
import { parseScenario } from './parseScenario.ts';
import type { Scenario } from './scenarioTypes.ts';
import { encodeBase64 } from './encodeBase64.ts';
import { compiledWatFromJson, type CompiledWatJson } from './compiledWatJson.ts';
import type { CompiledWat } from '../engine/index.ts';

const PREFIX = 's=';
/** Refuse to inflate past this: a tiny hostile fragment must not expand into gigabytes. */
export const MAX_SCENARIO_BYTES = 8 * 1024 * 1024;
/**
 * Compressed bytes fed to the inflater at a time. Deflate expands at most ~1,032×, so one chunk never yields more
 * than about 1 MiB and a zip bomb is stopped once it passes the limit, having cost little memory or time.
 */
const INFLATE_CHUNK_BYTES = 1024;

/** The round the link opens at, after the scenario: `#s=…&r=12` (older links have none: round 0). */
const ROUND_PARAM = /^r=(\d{1,7})$/;
/**
 * The scenario's WAT sources compiled (`compiledWatJson.ts`), after the round: the link opens without waiting for
 * the WAT compiler, which checks them once it has loaded. Links without it compile their sources first.
 */
const MODULES_PARAM = /^w=([A-Za-z0-9_-]+)$/;

export function encodeShareFragment(scenario: Scenario, round = 0, compiled: readonly (CompiledWatJson | null)[] = []): string {
  const modules = compiled.some((entry) => entry !== null) ? `&w=${deflateToBase64Url(JSON.stringify(compiled))}` : '';
  return PREFIX + deflateToBase64Url(JSON.stringify(scenario)) + (round > 0 ? `&r=${Math.floor(round)}` : '') + modules;
}

function deflateToBase64Url(text: string): string {
  return bytesToBase64Url(deflateSync(strToU8(text), { level: 9 }));
}

export type DecodeShareResult = { ok: true; scenario: Scenario; round: number; compiled: CompiledWat[] } | { ok: false; error: string };

export function decodeShareFragment(fragment: string): DecodeShareResult {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!text.startsWith(PREFIX)) return { ok: false, error: 'This link does not contain a scenario.' };
  // base64url has no '&': what follows one are parameters; an unknown one is ignored, as a newer link's would be.
  const [data, ...params] = text.slice(PREFIX.length).split('&');
  const round = params.map((p) => ROUND_PARAM.exec(p)).find((m) => m !== null);
  const bytes = base64UrlToBytes(data);
  if (!bytes) return { ok: false, error: 'This link is damaged: its scenario is not valid base64url.' };
  const inflated = inflateText(bytes, MAX_SCENARIO_BYTES);
  if (!inflated.ok) return inflated;
  const parsed = parseScenario(inflated.text);
  if (!parsed.ok) return { ok: false, error: `This link's scenario is not valid: ${parsed.error}` };
  const modules = params.map((p) => MODULES_PARAM.exec(p)).find((m) => m !== null);
  return { ...parsed, round: round ? Number(round[1]) : 0, compiled: modules ? readModules(parsed.scenario, modules[1]) : [] };
}

/** The link's modules, or none when they cannot be read: the sources compile anyway. */
function readModules(scenario: Scenario, data: string): CompiledWat[] {
  const bytes = base64UrlToBytes(data);
  const inflated = bytes && inflateText(bytes, MAX_SCENARIO_BYTES);
  if (!inflated || !inflated.ok) return [];
  try {
    return compiledWatFromJson(scenario, JSON.parse(inflated.text));
  } catch {
    return [];
  }
}

/**
 * Inflates a complete deflate stream of UTF-8 text, decoding as it goes, and gives up once the output passes `max`
 * bytes. Errors are the decoder's answers: too large, corrupt or truncated, not UTF-8.
 */
function inflateText(bytes: Uint8Array, max: number): { ok: true; text: string } | { ok: false; error: string } {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let total = 0;
  let notUtf8 = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > max || notUtf8) return;
    try {
      parts.push(utf8.decode(chunk, { stream: !final }));
    } catch {
      notUtf8 = true;
    }
  });
  try {
    for (let at = 0; at === 0 || at < bytes.length; at += INFLATE_CHUNK_BYTES) {
      inflater.push(bytes.subarray(at, at + INFLATE_CHUNK_BYTES), at + INFLATE_CHUNK_BYTES >= bytes.length);
      if (total > max) return { ok: false, error: `This link's scenario is too large (over ${max / 1024 / 1024} MiB uncompressed).` };
    }
  } catch {
    return { ok: false, error: 'This link is damaged: its scenario cannot be decompressed.' };
  }
  if (notUtf8) return { ok: false, error: 'This link is damaged: its scenario is not UTF-8 text.' };
  return { ok: true, text: parts.join('') };
}

function bytesToBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
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
