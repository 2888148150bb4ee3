/** The timeline's markers: the glyph drawn on a lane and what it means (the legend reads the same table). */
import type { MarkerKind } from './toTimeline.ts';

export const MARKERS: Readonly<Record<MarkerKind, { readonly glyph: string; readonly meaning: string }>> = {
  installed: { glyph: '▲', meaning: 'code installed (install, reinstall or upgrade)' },
  trap: { glyph: '✕', meaning: 'an execution trapped: its changes were rolled back' },
  frozen: { glyph: '❄', meaning: 'frozen: the balance fell below the freezing limit' },
  unfrozen: { glyph: '☀', meaning: 'unfrozen: topped up above the freezing limit' },
  uninstalled: { glyph: '⊘', meaning: 'code uninstalled (by a controller, or out of cycles)' },
  stopped: { glyph: '■', meaning: 'stopped' },
  deleted: { glyph: '⌫', meaning: 'deleted' },
  'timed-out': { glyph: '◷', meaning: 'a bounded-wait call passed its deadline: SYS_UNKNOWN (6)' },
  expired: { glyph: '⌀', meaning: 'a bounded-wait request dropped from the queue at its deadline, unexecuted' },
  dropped: { glyph: '↯', meaning: 'a late reply dropped: its call had already timed out' },
  snapshot: { glyph: '◉', meaning: 'a snapshot taken: code and memories kept to load back' },
  restored: { glyph: '↺', meaning: 'a snapshot loaded: code and memories as they were when it was taken' },
};
