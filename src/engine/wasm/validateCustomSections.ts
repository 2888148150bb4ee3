/**
 * The `icp:public <name>` / `icp:private <name>` custom section rules (ic-reference.md §2.3; VALID
 * `extract_custom_section_name`, `validate_custom_section`): no other `icp:` prefix, names unique across
 * both visibilities, at most 16 sections totalling at most 1 MiB (names + contents). Other custom
 * sections are ignored.
 */
import { CanisterModuleError } from './canisterModuleError.ts';
import type { CustomSection } from './wasmModule.ts';

/** EMBCFG `max_custom_sections` and `max_custom_sections_size`. */
export const MAX_CUSTOM_SECTIONS = 16;
export const MAX_CUSTOM_SECTIONS_SIZE = 1024 * 1024;

const UTF8 = new TextEncoder();

export interface CustomSectionSummary {
  publicCustomSections: string[];
  privateCustomSections: string[];
}

function customSectionError(detail: string): CanisterModuleError {
  return new CanisterModuleError(`Wasm module has an invalid custom section. ${detail}`);
}

/** `[name, isPublic]` for an `icp:` section, null for other sections; throws for a malformed `icp:` name. */
export function icpSectionName(sectionName: string): [string, boolean] | null {
  if (!sectionName.startsWith('icp:')) return null;
  if (sectionName.startsWith('icp:public ')) return [sectionName.slice('icp:public '.length), true];
  if (sectionName.startsWith('icp:private ')) return [sectionName.slice('icp:private '.length), false];
  if (sectionName === 'icp:public' || sectionName === 'icp:private') {
    throw customSectionError("'icp:' section names must have a space after the public/private scope");
  }
  throw customSectionError(`Invalid custom section: Custom section '${sectionName}' has no public/private scope defined.`);
}

export function validateCustomSections(customs: readonly CustomSection[]): CustomSectionSummary {
  const summary: CustomSectionSummary = { publicCustomSections: [], privateCustomSections: [] };
  const seen = new Set<string>();
  let totalSize = 0;
  for (const section of customs) {
    const parsed = icpSectionName(section.name);
    if (!parsed) continue;
    const [name, isPublic] = parsed;
    if (seen.has(name)) throw customSectionError(`Invalid custom section: name ${name} already exists`);
    totalSize += section.payloadEnd - section.payloadStart + UTF8.encode(name).length;
    if (totalSize > MAX_CUSTOM_SECTIONS_SIZE) {
      throw customSectionError(
        'Invalid custom sections: total size of the custom sections exceeds the maximum allowed: ' +
          `size ${totalSize} bytes, allowed ${MAX_CUSTOM_SECTIONS_SIZE} bytes`,
      );
    }
    seen.add(name);
    if (seen.size > MAX_CUSTOM_SECTIONS) {
      throw new CanisterModuleError(
        `Wasm module defined ${seen.size} custom sections which exceeds the maximum number allowed ${MAX_CUSTOM_SECTIONS}.`,
      );
    }
    (isPublic ? summary.publicCustomSections : summary.privateCustomSections).push(name);
  }
  return summary;
}
