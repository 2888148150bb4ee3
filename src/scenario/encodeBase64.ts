/** Standard padded base64 (RFC 4648 §4) of bytes: the one spelling `decodeBase64` accepts. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
