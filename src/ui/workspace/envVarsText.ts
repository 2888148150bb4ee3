/**
 * Environment variables as the settings form edits them: one `NAME=value` per line (ic-reference.md §4.1, §12).
 * The value is everything after the first `=`, so it may hold `=` itself; blank lines are ignored.
 */
export type ParsedEnvVars = { ok: true; vars: Record<string, string> } | { ok: false; error: string };

export function envVarsToText(vars: readonly (readonly [string, string])[]): string {
  return vars.map(([name, value]) => `${name}=${value}`).join('\n');
}

export function parseEnvVarsText(text: string): ParsedEnvVars {
  const vars: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, error: `line ${i + 1}: write NAME=value` };
    const name = line.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(vars, name)) return { ok: false, error: `line ${i + 1}: ${name} is set twice` };
    vars[name] = line.slice(eq + 1);
  }
  return { ok: true, vars };
}
