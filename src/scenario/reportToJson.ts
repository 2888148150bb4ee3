/** The report as the runner prints it: two-space JSON and a final newline, the same bytes on every run. */
import type { Report } from './reportTypes.ts';

export function reportToJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
