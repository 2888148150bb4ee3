/**
 * The smallest single replacement turning one text into another (common prefix and suffix kept). Applying an
 * outside change of the editor's value this way leaves the caret, the selection and the scroll position alone
 * wherever the text did not change, instead of jumping to the end as a whole-text replacement would.
 */
export interface TextEdit {
  /** Offsets into the old text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function minimalEdit(before: string, after: string): TextEdit {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a surrogate pair: Monaco would be handed half a character.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
