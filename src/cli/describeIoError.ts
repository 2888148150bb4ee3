/**
 * An I/O error in a few words for the runner's one-line messages: Node's `ENOENT: no such file or directory, open
 * 'x.json'` becomes `no such file or directory` (the caller names the file itself), a directory `it is a directory`.
 */
export function describeIoError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (code === 'EISDIR') return 'it is a directory';
  const described = /^E[A-Z]+: ([^,]+)/.exec(error.message);
  return described ? described[1] : error.message;
}
