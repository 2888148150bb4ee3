/**
 * The timeline's executions with their round spans; a sliced message starts at its first `execution_slice`. Slices
 * with no execution event of their own become an execution too: a message still running, or an install_code (whose
 * slices end in canister_pre_upgrade / post_upgrade / init executions instead).
 *
 * The scan of the longest trace asked about is kept and resumed for a longer one (`keptScan`); a shorter one (the
 * playhead moved back) is answered from it, so that a move of the playhead costs what the rounds in view hold, not
 * what the trace holds (issue 16, targets 1 and 6).
 */
import type { EventView } from '../../worker/protocol.ts';
import { amount, int, nullableText, text, textList } from '../graph/eventFields.ts';
import { MANAGEMENT_CANISTER } from '../graph/messageFlights.ts';
import { keptScan } from '../graph/continueScan.ts';
import { countBefore } from '../graph/countBefore.ts';
import type { TimelineExecution } from './toTimeline.ts';

export type UnplacedExecution = Omit<TimelineExecution, 'row' | 'slot' | 'slotCount' | 'share'>;

/** An execution finished at the event `doneAt` (of round `doneRound`). */
interface Done {
  readonly execution: UnplacedExecution;
  readonly doneAt: number;
  readonly doneRound: number;
}

/** A sliced message: where it opened, each slice with the instructions so far, and the event that closed it. */
interface Span {
  readonly key: string;
  readonly index: number;
  readonly round: number;
  readonly slices: number;
  readonly progress: { readonly index: number; readonly round: number; readonly slice: number; readonly instructions: bigint }[];
  closedAt: number;
}

interface ExecutionScan {
  events: readonly EventView[];
  /** One-round executions done in the round they ran, in order: found by round with a binary search. */
  readonly single: Done[];
  /** The rest (over several rounds, or a span closed by a later message's first slice): few, read in full. */
  readonly other: Done[];
  readonly spans: Span[];
  readonly open: Map<string, Span>;
}

const scanFor = keptScan<ExecutionScan>(
  (events) => ({ events, single: [], other: [], spans: [], open: new Map() }),
  (scan, events, index) => scanEvent(scan, events[index], index),
);

/** A sliced message as the events before `end` left it. */
function spanAt(span: Span, end: number): UnplacedExecution {
  const at = span.progress[countBefore(span.progress, (p) => p.index >= end) - 1];
  const lane = span.key.slice(0, span.key.indexOf(' '));
  const entryPoint = span.key.slice(span.key.indexOf(' ') + 1);
  return {
    id: `slice:${span.index}`, eventIndex: span.index, lane, round: span.round, lastRound: at.round, entryPoint,
    context: entryPoint === 'install_code' ? 'install_code' : 'running', instructions: String(at.instructions),
    slices: span.slices, outcome: at.slice < span.slices ? 'running' : 'ok', errorCode: null, message: null, rolledBack: [],
  };
}

function finish(scan: ExecutionScan, execution: UnplacedExecution, doneAt: number, doneRound: number): void {
  const single = execution.round === execution.lastRound && execution.lastRound === doneRound;
  (single ? scan.single : scan.other).push({ execution, doneAt, doneRound });
}

function scanEvent(scan: ExecutionScan, e: EventView, index: number): void {
  if (e.kind !== 'execution_slice' && e.kind !== 'execution' && e.kind !== 'management_call' && e.kind !== 'execution_aborted') return;
  const { open } = scan;
  const key = `${text(e, 'canister')} ${text(e, 'entryPoint')}`;
  if (e.kind === 'execution_aborted') {
    // The span ends here, thrown away; the restart opens a span of its own with its first slice.
    const span = open.get(key);
    if (!span) return;
    open.delete(key);
    span.closedAt = index;
    const why = text(e, 'reason') === 'checkpoint' ? 'at a checkpoint' : 'with too many long executions paused';
    finish(scan, { ...spanAt(span, index + 1), outcome: 'aborted', message: why }, index, e.round);
  } else if (e.kind === 'execution_slice') {
    const slice = int(e, 'slice');
    const instructions = amount(e, 'instructions');
    const span = open.get(key);
    if (span && slice > 1) {
      span.progress.push({ index, round: e.round, slice, instructions: span.progress[span.progress.length - 1].instructions + instructions });
      return;
    }
    if (span) {
      span.closedAt = index;
      finish(scan, spanAt(span, index), index, e.round);
    }
    const opened: Span = { key, index, round: e.round, slices: int(e, 'slices'), progress: [{ index, round: e.round, slice, instructions }], closedAt: Infinity };
    scan.spans.push(opened);
    open.set(key, opened);
  } else if (e.kind === 'execution') {
    const span = int(e, 'slices') > 1 ? open.get(key) : undefined;
    if (span) {
      open.delete(key);
      span.closedAt = index;
    }
    finish(scan, {
      id: `execution:${index}`, eventIndex: index, lane: text(e, 'canister'), round: span?.round ?? e.round, lastRound: e.round,
      entryPoint: text(e, 'entryPoint'), context: text(e, 'context'), instructions: text(e, 'instructions'),
      slices: int(e, 'slices'), outcome: text(e, 'outcome') === 'trap' ? 'trap' : 'ok',
      errorCode: nullableText(e, 'errorCode'), message: nullableText(e, 'message'), rolledBack: textList(e, 'rolledBack'),
    }, index, e.round);
  } else {
    finish(scan, {
      id: `management:${index}`, eventIndex: index, lane: MANAGEMENT_CANISTER, round: e.round, lastRound: e.round,
      entryPoint: text(e, 'method'), context: 'management', instructions: '0', slices: 1, outcome: 'ok',
      errorCode: null, message: null, rolledBack: [],
    }, index, e.round);
  }
}

/**
 * The executions of `events` that touch a round from `from` to `to`, by first round, then event: what scanning all
 * of `events` and keeping those would give.
 */
export function executionsInRounds(events: readonly EventView[], from: number, to: number): UnplacedExecution[] {
  const scan = scanFor(events);
  const end = events.length;
  const touches = (e: UnplacedExecution) => e.lastRound >= from && e.round <= to;
  const out: UnplacedExecution[] = [];
  const first = countBefore(scan.single, (d) => d.doneRound >= from);
  const last = countBefore(scan.single, (d) => d.doneRound > to);
  for (let i = first; i < last; i++) if (scan.single[i].doneAt < end) out.push(scan.single[i].execution);
  for (const d of scan.other) if (d.doneAt < end && touches(d.execution)) out.push(d.execution);
  for (const span of scan.spans) {
    if (span.index >= end || span.closedAt < end) continue;
    const running = spanAt(span, end);
    if (touches(running)) out.push(running);
  }
  return out.sort((a, b) => a.round - b.round || a.eventIndex - b.eventIndex);
}
