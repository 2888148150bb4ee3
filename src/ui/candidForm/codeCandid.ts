/**
 * The Candid metadata of code about to be installed, so its init arguments can be typed before it is: read off a
 * Wasm module's custom sections, or off WAT's `(@custom "icp:public candid:service" "…")` annotations (the WAT
 * string's escapes decoded), without compiling it.
 */
import { readCandidMetadata, type CandidMetadata } from '../../engine/index.ts';
import { candidInterface } from '../../candid/candidInterface.ts';
import type { CandidArg } from '../../candid/parseDid.ts';
import { decodeBase64 } from '../../scenario/decodeBase64.ts';

export type Code = { readonly wat: string } | { readonly wasm: string };

export function codeCandid(code: Code | null): CandidMetadata | null {
  if (code === null) return null;
  if ('wasm' in code) {
    const bytes = decodeBase64(code.wasm);
    return bytes ? readCandidMetadata(bytes) : null;
  }
  const service = watCustomSection(code.wat, 'candid:service');
  return service === null ? null : { service, args: watCustomSection(code.wat, 'candid:args') };
}

/** The init arguments the code's interface declares, or null (no interface, or none declared). Same code, same array. */
export function codeInitArgs(code: Code | null): readonly CandidArg[] | null {
  const metadata = codeCandid(code);
  const parsed = metadata ? candidInterface(metadata) : null;
  return parsed?.ok ? parsed.service.initArgs : null;
}

/** The text of a `(@custom "icp:public <name>" "…")` (or `icp:private`) annotation, or null. */
export function watCustomSection(wat: string, name: string): string | null {
  const pattern = new RegExp(`\\(@custom\\s+"icp:(?:public|private) ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s+(?:\\([^)]*\\)\\s+)?((?:"(?:[^"\\\\]|\\\\.)*"\\s*)+)\\)`);
  const match = pattern.exec(wat);
  if (!match) return null;
  const bytes: number[] = [];
  // Byte by byte, not `push(...)`: a data string of a megabyte would overflow the stack.
  for (const [, body] of match[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)) for (const byte of watStringBytes(body)) bytes.push(byte);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/** The bytes of a WAT string's body: `\n \t \r \" \' \\`, `\hh` and `\u{…}` escapes. */
function watStringBytes(body: string): number[] {
  const bytes: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      const char = String.fromCodePoint(body.codePointAt(i)!);
      bytes.push(...utf8.encode(char));
      i += char.length - 1;
      continue;
    }
    const next = body[++i];
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92 };
    if (next in simple) bytes.push(simple[next]);
    else if (next === 'u') {
      const end = body.indexOf('}', i);
      bytes.push(...utf8.encode(String.fromCodePoint(parseInt(body.slice(i + 2, end), 16))));
      i = end;
    } else {
      bytes.push(parseInt(body.slice(i, i + 2), 16));
      i++;
    }
  }
  return bytes;
}
