/**
 * The timeline: an SVG time-space diagram of `toTimeline`, scrolling horizontally with lane names fixed on the
 * left. Click an execution or an arrow to select it, click (or arrow-key) the round axis to scrub. Every
 * tooltip is an SVG <title>, so canister text (trap messages, method names) is only ever rendered as text.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { EventView, SubnetView } from '../../worker/protocol.ts';
import type { SelectedTrail } from '../../state/selection.ts';
import { formatAmount } from '../graph/formatAmount.ts';
import './timeline.css';
import { arrowLine, AXIS, CELL, executionBox, LABEL_WIDTH, laneBands, MARKER_STRIP, roundAt, roundX, type LaneBand } from './timelineGeometry.ts';
import { MARKERS } from './markerGlyphs.ts';
import { useExecutionCandid } from '../graph/useExecutionCandid.ts';
import { toTimeline, type TimelineArrow, type TimelineData, type TimelineExecution, type TimelineMarker } from './toTimeline.ts';

/**
 * Rounds drawn on either side of the visible part of the timeline: enough that a scroll shows drawn rounds before
 * the next frame re-measures; each extra round is DOM the page re-renders while playing.
 */
const VISIBLE_MARGIN = 4;

export interface TimelineSelection {
  readonly type: 'execution' | 'message';
  /** An execution id (`execution:<n>`, `management:<n>`, `slice:<n>`) or a message id (`request:<n>` …). */
  readonly id: string;
  /** The event behind it (the execution, or the event that sent the message), for the inspector. */
  readonly event?: EventView;
}

export interface TimelineProps {
  readonly view: SubnetView;
  readonly events: readonly EventView[];
  /** The round the cursor marks. */
  readonly round: number;
  readonly onSelect: (selection: TimelineSelection) => void;
  readonly onSeek: (round: number) => void;
  /** A call picked in the console: its executions and messages are outlined. */
  readonly trail?: SelectedTrail;
}

function executionTitle(e: TimelineExecution): string {
  const lines = [
    `${e.entryPoint} (${e.context})`,
    e.round === e.lastRound ? `round ${e.round}` : `rounds ${e.round}–${e.lastRound}`,
    `${formatAmount(e.instructions)} instructions${e.slices > 1 ? ` in ${e.slices} slices` : ''}`,
  ];
  if (e.outcome === 'running') lines.push('still running');
  if (e.outcome === 'aborted') lines.push(`aborted${e.message ? ` ${e.message}` : ''}: thrown away, it restarts from scratch`);
  if (e.outcome === 'trap') lines.push(`trapped${e.errorCode ? ` (${e.errorCode})` : ''}: ${e.message ?? ''}`);
  if (e.rolledBack.length > 0) lines.push(`rolled back: ${e.rolledBack.join(', ')}`);
  return lines.join('\n');
}

function executionClass(e: TimelineExecution): string {
  if (e.outcome !== 'ok') return `cp-tl-exec cp-tl-${e.outcome}`;
  if (e.context.includes('callback') || e.context === 'cleanup') return 'cp-tl-exec cp-tl-callback';
  if (e.context.includes('query')) return 'cp-tl-exec cp-tl-query';
  if (e.context === 'management' || e.context === 'install_code') return 'cp-tl-exec cp-tl-system';
  return 'cp-tl-exec';
}

/** The rounds from `first` to `last` that are multiples of `every`: only the labels in view are drawn. */
function labelledRounds(first: number, last: number, every: number): number[] {
  const rounds: number[] = [];
  for (let r = Math.ceil(first / every) * every; r <= last; r += every) rounds.push(r);
  return rounds;
}

