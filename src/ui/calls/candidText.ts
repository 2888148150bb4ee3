/**
 * Candid bytes as Candid text, without knowing their type: `@dfinity/candid` decodes each argument as
 * `IDL.Unknown`, whose value carries the type read from the message's own type table. Field names travel only as
 * hashes, so the hashes of names the learner will meet (the management canister's interface, ok/err) are read
 * back as names; other fields show as the hash, as `didc` does.
 */
import { IDL, idlLabelToId } from '@dfinity/candid';
import { ManagementCandid } from '../../engine/index.ts';

/** More arguments than any reply a learner will read; decoding stops at the first count that does not fit. */
const MAX_ARGUMENTS = 32;

const KNOWN_NAMES: ReadonlyMap<number, string> = (() => {
  const names = new Set(['ok', 'err', 'Ok', 'Err', 'value', 'error', 'message']);
  for (const type of Object.values(ManagementCandid)) {
    // Every word of the types' text: field names, variant tags with no payload (`running`), and type keywords,
    // whose hashes are harmless extras.
    if (type instanceof IDL.Type) for (const [word] of type.display().matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(word);
  }
  return new Map([...names].map((name) => [idlLabelToId(name), name]));
})();

/** `(5, "hi", record { canister_id = principal "…" })`, or null when the bytes are not Candid. */
export function candidText(bytes: Uint8Array): string | null {
  let values: unknown[] | null = null;
  for (let count = 0; count <= MAX_ARGUMENTS; count++) {
    try {
      values = IDL.decode(Array<IDL.Type>(count).fill(IDL.Unknown), bytes);
    } catch (error) {
      if (count === 0) return null; // not even the header is Candid
      if (String(error).includes('Wrong number of return values')) break;
      return null;
    }
  }
  if (values === null) return null;
  const texts = values.map((value) => {
    const typed = value as { type(): IDL.Type; valueOf(): unknown };
    return typed.type().valueToString(typed.valueOf());
  });
  return `(${texts.map(withFieldNames).join(', ')})`;
}

/** `_1313628723_=` → `canister_id = `, `{_3949555199_}` → `{running}`, outside quoted text (text values are kept). */
function withFieldNames(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      out += char;
      if (char === '\\') out += text[++i] ?? '';
      else if (char === '"') quoted = false;
      continue;
    }
    if (char === '"') { quoted = true; out += char; continue; }
    const label = /^_(\d+)_(=?)/.exec(text.slice(i, i + 16));
    if (label && /[{;\s]$|^$/.test(out.slice(-1))) {
      const name = KNOWN_NAMES.get(Number(label[1])) ?? label[1];
      out += label[2] ? `${name} = ` : name;
      i += label[0].length - 1;
      continue;
    }
    out += char;
  }
  return out;
}
