/**
 * A step's `expect` checked against its report once the run has ended (docs/SCENARIO-EXTENSIONS.md
 * "Expectations"): one entry per field, held or not, with what was expected and what was seen in words a learner
 * reads. A reply expected as bytes (`text`, `hex`, `base64`) is compared byte for byte; one expected as Candid is
 * compared by its values: both are printed with the method's result types when its receiver's interface is known,
 * else the reply by its wire types and the expected text as written (annotate numbers, `(1 : nat)`, as the
 * report's `replyCandid` shows them).
 */
import { bytesToHex, hexToBytes, sameBytes } from '../engine/index.ts';
import { decodeCandidText } from '../candid/decodeCandidText.ts';
import { encodeCandidArg } from '../candid/encodeCandidArg.ts';
import { wellKnownLabels } from '../candid/wellKnownLabels.ts';
import { argToBytes } from './argToBytes.ts';
import { expectedResults, replyCandidText, type CallCandid } from './callCandid.ts';
import type { StepExpectationReport, StepReport } from './reportTypes.ts';
import { utf8OrNull } from './utf8OrNull.ts';
import type { Arg, StepExpectation } from './scenarioTypes.ts';

/** Bytes shown in full up to this many; longer ones by their start and their length. */
const SHOWN_BYTES = 64;

/** The entries of `expect` for the step reported as `report`, in the order of the fields in SCENARIO-EXTENSIONS.md. */
export function stepExpectations(expect: StepExpectation, report: StepReport, method: string, candid: CallCandid | null): StepExpectationReport[] {
  const entries: StepExpectationReport[] = [];
  const add = (what: string, pass: boolean, expected: string, seen: string) => entries.push({ step: report.step, what, pass, expected, seen });
  const outcome = describeOutcome(report);
  if (expect.status !== undefined) {
    const pass = report.status === expect.status;
    add('status', pass, expect.status, pass ? expect.status : outcome);
  }
  if (expect.reply !== undefined) {
    const reply = report.status === 'replied' ? replyMatches(expect.reply, hexToBytes(report.reply ?? ''), method, candid) : null;
    add('reply', reply?.pass ?? false, reply?.expected ?? describeArg(expect.reply), reply?.seen ?? outcome);
  }
  if (expect.rejectCode !== undefined) {
    add('rejectCode', report.status === 'rejected' && report.rejectCode === expect.rejectCode, String(expect.rejectCode), report.status === 'rejected' ? String(report.rejectCode) : outcome);
  }
  if (expect.errorCode !== undefined) {
    const seen = report.status === 'rejected' ? report.errorCode ?? 'no error code' : outcome;
    add('errorCode', report.status === 'rejected' && report.errorCode === expect.errorCode, expect.errorCode, seen);
  }
  if (expect.withinRounds !== undefined) {
    const rounds = report.completedRound != null && report.submittedRound !== undefined ? report.completedRound - report.submittedRound : null;
    const seen = rounds === null ? 'no response by the end of the run' : `${rounds} ${rounds === 1 ? 'round' : 'rounds'}`;
    add('withinRounds', rounds !== null && rounds <= expect.withinRounds, `at most ${expect.withinRounds} ${expect.withinRounds === 1 ? 'round' : 'rounds'}`, seen);
  }
  return entries;
}

/** "replied", "rejected (4 IC0406: …)", "pending": what a field's expectation was held against when it cannot apply. */
function describeOutcome(report: StepReport): string {
  if (report.status === 'rejected') return `rejected (${report.rejectCode}${report.errorCode ? ` ${report.errorCode}` : ''}: ${report.rejectMessage ?? ''})`;
  if (report.status === 'pending') return 'pending: no response by the end of the run';
  return report.status ?? 'no response';
}

type ReplyCheck = { pass: boolean; expected: string; seen: string };

function replyMatches(expected: Arg, reply: Uint8Array, method: string, candid: CallCandid | null): ReplyCheck {
  if ('candid' in expected) return candidReplyMatches(expected.candid, reply, candid ?? { service: null, method });
  const bytes = argToBytes(expected);
  // The schema has checked the forms: an error here would be a bug, and is shown as a failed expectation, not thrown.
  if (!bytes.ok) return { pass: false, expected: `${describeArg(expected)} (${bytes.error})`, seen: describeBytes(reply) };
  return { pass: sameBytes(bytes.bytes, reply), expected: describeBytes(bytes.bytes), seen: describeBytes(reply) };
}

function candidReplyMatches(text: string, reply: Uint8Array, candid: CallCandid): ReplyCheck {
  const results = expectedResults(candid);
  const seen = replyCandidText(reply, candid);
  const encoded = encodeCandidArg(text, results);
  // Its message names the text: `(42 is not Candid text: 1:4: …`, `("x") does not match get's results (nat): …`.
  if (!encoded.ok) return { pass: false, expected: encoded.error, seen: seen ?? describeBytes(reply) };
  const expected = (results && decodeCandidText(encoded.bytes, results.types)) ?? decodeCandidText(encoded.bytes, null, wellKnownLabels()) ?? text.trim();
  return { pass: seen !== null && seen === expected, expected, seen: seen ?? `not Candid: ${describeBytes(reply)}` };
}

/** Text in quotes when the bytes are printable UTF-8, else hex; long ones by their start and length. */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty';
  const text = printableText(bytes);
  if (text !== null) return JSON.stringify(text.length > SHOWN_BYTES ? `${text.slice(0, SHOWN_BYTES)}…` : text) + (text.length > SHOWN_BYTES ? ` (${bytes.length} bytes)` : '');
  const hex = bytesToHex(bytes.subarray(0, SHOWN_BYTES));
  return bytes.length > SHOWN_BYTES ? `0x${hex}… (${bytes.length} bytes)` : `0x${hex}`;
}

function printableText(bytes: Uint8Array): string | null {
  const text = utf8OrNull(bytes);
  // Control characters (other than tab and newline) would make a line unreadable: those bytes are shown as hex.
  return text === null || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text) ? null : text;
}

function describeArg(arg: Arg): string {
  if ('candid' in arg) return arg.candid.trim();
  const bytes = argToBytes(arg);
  return bytes.ok ? describeBytes(bytes.bytes) : JSON.stringify(arg);
}
