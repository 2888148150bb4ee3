/**
 * Markdown for one `ic0` import or entry point, shared by hover and by completion details so both say the same
 * thing. Anything that looks like HTML stays inside code spans: Monaco renders hover Markdown untrusted and drops
 * raw HTML such as `<name>`.
 */
import type { EntryPointDoc, Ic0Doc } from './ic0Docs.ts';

export function ic0Markdown(doc: Ic0Doc, importedAs?: string): string {
  const notes = [
    doc.deprecated ? '**Deprecated.**' : '',
    doc.wasm32Only ? '*wasm32 only.*' : '',
    doc.replicaOnly ? '*Replica-only: not in the interface specification.*' : '',
    importedAs !== undefined && importedAs !== `$${doc.name}` ? `*Imported here as \`${importedAs}\`.*` : '',
  ].filter((note) => note !== '');
  return [
    `**ic0.${doc.name}**`,
    fence(`(import "ic0" "${doc.name}" ${doc.funcType})`),
    doc.description,
    ...(notes.length > 0 ? [notes.join(' ')] : []),
    `*May be called in:* ${doc.allowedIn}.`,
  ].join('\n\n');
}

export function entryPointMarkdown(doc: EntryPointDoc): string {
  const exportName = doc.takesMethodName ? `${doc.name} <name>` : doc.name;
  return [
    `**${doc.name}**: exported entry point`,
    fence(`(func (export "${exportName}") …)`),
    doc.description,
    `*Mode:* ${doc.mode} · *can reply:* ${doc.canReply ? 'yes' : 'no'} · *can call other canisters:* ${doc.canCall}`,
  ].join('\n\n');
}

/** A WAT code block; Monaco colours it with the registered `wat` language. */
function fence(code: string): string {
  return `\`\`\`wat\n${code}\n\`\`\``;
}
