/**
 * The graph's default layout: a top row with the users on the left and the management canister centred over
 * the canisters, which sit below on a grid in creation order (the scheduler's order, so the picture reads like
 * the trace). Everything outside the grid goes on top, not beside it, so a small subnet is about as wide as
 * its canisters and fits a narrow pane (or a projector) without shrinking the text.
 * Node sizes are fixed here and handed to React Flow as the nodes' width and height, so the layout can
 * promise no overlaps without measuring the DOM.
 */
export interface XY {
  readonly x: number;
  readonly y: number;
}

export const NODE_SIZE = {
  canister: { width: 200, height: 96 },
  user: { width: 150, height: 52 },
  management: { width: 180, height: 72 },
} as const;

/** Wide enough for an edge label between neighbours. */
const COLUMN_GAP = 150;
const ROW_GAP = 90;
const USER_GAP = 40;
/** Room between the users and the management canister, and between the top row and the grid, for edge labels. */
const USERS_TO_MANAGEMENT = 120;
const TOP_TO_GRID = 120;

/** Columns of the canister grid: a single row up to 3, then a near-square grid (20 → 5 × 4). */
export function gridColumns(count: number): number {
  return count <= 3 ? Math.max(1, count) : Math.ceil(Math.sqrt(count));
}

export interface GraphLayout {
  readonly users: readonly XY[];
  readonly management: XY;
  readonly canisters: readonly XY[];
}

/** Top-left positions for `userCount` users, the management canister and `canisterCount` canisters. */
export function layoutGraph(userCount: number, canisterCount: number): GraphLayout {
  const columns = gridColumns(canisterCount);
  const cellWidth = NODE_SIZE.canister.width + COLUMN_GAP;
  const cellHeight = NODE_SIZE.canister.height + ROW_GAP;
  const gridTop = NODE_SIZE.management.height + TOP_TO_GRID;
  const gridWidth = columns * cellWidth - COLUMN_GAP;
  const canisters = Array.from({ length: canisterCount }, (_, i) => ({
    x: (i % columns) * cellWidth,
    y: gridTop + Math.floor(i / columns) * cellHeight,
  }));
  // Users are vertically centred on the management canister's row.
  const userTop = Math.round((NODE_SIZE.management.height - NODE_SIZE.user.height) / 2);
  const users = Array.from({ length: userCount }, (_, i) => ({ x: i * (NODE_SIZE.user.width + USER_GAP), y: userTop }));
  const usersRight = userCount * (NODE_SIZE.user.width + USER_GAP) - USER_GAP;
  const centred = Math.round((gridWidth - NODE_SIZE.management.width) / 2);
  const management = { x: userCount === 0 ? centred : Math.max(centred, usersRight + USERS_TO_MANAGEMENT), y: 0 };
  return { users, management, canisters };
}
