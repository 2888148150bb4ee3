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

export interface NodeSizes {
  readonly canister: { readonly width: number; readonly height: number };
  readonly user: { readonly width: number; readonly height: number };
  readonly management: { readonly width: number; readonly height: number };
}

export const NODE_SIZE: NodeSizes = {
  canister: { width: 200, height: 96 },
  user: { width: 150, height: 52 },
  management: { width: 180, height: 72 },
};

/**
 * Presentation mode's nodes: their text is 18 px in graph units, and the graph is never zoomed out below 1, so a
 * label is never under 18 px on the projector; the nodes are as tall as four lines of it.
 */
export const LARGE_NODE_SIZE: NodeSizes = {
  canister: { width: 220, height: 128 },
  user: { width: 170, height: 60 },
  management: { width: 190, height: 84 },
};

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
export function layoutGraph(userCount: number, canisterCount: number, size: NodeSizes = NODE_SIZE): GraphLayout {
  const columns = gridColumns(canisterCount);
  const cellWidth = size.canister.width + COLUMN_GAP;
  const cellHeight = size.canister.height + ROW_GAP;
  const gridTop = size.management.height + TOP_TO_GRID;
  const gridWidth = columns * cellWidth - COLUMN_GAP;
  const canisters = Array.from({ length: canisterCount }, (_, i) => ({
    x: (i % columns) * cellWidth,
    y: gridTop + Math.floor(i / columns) * cellHeight,
  }));
  // Users are vertically centred on the management canister's row.
  const userTop = Math.round((size.management.height - size.user.height) / 2);
  const users = Array.from({ length: userCount }, (_, i) => ({ x: i * (size.user.width + USER_GAP), y: userTop }));
  const usersRight = userCount * (size.user.width + USER_GAP) - USER_GAP;
  const centred = Math.round((gridWidth - size.management.width) / 2);
  const management = { x: userCount === 0 ? centred : Math.max(centred, usersRight + USERS_TO_MANAGEMENT), y: 0 };
  return { users, management, canisters };
}
