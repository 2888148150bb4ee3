/**
 * A compile error or warning from moc, placed for an editor marker and for the runner's message: 1-based line and
 * column, as Monaco and `file:line:column` messages count them (moc's own ranges are 0-based, LSP-style).
 */
export interface MotokoDiagnostic {
  /** The project file it is in (`Main.mo`). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: 'error' | 'warning' | 'info';
  /** moc's code, such as `M0050`. */
  readonly code: string;
  readonly message: string;
}

/** A diagnostic as moc.js reports it (LSP `Diagnostic` shape; severity 1 error, 2 warning, 3–4 information). */
export interface MocDiagnostic {
  readonly source: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly severity: number;
  readonly code?: string;
  readonly message: string;
}

export function fromMocDiagnostic(raw: MocDiagnostic): MotokoDiagnostic {
  return {
    file: raw.source,
    line: raw.range.start.line + 1,
    column: raw.range.start.character + 1,
    endLine: raw.range.end.line + 1,
    endColumn: raw.range.end.character + 1,
    severity: raw.severity === 1 ? 'error' : raw.severity === 2 ? 'warning' : 'info',
    code: raw.code ?? '',
    message: raw.message,
  };
}

/** One line for a runner's message: `Main.mo:3:5: literal of type Text does not have expected type Nat (M0050)`. */
export function describeMotokoDiagnostic(d: MotokoDiagnostic): string {
  const code = d.code ? ` (${d.code})` : '';
  return `${d.file}:${d.line}:${d.column}: ${d.message.replace(/\s+/g, ' ').trim()}${code}`;
}
