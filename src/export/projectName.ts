/** A folder, file and package name for an exported workspace: its title in lower case, words joined by hyphens. */
export function projectName(title: string | undefined): string {
  return (title ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '') || 'workspace';
}
