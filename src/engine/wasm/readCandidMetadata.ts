/**
 * The Candid interface a canister module carries as metadata: the `candid:service` custom section (the service
 * description, `.did` text) and `candid:args` (its init arguments, e.g. `(nat)`), public or private (`icp:public
 * …` / `icp:private …`, as moc and dfx write them). Walks the section headers only, so it is cheap enough to run
 * on a module before it is installed. Metadata, so a malformed module or section gives null, never an error.
 */
import { createReader, readName, readU32, readU8 } from './binaryReader.ts';
import { decompressModule, isGzip } from './decompressModule.ts';

export interface CandidMetadata {
  /** The service description: `service : { … }`, possibly with type definitions and init arguments. */
  readonly service: string;
  /** The init arguments (`candid:args`), when the module has them. */
  readonly args: string | null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CUSTOM_SECTION = 0;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** The module's Candid metadata, or null when it has no `candid:service` section (raw or gzipped Wasm). */
export function readCandidMetadata(module: Uint8Array): CandidMetadata | null {
  try {
    const bytes = isGzip(module) ? decompressModule(module) : module;
    if (!WASM_MAGIC.every((byte, i) => bytes[i] === byte)) return null;
    const sections = icpSections(bytes);
    const service = sections.get('candid:service');
    return service === undefined ? null : { service, args: sections.get('candid:args') ?? null };
  } catch {
    return null;
  }
}

/** `icp:` custom sections by name without their visibility prefix, as UTF-8 text. */
function icpSections(bytes: Uint8Array): Map<string, string> {
  const sections = new Map<string, string>();
  const r = createReader(bytes, 8);
  while (r.pos < r.end) {
    const id = readU8(r);
    const size = readU32(r);
    const end = r.pos + size;
    if (end > r.end) break;
    if (id === CUSTOM_SECTION) {
      const section = createReader(bytes, r.pos, end);
      const name = /^icp:(?:public|private) (.*)$/s.exec(readName(section))?.[1];
      if (name !== undefined && !sections.has(name)) sections.set(name, UTF8.decode(bytes.subarray(section.pos, end)));
    }
    r.pos = end;
  }
  return sections;
}
