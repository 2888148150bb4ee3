/**
 * Paths of message edges between node boxes ("floating" edges): a quadratic curve from border to border,
 * bent sideways so parallel messages between the same two nodes fan out, and a loop for a canister calling
 * itself. Pure geometry, so the edge component stays a thin adapter and this part can be unit-tested.
 */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface EdgeGeometry {
  /** SVG path data, from the source's border to the target's. */
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
  /** Where the path meets the target (the arrival dot). */
  readonly endX: number;
  readonly endY: number;
}

/** Space between fanned-out parallel edges, and the base bend as a share of the distance (keeps a lone
 * edge slightly curved so it does not run exactly under nodes lined up between its ends). */
const FAN_SPACING = 34;
const BASE_BEND = 0.08;

/** The point where the ray from the rectangle's centre towards (px, py) leaves the rectangle. */
export function borderPoint(rect: Rect, px: number, py: number): { x: number; y: number } {
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const dx = px - cx;
  const dy = py - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(dx === 0 ? Infinity : rect.width / 2 / Math.abs(dx), dy === 0 ? Infinity : rect.height / 2 / Math.abs(dy));
  return scale >= 1 ? { x: px, y: py } : { x: cx + dx * scale, y: cy + dy * scale };
}

/**
 * Where along its curve an edge's label sits (0 at the source, 1 at the target): the middle for a lone edge. The
 * labels of parallel edges are spread along the pair's canonical direction too, `LABEL_SPREAD` apart (less when
 * there are many), because the fan alone puts them only half of `FAN_SPACING` apart sideways: between two nodes one
 * above the other, two labels side by side covered each other ("peek" over "long" in lesson 07).
 */
const LABEL_SPREAD = 0.18;

export function labelPosition(index: number, count: number, sign: 1 | -1): number {
  if (count <= 1) return 0.5;
  const along = 0.5 + (index - (count - 1) / 2) * Math.min(LABEL_SPREAD, 0.5 / (count - 1));
  return sign === 1 ? along : 1 - along;
}

/** Sideways offset of the curve's control point, measured on the pair's canonical normal. */
export function bendFor(distance: number, index: number, count: number): number {
  return BASE_BEND * distance + (index - (count - 1) / 2) * FAN_SPACING;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function selfLoop(rect: Rect, index: number): EdgeGeometry {
  const cx = rect.x + rect.width / 2;
  const top = rect.y;
  const spread = 24 + index * 10;
  const height = 56 + index * 22;
  const path = `M ${round1(cx - spread)} ${top} C ${round1(cx - spread * 2)} ${top - height}, ${round1(cx + spread * 2)} ${top - height}, ${round1(cx + spread)} ${top}`;
  return { path, labelX: cx, labelY: round1(top - height * 0.75), endX: round1(cx + spread), endY: top };
}

/** The edge from `source` to `target`, the `index`-th of `count` drawn between the same two nodes. */
export function edgeGeometry(source: Rect, target: Rect, index: number, count: number, sign: 1 | -1, sameNode = false): EdgeGeometry {
  if (sameNode) return selfLoop(source, index);
  const sx = source.x + source.width / 2;
  const sy = source.y + source.height / 2;
  const tx = target.x + target.width / 2;
  const ty = target.y + target.height / 2;
  const distance = Math.hypot(tx - sx, ty - sy) || 1;
  // The canonical normal (`sign` flips this edge's own normal back to it) keeps a request and its response,
  // which run in opposite directions, on their own sides instead of on top of each other.
  const bend = bendFor(distance, index, count);
  const nx = (-(ty - sy) / distance) * sign;
  const ny = ((tx - sx) / distance) * sign;
  const cx = (sx + tx) / 2 + nx * bend;
  const cy = (sy + ty) / 2 + ny * bend;
  const start = borderPoint(source, cx, cy);
  const end = borderPoint(target, cx, cy);
  const t = labelPosition(index, count, sign);
  const [a, b, c] = [(1 - t) * (1 - t), 2 * (1 - t) * t, t * t]; // the quadratic curve's point at t
  const labelX = a * start.x + b * cx + c * end.x;
  const labelY = a * start.y + b * cy + c * end.y;
  const path = `M ${round1(start.x)} ${round1(start.y)} Q ${round1(cx)} ${round1(cy)} ${round1(end.x)} ${round1(end.y)}`;
  return { path, labelX: round1(labelX), labelY: round1(labelY), endX: round1(end.x), endY: round1(end.y) };
}
