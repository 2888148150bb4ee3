/** Standard padded base64 (RFC 4648 §4) of bytes: the one spelling `decodeBase64` accepts. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode takes its arguments on the stack, and Chromium's worker overflowed it with 64,000
  // arguments (a seek spread that many outcomes into `push`); 32,768 left no margin.
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}
