/** The report as the runner prints it: two-space JSON and a final newline, the same bytes on every run. */
import type { ReportWithEvents } from './reportTypes.ts';
import { writeReportJson } from './writeReportJson.ts';

export function reportToJson(report: ReportWithEvents<object>): string {
  let text = '';
  writeReportJson(report, (piece) => { text += piece; });
  return text;
}
