/**
 * A file's bytes as text, or where they stop being UTF-8. JSON text is UTF-8 (RFC 8259 §8.1); decoding leniently
 * would turn a Latin-1 or binary file into text with U+FFFD in it, which could then even parse, so the runner
 * refuses such a file and names the first bad byte instead. A leading byte-order mark is dropped, as JSON parsers
 * may do (RFC 8259 §8.1).
 */
export type DecodedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

export function decodeUtf8Text(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8Byte(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const what = at < bytes.length ? `byte 0x${bytes[at].toString(16).padStart(2, '0')}` : 'an incomplete character at the end';
    return { ok: false, error: `not UTF-8 text: ${what} at line ${line} (byte offset ${at})` };
  }
}

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (Unicode §3.9, table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF); `bytes.length` when the text ends inside a sequence.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) { i++; continue; }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return bytes.length;
      const next = bytes[i + k];
      if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}
