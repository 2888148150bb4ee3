/**
 * The canister's cycles over rounds: its balance and its freezing limit at the end of each round, with axes in
 * short units, a marker at the inspector's round, and a choice between the balance's own range (so a charge of a
 * few million on 100 T is a visible step) and the whole range from zero. Laid out in pixels from the text size
 * around it, so presentation mode enlarges the labels with everything else.
 */
import { useId, useMemo, useState } from 'react';
import { groupDigits } from '../graph/formatAmount.ts';
import { chartPoints } from './chartPoints.ts';
import { cyclesAxis, lastFreezingLimit, type CyclesAxis, type CyclesScale } from './cyclesAxis.ts';
import type { CyclesPoint } from './cyclesSeries.ts';
import { cyclesSummary } from './cyclesSummary.ts';
import { niceTicks } from './niceTicks.ts';
import { useElementBox } from './useElementBox.ts';
import './cyclesChart.css';

/** Tick labels are this much of the text size (≥ 18 px of presentation mode's 24). */
const TICK_EM = 0.8;
/** Dots on the balance line while they stay apart. */
const MAX_DOTS = 60;
const FALLBACK_BOX = { width: 320, fontSize: 14 };

export interface CyclesChartProps {
  readonly points: readonly CyclesPoint[];
  /** The inspector's round (the playhead's): marked on the chart. */
  readonly round: number;
}

export function CyclesChart({ points, round }: CyclesChartProps) {
  const [scale, setScale] = useState<CyclesScale>('zoom');
  const [ref, box] = useElementBox<HTMLDivElement>(FALLBACK_BOX);
  const summary = cyclesSummary(points, round);
  const drawn = useMemo(() => chartPoints(points, Math.max(1, Math.round(box.width))), [points, box.width]);
  // The box is measured whether or not there is anything to draw yet.
  if (points.length === 0) return <div className="cycles-chart" ref={ref}><p className="muted">{summary}</p></div>;
  const axis = cyclesAxis(drawn, scale);
  return (
    <div className="cycles-chart" ref={ref}>
      <div className="cycles-scale" role="group" aria-label="vertical axis of the cycles chart">
        <button type="button" aria-pressed={scale === 'zoom'} onClick={() => setScale('zoom')}>zoom to the balance</button>
        <button type="button" aria-pressed={scale === 'zero'} onClick={() => setScale('zero')}>from zero</button>
      </div>
      <ChartSvg points={points} drawn={drawn} round={round} axis={axis} width={box.width} fontSize={box.fontSize} summary={summary} />
      <ul className="cycles-legend" aria-label="legend">
        <li><span className="swatch balance" aria-hidden="true" />balance</li>
        <li><span className="swatch limit" aria-hidden="true" />freezing limit</li>
        <li><span className="swatch now" aria-hidden="true" />round {round}</li>
      </ul>
      <ScaleNote axis={axis} scale={scale} limit={lastFreezingLimit(points)} />
      <p className="cycles-summary" data-testid="cycles-summary">{summary}</p>
    </div>
  );
}

function ScaleNote({ axis, scale, limit }: { axis: CyclesAxis; scale: CyclesScale; limit: bigint | null }) {
  const notes: string[] = [];
  if (axis.base !== null) notes.push(`Zoomed in: the top tick is ${groupDigits(String(axis.base))}, the others how many cycles less.`);
  else if (scale === 'zoom' && axis.lo > 0) notes.push('Zoomed in: the axis does not start at 0.');
  if (axis.limitOutside) notes.push(`The freezing limit (${groupDigits(String(limit))}) is ${axis.limitOutside} the chart${scale === 'zoom' ? ': "from zero" shows it' : ''}.`);
  return notes.length === 0 ? null : <p className="cycles-note">{notes.join(' ')}</p>;
}

interface ChartSvgProps {
  readonly points: readonly CyclesPoint[];
  /** The points the lines go through (`chartPoints`): the same first and last, fewer in between. */
  readonly drawn: readonly CyclesPoint[];
  readonly round: number;
  readonly axis: CyclesAxis;
  readonly width: number;
  readonly fontSize: number;
  readonly summary: string;
}

