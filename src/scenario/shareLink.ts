/**
 * Share links: the whole scenario, compressed (raw deflate) and base64url-encoded, in the URL fragment, so a link
 * needs no server and opening it replays exactly the same thing. This module reads them; `encodeShareFragment.ts`
 * writes them. Decoding never throws: a corrupt or hostile fragment is an error value and the current workspace is
 * left alone.
 *
 * Read with the platform's `DecompressionStream` (deflate-raw), not a JavaScript inflater: opening a link is on the
 * way to its first graph, and fflate's module builds its Huffman tables when it is evaluated (about 30 ms of the
 * main thread in Chromium here, and 5.8 KB gzip of JavaScript; issue 16, target 7). Only writing a link needs fflate.
 */
import { parseScenario } from './parseScenario.ts';
import type { Scenario } from './scenarioTypes.ts';
import { compiledWatFromJson } from './compiledWatJson.ts';
import type { CompiledWat } from '../engine/index.ts';

/** What a share link's fragment starts with; the scenario follows (`encodeShareFragment.ts`). */
export const SHARE_PREFIX = 's=';
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

export type DecodeShareResult = { ok: true; scenario: Scenario; round: number; compiled: CompiledWat[] } | { ok: false; error: string };

export async function decodeShareFragment(fragment: string): Promise<DecodeShareResult> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!text.startsWith(SHARE_PREFIX)) return { ok: false, error: 'This link does not contain a scenario.' };
  // base64url has no '&': what follows one are parameters; an unknown one is ignored, as a newer link's would be.
  const [data, ...params] = text.slice(SHARE_PREFIX.length).split('&');
  const round = params.map((p) => ROUND_PARAM.exec(p)).find((m) => m !== null);
  const bytes = base64UrlToBytes(data);
  if (!bytes) return { ok: false, error: 'This link is damaged: its scenario is not valid base64url.' };
  const inflated = await inflateText(bytes, MAX_SCENARIO_BYTES);
  if (!inflated.ok) return inflated;
  const parsed = parseScenario(inflated.text);
  if (!parsed.ok) return { ok: false, error: `This link's scenario is not valid: ${parsed.error}` };
  const modules = params.map((p) => MODULES_PARAM.exec(p)).find((m) => m !== null);
  return { ...parsed, round: round ? Number(round[1]) : 0, compiled: modules ? await readModules(parsed.scenario, modules[1]) : [] };
}

/** The link's modules, or none when they cannot be read: the sources compile anyway. */
async function readModules(scenario: Scenario, data: string): Promise<CompiledWat[]> {
  const bytes = base64UrlToBytes(data);
  const inflated = bytes && (await inflateText(bytes, MAX_SCENARIO_BYTES));
  if (!inflated || !inflated.ok) return [];
  try {
    return compiledWatFromJson(scenario, JSON.parse(inflated.text));
  } catch {
    return [];
  }
}

/**
 * Inflates a complete raw deflate stream of UTF-8 text, decoding as it goes, and gives up once the output passes `max`
 * bytes. Errors are the decoder's answers: too large, corrupt or truncated, not UTF-8.
 */
async function inflateText(bytes: Uint8Array, max: number): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  const notUtf8 = { ok: false, error: 'This link is damaged: its scenario is not UTF-8 text.' } as const;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let total = 0;
  const reader = inChunks(bytes).pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return { ok: false, error: 'This link is damaged: its scenario cannot be decompressed.' };
    }
    if (chunk.done) break;
    total += chunk.value.length;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, error: `This link's scenario is too large (over ${max / 1024 / 1024} MiB uncompressed).` };
    }
    try {
      parts.push(utf8.decode(chunk.value, { stream: true }));
    } catch {
      await reader.cancel().catch(() => undefined);
      return notUtf8;
    }
  }
  try {
    parts.push(utf8.decode());
  } catch {
    return notUtf8;
  }
  return { ok: true, text: parts.join('') };
}

/**
 * The compressed bytes, `INFLATE_CHUNK_BYTES` at a time and only as the inflater asks for them (no queue ahead):
 * one chunk never inflates to more than about 1 MiB, so a zip bomb is stopped soon after it passes the limit.
 */
function inChunks(bytes: Uint8Array): ReadableStream<BufferSource> {
  let at = 0;
  return new ReadableStream<BufferSource>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + INFLATE_CHUNK_BYTES));
      at += INFLATE_CHUNK_BYTES;
    },
  }, { highWaterMark: 0 });
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
