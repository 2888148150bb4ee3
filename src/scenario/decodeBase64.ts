const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((ch, i) => [ch, i]));

/**
 * Decodes strict standard base64 (RFC 4648 §4): padded to a multiple of 4, no whitespace, no URL-safe
 * alphabet, and unused trailing bits zero, so every byte string has exactly one accepted spelling. Returns
 * undefined otherwise. Written out because `atob` is lenient (it skips whitespace and accepts missing
 * padding) and `Buffer` is not available in the browser.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const body = text.slice(0, text.length - padding);
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const ch of body) {
    const value = VALUES.get(ch);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits are the padding bits of the last character; a canonical encoder leaves them zero.
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}
