import { isWellFormedUtf8 } from './isWellFormedUtf8.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text when they are valid UTF-8, else null (a reply's `replyText`; an expectation's words). */
export function utf8OrNull(bytes: Uint8Array): string | null {
  return isWellFormedUtf8(bytes) ? utf8.decode(bytes) : null;
}