function ChartSvg({ points, drawn, round, axis, width, fontSize, summary }: ChartSvgProps) {
  const tick = fontSize * TICK_EM;
  const labelChars = Math.max(4, ...axis.ticks.map((t) => t.label.length));
  const left = labelChars * tick * 0.62 + fontSize * 0.5;
  const top = fontSize * 1.5;
  const right = fontSize * 0.8;
  const bottom = tick * 1.6 + fontSize * 1.3;
  const height = Math.round(fontSize * 12);
  const plotWidth = Math.max(10, width - left - right);
  const plotHeight = height - top - bottom;

  const firstRound = Math.min(points[0].round, round);
  const lastRound = Math.max(points.at(-1)!.round, round, firstRound + 1);
  const x = (r: number) => left + ((r - firstRound) / (lastRound - firstRound)) * plotWidth;
  const y = (v: number | bigint) => top + ((axis.hi - Number(v)) / (axis.hi - axis.lo)) * plotHeight;
  // Room for a label's digits and a gap of one and a half characters' width.
  const roundLabelWidth = (String(lastRound).length * 0.62 + 1.5) * tick;
  const maxRoundTicks = Math.max(2, Math.min(6, Math.floor(plotWidth / roundLabelWidth)));
  const roundTicks = niceTicks(firstRound, lastRound, maxRoundTicks).values.filter((r) => r >= firstRound && r <= lastRound);
  const line = (values: readonly (readonly [number, bigint])[]) => values.map(([r, v]) => `${x(r).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const limits = drawn.flatMap((p) => (p.freezingLimit === null ? [] : [[p.round, p.freezingLimit] as const]));
  const now = points.filter((p) => p.round <= round).at(-1);
  const last = points.at(-1)!;
  const limit = lastFreezingLimit(points);
  // useId's characters are not all valid in a url(#…) reference.
  const clipId = `cycles-clip-${useId().replace(/[^\w-]/g, '')}`;

  return (
    <svg width={width} height={height} role="img" aria-label={`Cycles chart. ${summary}`}>
      <defs><clipPath id={clipId}><rect x={left} y={top - 3} width={plotWidth} height={plotHeight + 6} /></clipPath></defs>
      <text className="axis-title" x={0} y={fontSize * 0.95} fontSize={tick}>cycles</text>
      {axis.ticks.map((t) => (
        <g key={t.value} className="tick value-tick">
          <line x1={left} x2={left + plotWidth} y1={y(t.value)} y2={y(t.value)} />
          <text x={left - fontSize * 0.4} y={y(t.value)} fontSize={tick} textAnchor="end" dominantBaseline="middle">{t.label}</text>
        </g>
      ))}
      <line className="axis" x1={left} x2={left + plotWidth} y1={top + plotHeight} y2={top + plotHeight} />
      {roundTicks.map((r) => (
        <g key={r} className="tick round-tick">
          <line x1={x(r)} x2={x(r)} y1={top + plotHeight} y2={top + plotHeight + tick * 0.35} />
          <text x={x(r)} y={top + plotHeight + tick * 1.3} fontSize={tick} textAnchor="middle">{r}</text>
        </g>
      ))}
      <text className="axis-title" x={left + plotWidth / 2} y={height - fontSize * 0.3} fontSize={tick} textAnchor="middle">round</text>
      <g clipPath={`url(#${clipId})`}>
        <polyline className="limit-line" points={line(limits)} />
        <polyline className="balance-line" points={line(drawn.map((p) => [p.round, p.cycles] as const))} />
        {points.length <= MAX_DOTS && points.map((p) => (
          <circle key={p.round} className="balance-dot" cx={x(p.round)} cy={y(p.cycles)} r={fontSize * 0.18}>
            <title>{`after round ${p.round}: ${groupDigits(String(p.cycles))} cycles`}</title>
          </circle>
        ))}
      </g>
      {limit !== null && (
        <LimitLabel axis={axis} balanceAbove={last.cycles >= limit} x={left + fontSize * 0.4} y={y(limit)} top={top} bottom={top + plotHeight} size={tick} />
      )}
      <line className="now-line" x1={x(round)} x2={x(round)} y1={top - 3} y2={top + plotHeight} />
      {now && <circle className="now-dot" cx={x(now.round)} cy={Math.min(top + plotHeight, Math.max(top, y(now.cycles)))} r={fontSize * 0.3} />}
    </svg>
  );
}

interface LimitLabelProps {
  readonly axis: CyclesAxis;
  readonly balanceAbove: boolean;
  readonly x: number;
  readonly y: number;
  readonly top: number;
  readonly bottom: number;
  readonly size: number;
}

/**
 * "freezing limit" beside its line, at the left where the balance is usually still far from it and the marker of the
 * round is not, on the side away from the balance; at the plot's edge when out of range.
 */
function LimitLabel({ axis, balanceAbove, x, y, top, bottom, size }: LimitLabelProps) {
  const text = axis.limitOutside === 'below' ? 'freezing limit ↓' : axis.limitOutside === 'above' ? 'freezing limit ↑' : 'freezing limit';
  const labelY = axis.limitOutside === 'below' ? bottom - size * 0.4
    : axis.limitOutside === 'above' ? top + size
    : balanceAbove ? Math.min(bottom - size * 0.3, y + size * 1.05) : Math.max(top + size, y - size * 0.35);
  return <text className="limit-label" x={x} y={labelY} fontSize={size}>{text}</text>;
}
