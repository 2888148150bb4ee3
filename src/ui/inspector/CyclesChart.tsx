/** The canister's cycles over rounds as an SVG line chart, with its freezing limit drawn as a second line. */
import type { CyclesPoint } from './cyclesSeries.ts';

export function CyclesChart({ points, width = 320, height = 120 }: { points: readonly CyclesPoint[]; width?: number; height?: number }) {
  if (points.length === 0) return <p className="muted">No rounds yet.</p>;
  const maxY = Math.max(1, ...points.map((p) => Math.max(p.cycles, p.freezingLimit)));
  const minRound = points[0].round;
  const span = Math.max(1, points[points.length - 1].round - minRound);
  const x = (round: number) => ((round - minRound) / span) * (width - 10) + 5;
  const y = (value: number) => height - 5 - (value / maxY) * (height - 10);
  const line = (key: 'cycles' | 'freezingLimit') => points.map((p) => `${x(p.round)},${y(p[key])}`).join(' ');
  return (
    <svg className="cycles-chart" width={width} height={height} role="img" aria-label="cycles over rounds">
      <polyline points={line('freezingLimit')} fill="none" stroke="var(--frozen)" strokeDasharray="4 3" />
      <polyline points={line('cycles')} fill="none" stroke="var(--accent)" strokeWidth={2} />
      <title>{`cycles ${points.at(-1)!.cycles.toLocaleString('en-US')} · freezing limit ${points.at(-1)!.freezingLimit.toLocaleString('en-US')}`}</title>
    </svg>
  );
}
