/**
 * Whether bytes are well-formed UTF-8 (the Unicode standard's table 3-7: no overlong forms, no surrogates, nothing
 * above U+10FFFF), exactly when a fatal `TextDecoder` would decode them. Checking first spares the report an
 * exception for every reply that is not text, and exceptions cost microseconds each.
 */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const continuations = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (continuations === 0 || i + continuations >= bytes.length) return false;
    // The second byte's range is narrower after these leads: it rules out overlong forms, surrogates and > U+10FFFF.
    const second = bytes[i + 1];
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return false;
    for (let k = 2; k <= continuations; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    i += continuations + 1;
  }
  return true;
}