function Axis({ rounds, round, onSeek, visible }: { rounds: number; round: number; onSeek: (round: number) => void; visible: [number, number] }) {
  // Every round is labelled while the labels fit; past that every 5th (or 10th).
  const every = rounds > 400 ? 10 : rounds > 60 ? 5 : 1;
  const onClick = (event: MouseEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    onSeek(roundAt(event.clientX - box.left, rounds));
  };
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    const step = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (step === 0) return;
    event.preventDefault();
    onSeek(Math.min(Math.max(round + step, 0), rounds - 1));
  };
  return (
    <g className="cp-tl-axis" role="slider" tabIndex={0} aria-label="Round" aria-valuemin={0} aria-valuemax={rounds - 1}
      aria-valuenow={round} onKeyDown={onKeyDown}>
      <rect x={0} y={0} width={roundX(rounds)} height={AXIS} onClick={onClick}><title>Click to go to a round</title></rect>
      {labelledRounds(Math.max(0, visible[0]), Math.min(rounds - 1, visible[1]), every).map((r) => (
        <text key={r} x={roundX(r) + CELL / 2} y={AXIS - 9} textAnchor="middle">{r}</text>
      ))}
    </g>
  );
}

/** Tooltips are built for the element under the pointer only: a busy run has hundreds of boxes and arrows in view. */
interface Hover {
  readonly hovered: string | null;
  readonly onHover: (id: string | null) => void;
}

function Arrow({ arrow, from, to, markerPrefix, onClick, hover, inTrail, tabStop }: {
  arrow: TimelineArrow; from: LaneBand; to: LaneBand; markerPrefix: string; onClick: () => void; hover: Hover; inTrail: boolean; tabStop: boolean;
}) {
  const line = arrowLine(arrow, from, to);
  return (
    <g className={`cp-tl-arrow${arrow.pending ? ' cp-tl-pending' : ''}${inTrail ? ' cp-tl-trail' : ''}`} onClick={onClick}
      role="button" tabIndex={tabStop ? 0 : -1} data-roving={arrow.id} data-testid="timeline-message"
      aria-label={`${arrow.label}, rounds ${arrow.fromRound} to ${arrow.toRound}`}
      onKeyDown={(k) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); onClick(); } }}
      onFocus={() => hover.onHover(arrow.id)} onBlur={() => hover.onHover(null)}
      onMouseEnter={() => hover.onHover(arrow.id)} onMouseLeave={() => hover.onHover(null)}>
      <line {...line} className="cp-tl-hit" />
      <line {...line} stroke={arrow.color} markerEnd={`url(#${markerPrefix}-${arrow.color.replace('#', '')})`} />
      {hover.hovered === arrow.id && <title>{`${arrow.label}\n${arrow.detail}`}</title>}
    </g>
  );
}

function Marker({ marker, band, offset }: { marker: TimelineMarker; band: LaneBand; offset: number }) {
  return (
    <text className={`cp-tl-marker cp-tl-marker-${marker.kind}`} x={roundX(marker.round) + CELL / 2 + offset} y={band.top + MARKER_STRIP - 1} textAnchor="middle">
      {MARKERS[marker.kind].glyph}
      <title>{marker.text}</title>
    </text>
  );
}

/** The focusable items drawn (executions and arrows in view), in round order, then top to bottom. */
function rovingOrder(data: TimelineData, bandOf: ReadonlyMap<string, LaneBand>, visible: readonly [number, number]): string[] {
  const inView = (from: number, to: number) => to >= visible[0] && from <= visible[1];
  const top = (lane: string) => bandOf.get(lane)?.top ?? Infinity;
  const items = [
    ...data.executions.filter((e) => bandOf.has(e.lane) && inView(e.round, e.lastRound)).map((e) => ({ id: e.id, round: e.round, top: top(e.lane) })),
    ...data.arrows.filter((a) => bandOf.has(a.fromLane) && bandOf.has(a.toLane) && inView(a.fromRound, a.toRound))
      .map((a) => ({ id: a.id, round: a.fromRound, top: top(a.fromLane) })),
  ];
  return items.sort((a, b) => a.round - b.round || a.top - b.top).map((item) => item.id);
}

