import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32-byte key follows. */
const ED25519_DER_PREFIX = new Uint8Array([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

const KEY_DOMAIN = 'canister-playground/user/';

/**
 * The principal of a named scenario user. It is a genuine self-authenticating principal
 * (`SHA-224(DER public key) ‖ 0x02`, 29 bytes, ic-reference.md §9) so the engine treats users exactly as the
 * replica treats ingress senders. There is no real key pair: the 32 "public key" bytes are
 * `SHA-256("canister-playground/user/" + name)`, which makes the principal depend on the name alone, so the
 * same scenario gives the same principals on every machine.
 */
export function userPrincipal(name: string): Principal {
  const publicKey = sha256(new TextEncoder().encode(KEY_DOMAIN + name));
  const der = new Uint8Array(ED25519_DER_PREFIX.length + publicKey.length);
  der.set(ED25519_DER_PREFIX, 0);
  der.set(publicKey, ED25519_DER_PREFIX.length);
  // Principal.selfAuthenticating hashes the DER key with SHA-224 and appends 0x02.
  return Principal.selfAuthenticating(der);
}
