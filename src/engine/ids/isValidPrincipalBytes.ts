/** Longest principal blob the IC accepts (ic-reference.md §9). */
export const MAX_PRINCIPAL_BYTES = 29;

/**
 * Whether `bytes` can be a principal: any blob of 0..29 bytes (ic-reference.md §9). The class byte is not
 * checked, because canisters may legitimately pass opaque, derived or reserved principals around.
 */
export function isValidPrincipalBytes(bytes: Uint8Array): boolean {
  return bytes.length <= MAX_PRINCIPAL_BYTES;
}