export function Timeline({ view, events, round, onSelect, onSeek, trail }: TimelineProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Marker ids are document-global; useId keeps two timelines on one page from sharing them.
  const markerPrefix = `cp-tl${useId().replace(/[^\w-]/g, '')}`;

  // Keep the cursor in view while playing or scrubbing, without fighting a user who scrolls elsewhere.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const x = roundX(round);
    if (x < el.scrollLeft || x + CELL > el.scrollLeft + el.clientWidth) el.scrollLeft = Math.max(0, x - el.clientWidth / 2);
  }, [round]);

  // Only the rounds in view (and a margin) are drawn: a long run has thousands of executions and arrows, and
  // committing them all to the DOM every round made long main-thread tasks (BENCHMARKS.md).
  const [visible, setVisible] = useState<[number, number]>([0, 60]);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const first = Math.floor(el.scrollLeft / CELL) - VISIBLE_MARGIN;
      const last = Math.ceil((el.scrollLeft + el.clientWidth) / CELL) + VISIBLE_MARGIN;
      setVisible((v) => (v[0] === first && v[1] === last ? v : [first, last]));
    };
    const onScroll = () => { if (!frame) frame = requestAnimationFrame(measure); };
    measure();
    el.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => { el.removeEventListener('scroll', onScroll); window.removeEventListener('resize', onScroll); cancelAnimationFrame(frame); };
  }, []);
  const inView = (from: number, to: number) => to >= visible[0] && from <= visible[1];
  const decode = useExecutionCandid();
  const data = useMemo(() => toTimeline(view, events, { from: visible[0], to: visible[1] }, decode), [view, events, visible, decode]);
  const { bands, height } = useMemo(() => laneBands(data.lanes), [data.lanes]);
  const bandOf = useMemo(() => new Map(bands.map((b) => [b.id, b])), [bands]);

  // Markers of one lane and round (installed and frozen in the same round…) are spread side by side.
  const markerOffsets = useMemo(() => {
    const cells = new Map<string, number[]>();
    data.markers.forEach((m, i) => cells.set(`${m.lane} ${m.round}`, [...(cells.get(`${m.lane} ${m.round}`) ?? []), i]));
    const offsets: number[] = [];
    for (const indices of cells.values()) indices.forEach((index, k) => { offsets[index] = (k - (indices.length - 1) / 2) * 11; });
    return offsets;
  }, [data.markers]);
  // One arrow-head per colour in use (SVG markers cannot take their colour from the line).
  const colours = useMemo(() => [...new Set(data.arrows.map((a) => a.color))], [data.arrows]);
  const width = roundX(data.rounds);
  const [hovered, setHovered] = useState<string | null>(null);
  // One tab stop for all the boxes and arrows (a roving tabindex): Tab enters the diagram once, the arrow keys
  // move through its items in round order, Enter or Space inspects one.
  const items = useMemo(() => rovingOrder(data, bandOf, visible), [data, bandOf, visible]);
  const [current, setCurrent] = useState<string | null>(null);
  const tabStop = current !== null && items.includes(current) ? current : items[0] ?? null;
  const onItemsKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const at = (event.target as Element).getAttribute('data-roving');
    const index = at === null ? -1 : items.indexOf(at);
    if (index < 0) return;
    const next = ({ ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 } as Record<string, number>)[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const id = items[Math.min(Math.max(next, 0), items.length - 1)];
    setCurrent(id);
    (event.currentTarget.querySelector(`[data-roving="${CSS.escape(id)}"]`) as SVGElement | null)?.focus();
  };
  const hover: Hover = { hovered, onHover: setHovered };
  return (
    <div className="cp-timeline">
      <svg className="cp-tl-labels" width={LABEL_WIDTH} height={height}>
        {bands.map((b) => (
          <text key={b.id} x={8} y={b.top + b.height / 2 + 4}>
            {b.name.length > 16 ? `${b.name.slice(0, 15)}…` : b.name}
            <title>{`${b.name}\n${b.id}`}</title>
          </text>
        ))}
      </svg>
      <div className="cp-tl-scroll" ref={scrollRef}>
        <svg width={width} height={height} onKeyDown={onItemsKeyDown} onFocus={(e) => { const id = (e.target as Element).getAttribute('data-roving'); if (id) setCurrent(id); }}>
          <defs>
            {colours.map((color) => (
              <marker key={color} id={`${markerPrefix}-${color.replace('#', '')}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={6} markerHeight={6} orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
              </marker>
            ))}
          </defs>
          {bands.map((b, i) => (
            <rect key={b.id} className={i % 2 ? 'cp-tl-lane cp-tl-lane-odd' : 'cp-tl-lane'} x={0} y={b.top} width={width} height={b.height} />
          ))}
          <rect className="cp-tl-cursor" x={roundX(round)} y={AXIS} width={CELL} height={height - AXIS} />
          {/* A round that ran several iterations (ic-reference.md §7.1): a dashed line between them. */}
          {data.iterations.filter((r) => inView(r.round, r.round)).flatMap((r) => Array.from({ length: r.count - 1 }, (_, k) => {
            const x = roundX(r.round) + ((k + 1) / r.count) * CELL;
            return <line key={`${r.round}:${k}`} className="cp-tl-iteration" x1={x} x2={x} y1={AXIS} y2={height} />;
          }))}
          {data.executions.map((e) => {
            const band = bandOf.get(e.lane);
            if (!band || !inView(e.round, e.lastRound)) return null;
            return <rect key={e.id} {...executionBox(e, band)} rx={3} className={`${executionClass(e)}${hovered === e.id ? ' cp-tl-hovered' : ''}${trail?.eventIndices.has(e.eventIndex) ? ' cp-tl-trail' : ''}`} />;
          })}
          {data.arrows.map((a) => {
            const from = bandOf.get(a.fromLane);
            const to = bandOf.get(a.toLane);
            if (!from || !to || !inView(a.fromRound, a.toRound)) return null;
            return <Arrow key={a.id} arrow={a} from={from} to={to} markerPrefix={markerPrefix} hover={hover} inTrail={trail?.messageIds.has(a.messageId) ?? false} tabStop={a.id === tabStop}
              onClick={() => onSelect({ type: 'message', id: a.messageId, event: events[a.eventIndex] })} />;
          })}
          {/* The executions' pointer targets, above the arrows: an arrow ending on a box must not take its clicks. */}
          {data.executions.map((e) => {
            const band = bandOf.get(e.lane);
            if (!band || !inView(e.round, e.lastRound)) return null;
            return (
              <rect key={e.id} {...executionBox(e, band)} className="cp-tl-exec-target" data-testid="timeline-execution"
                role="button" tabIndex={e.id === tabStop ? 0 : -1} data-roving={e.id} aria-label={`execution of ${e.entryPoint} in round ${e.round}`}
                onClick={() => onSelect({ type: 'execution', id: e.id, event: events[e.eventIndex] })}
                onKeyDown={(k) => {
                  if (k.key !== 'Enter' && k.key !== ' ') return;
                  k.preventDefault();
                  onSelect({ type: 'execution', id: e.id, event: events[e.eventIndex] });
                }}
                onFocus={() => setHovered(e.id)} onBlur={() => setHovered(null)}
                onMouseEnter={() => setHovered(e.id)} onMouseLeave={() => setHovered(null)}>
                {hovered === e.id && <title>{executionTitle(e)}</title>}
              </rect>
            );
          })}
          {data.markers.map((m, i) => {
            const band = bandOf.get(m.lane);
            return band && inView(m.round, m.round) ? <Marker key={m.eventIndex} marker={m} band={band} offset={markerOffsets[i]} /> : null;
          })}
          <line className="cp-tl-cursor-line" x1={roundX(round) + CELL / 2} x2={roundX(round) + CELL / 2} y1={0} y2={height} />
          <Axis rounds={data.rounds} round={round} onSeek={onSeek} visible={visible} />
        </svg>
      </div>
    </div>
  );
}
