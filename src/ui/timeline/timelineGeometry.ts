/**
 * Pixel geometry of the timeline: round columns across, lanes (with their sub-rows) down. Kept apart from
 * the SVG so the component only draws, and so the arithmetic of scrubbing (pixel → round) is tested once.
 */
import type { TimelineArrow, TimelineExecution, TimelineLane } from './toTimeline.ts';

/** Width of one round, height of one execution row, lane padding (the top one holds the markers), axis
 * height, label column width. */
export const CELL = 44;
export const ROW = 16;
export const LANE_PAD = 4;
export const MARKER_STRIP = 11;
export const AXIS = 26;
export const LABEL_WIDTH = 120;

export interface LaneBand {
  readonly id: string;
  readonly name: string;
  readonly top: number;
  readonly height: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Lanes stacked under the axis, each as tall as its rows. */
export function laneBands(lanes: readonly TimelineLane[]): { bands: LaneBand[]; height: number } {
  let top = AXIS;
  const bands = lanes.map((lane) => {
    const height = MARKER_STRIP + lane.rows * ROW + LANE_PAD;
    const band = { id: lane.id, name: lane.name, top, height };
    top += height;
    return band;
  });
  return { bands, height: top };
}

export function roundX(round: number): number {
  return round * CELL;
}

/** The round under a horizontal offset into the diagram, clamped to the rounds that exist. */
export function roundAt(offsetX: number, rounds: number): number {
  return Math.min(Math.max(Math.floor(offsetX / CELL), 0), Math.max(rounds - 1, 0));
}

/**
 * An execution's box: its rounds across, its row down. One-round executions sit in their iteration's share of the
 * round (ic-reference.md §7.1), which those of the same lane share by slot.
 */
export function executionBox(execution: TimelineExecution, band: LaneBand): Box {
  const y = band.top + MARKER_STRIP + execution.row * ROW + 1;
  const height = ROW - 2;
  if (execution.lastRound > execution.round) {
    return { x: roundX(execution.round) + 2, y, width: (execution.lastRound - execution.round + 1) * CELL - 4, height };
  }
  const shareStart = 2 + execution.share.start * (CELL - 4);
  const slotWidth = ((execution.share.end - execution.share.start) * (CELL - 4)) / execution.slotCount;
  return { x: roundX(execution.round) + shareStart + execution.slot * slotWidth, y, width: Math.max(slotWidth - 1, 1), height };
}

/** An arrow from where it was sent (its round, and its iteration in it) on one lane to where it was received. */
export function arrowLine(arrow: TimelineArrow, from: LaneBand, to: LaneBand): { x1: number; y1: number; x2: number; y2: number } {
  const x1 = roundX(arrow.fromRound) + arrow.fromAt * CELL;
  const x2 = roundX(arrow.toRound) + arrow.toAt * CELL;
  const down = to.top >= from.top;
  // Start and end at the lanes' edges facing each other so arrows do not cover the execution boxes.
  const y1 = from.id === to.id ? from.top + from.height / 2 : down ? from.top + from.height - 2 : from.top + 2;
  const y2 = from.id === to.id ? to.top + to.height / 2 : down ? to.top + 2 : to.top + to.height - 2;
  return { x1, y1, x2, y2 };
}
