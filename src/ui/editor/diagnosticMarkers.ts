/**
 * Compiler diagnostics (1-based line and column, as compileWat reports them) as Monaco model markers.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export interface EditorDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** Absent: an error (WAT has only errors; moc also warns). */
  readonly severity?: 'error' | 'warning' | 'info';
}

/** Monaco's severities, by name (a table: Monaco's enum is only there once Monaco is loaded). */
export interface MarkerSeverities {
  readonly error: Monaco.MarkerSeverity;
  readonly warning: Monaco.MarkerSeverity;
  readonly info: Monaco.MarkerSeverity;
}

/** The part of a Monaco text model this needs; a plain object in tests. */
export interface MarkerModel {
  getLineCount(): number;
  getLineMaxColumn(lineNumber: number): number;
}

/**
 * One error marker per diagnostic, clamped into the model: a diagnostic computed for an older text may point past
 * what the user has since deleted. The range is empty on purpose: Monaco then underlines the word at that spot
 * (or the rest of the line), which reads better than a one-character squiggle.
 */
export function toMarkers(model: MarkerModel, diagnostics: readonly EditorDiagnostic[], severities: MarkerSeverities): Monaco.editor.IMarkerData[] {
  const lastLine = model.getLineCount();
  return diagnostics.map(({ line, column, message, severity: level = 'error' }) => {
    const severity = severities[level];
    const lineNumber = clamp(Math.trunc(line), 1, lastLine);
    const columnNumber = clamp(Math.trunc(column), 1, model.getLineMaxColumn(lineNumber));
    return {
      severity,
      message,
      source: 'compiler',
      startLineNumber: lineNumber,
      startColumn: columnNumber,
      endLineNumber: lineNumber,
      endColumn: columnNumber,
    };
  });
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : min;
}
