/** [ui/graph] Edge paths between node boxes, and the amount labels on them. */
import { describe, expect, it } from 'vitest';
import { borderPoint, edgeGeometry, type Rect } from './edgeGeometry.ts';
import { formatAmount, groupDigits } from './formatAmount.ts';

const A: Rect = { x: 0, y: 0, width: 200, height: 100 };
const B: Rect = { x: 600, y: 0, width: 200, height: 100 };

/** The numbers of an `M x y Q cx cy x y` path. */
function points(path: string): number[] {
  return path.split(/[^\d.-]+/).filter(Boolean).map(Number);
}

describe('[ui/graph] edge geometry', () => {
  it.each([
    { towards: [500, 50], expected: { x: 200, y: 50 } },
    { towards: [100, -300], expected: { x: 100, y: 0 } },
    { towards: [-100, 100], expected: { x: 0, y: 75 } },
    { towards: [120, 60], expected: { x: 120, y: 60 } },
  ])('the ray from the centre towards $towards leaves the box at $expected', ({ towards, expected }) => {
    expect(borderPoint(A, towards[0], towards[1])).toEqual(expected);
  });

  it('runs from the source border to the target border', () => {
    const [sx, , , , ex] = points(edgeGeometry(A, B, 0, 1, 1).path);
    expect(sx).toBeCloseTo(200, 0);
    expect(ex).toBeCloseTo(600, 0);
  });

  it('keeps a request and its response (opposite directions) on different curves', () => {
    const request = points(edgeGeometry(A, B, 0, 2, 1).path);
    const response = points(edgeGeometry(B, A, 1, 2, -1).path);
    expect(Math.abs(request[3] - response[3])).toBeGreaterThan(20);
  });

  it('puts a lone edge\'s label mid-curve', () => {
    const g = edgeGeometry(A, B, 0, 1, 1);
    const [sx, sy, cx, cy, ex, ey] = points(g.path);
    expect(g.labelX).toBeCloseTo(0.25 * sx + 0.5 * cx + 0.25 * ex, 0);
    expect(g.labelY).toBeCloseTo(0.25 * sy + 0.5 * cy + 0.25 * ey, 0);
  });

  const below: Rect = { x: 0, y: 250, width: 200, height: 100 };
  it.each<[string, [number, 1 | -1][]]>([
    ['two calls the same way', [[0, 1], [1, 1]]],
    ['a call and its reply', [[0, 1], [1, -1]]],
    ['three calls', [[0, 1], [1, 1], [2, 1]]],
  ])('between a node and one below it, the labels of %s do not cover each other (24 px tall)', (_, edges) => {
    const labels = edges.map(([index, sign]) => (sign === 1 ? edgeGeometry(A, below, index, edges.length, 1) : edgeGeometry(below, A, index, edges.length, -1)));
    const ys = labels.map((g) => g.labelY).sort((x, y) => x - y);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(24);
  });

  it('draws a self-call as a loop above the node', () => {
    const g = edgeGeometry(A, A, 0, 1, 1, true);
    const p = points(g.path);
    expect([p[1], p[p.length - 1]]).toEqual([0, 0]);
    expect(g.labelY).toBeLessThan(0);
  });
});

describe('[ui/graph] amounts', () => {
  it.each([
    ['0', '0'], ['999', '999'], ['1000', '1K'], ['7075', '7.07K'], ['500000', '500K'], ['1000000', '1M'],
    ['2142152000', '2.14B'], ['799986813881', '799B'], ['100000000000000', '100T'], ['1500000000000000', '1500T'],
    ['-2500', '-2.5K'], ['not a number', 'not a number'],
  ])('%s reads %s', (value, label) => {
    expect(formatAmount(value)).toBe(label);
  });

  it('groups digits for tooltips', () => {
    expect(groupDigits('100000000000000')).toBe('100,000,000,000,000');
    expect(groupDigits('12')).toBe('12');
  });
});
