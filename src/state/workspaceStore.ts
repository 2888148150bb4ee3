/**
 * The open workspace's own state, owned here and reset together whenever another workspace opens: which
 * workspace it is (its id in the library of recent workspaces), the scenario as it was opened (title and
 * narration), editor drafts not installed yet, the selection, and a generation number that per-workspace view
 * state (the call form, the deploy form) is keyed on, so nothing of one lesson leaks into the next.
 *
 * Opening goes through the simulation store (the engine loads the script); the browser's parts (IndexedDB, tab
 * ownership) are injected, so the store runs in Node tests too.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Scenario } from '../scenario/scenarioTypes.ts';
import type { CompiledWat } from '../engine/index.ts';
import type { SimulationStore } from './simulationStore.ts';
import type { Selection } from './selection.ts';
import { ALL_EVENTS, type EventFilter } from './eventFilter.ts';
import { isExercise, withJudgedSteps } from '../scenario/exerciseAttempt.ts';
import type { ExerciseVerdict } from '../worker/protocol.ts';

/** Where the learner is in the open exercise (docs/SCENARIO-EXTENSIONS.md "Exercises"); reset with the workspace. */
export interface ExerciseProgress {
  /** Hints revealed so far, one at a time. */
  readonly hintsShown: number;
  /** The last check: of which code (its text), and its verdict. */
  readonly verdict: { readonly code: string; readonly result: ExerciseVerdict } | null;
  readonly checking: boolean;
}

const NO_PROGRESS: ExerciseProgress = { hintsShown: 0, verdict: null, checking: false };

/** A message for the user about the workspace, with an action to take it back where there is one. */
export interface WorkspaceNotice {
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

export interface OpenOptions {
  /** The library id to open it as; a new id when absent (a new workspace). */
  readonly id?: string;
  readonly round?: number;
  readonly drafts?: Readonly<Record<string, string>>;
  readonly notice?: WorkspaceNotice;
  /** Its WAT sources compiled elsewhere (a lesson's, a link's): it opens before the WAT compiler has loaded. */
  readonly compiled?: readonly CompiledWat[];
}

export interface WorkspaceState {
  readonly id: string | null;
  readonly opened: Scenario | null;
  readonly generation: number;
  readonly drafts: Readonly<Record<string, string>>;
  /** Compile errors in each canister's editor text (by canister name): installing it is refused while there are any. */
  readonly codeErrors: Readonly<Record<string, number>>;
  readonly selection: Selection | null;
  readonly notice: WorkspaceNotice | null;
  /** What the left pane shows: the lesson's narration, the selected canister's code (wider, for 80 columns), or the events in words. */
  readonly pane: LeftPane;
  /** What the event list shows. */
  readonly eventFilter: EventFilter;
  /** How many of the newest entries the console (Results) shows: a page at first, more on asking. */
  readonly resultsShown: number;
  /** A file in the editor that is not a canister yet (a draft made with New file); null: the selected canister's. */
  readonly newFile: string | null;
  readonly exercise: ExerciseProgress;
}

export type LeftPane = 'lesson' | 'code' | 'events';

/** Entries the console shows at first, and how many more each "show earlier" adds (a long run's DOM stays bounded, issue 16). */
export const RESULTS_PAGE = 30;

export interface WorkspaceActions {
  /** Loads a scenario as the open workspace; the previous one stays in the library. False when it cannot load. */
  open(scenario: Scenario, options?: OpenOptions): Promise<boolean>;
  setDraft(name: string, text: string): void;
  setCodeErrors(name: string, count: number): void;
  select(selection: Selection | null): void;
  setNotice(notice: WorkspaceNotice | null): void;
  setPane(pane: LeftPane): void;
  setEventFilter(change: Partial<EventFilter>): void;
  /** The console shows a page more of earlier entries. */
  showMoreResults(): void;
  /** A new file (a draft with no canister yet) with this text, open in the editor. */
  createFile(name: string, text: string): void;
  /** Opens a draft that is not a canister yet in the editor (selecting a canister opens its own code again). */
  openFile(name: string): void;
  /** Reveals the next hint of the exercise. */
  showHint(): void;
  /** Checks the open exercise with `code` as the learner's (`exerciseAttempt`), and keeps the verdict. */
  checkExercise(code: string, attempt: Scenario): Promise<void>;
}

export interface WorkspaceDeps {
  readonly simulation: SimulationStore;
  /** A fresh workspace id. */
  readonly newId: () => string;
  /** Called once a workspace is open, with its id (tab ownership, the tab's pointer to it). */
  readonly onOpened?: (id: string) => void;
}

export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>;

export function createWorkspaceStore({ simulation, newId, onOpened }: WorkspaceDeps) {
  return createStore<WorkspaceState & WorkspaceActions>()((set, get) => ({
    id: null,
    opened: null,
    generation: 0,
    drafts: {},
    codeErrors: {},
    selection: null,
    notice: null,
    pane: 'lesson',
    eventFilter: ALL_EVENTS,
    resultsShown: RESULTS_PAGE,
    newFile: null,
    exercise: NO_PROGRESS,
    open: async (opening, options = {}) => {
      const scenario = withJudgedSteps(opening);
      if (!(await simulation.getState().load(scenario, options.round ?? 0, options.compiled))) return false;
      const id = options.id ?? newId();
      set({
        id,
        opened: scenario,
        generation: get().generation + 1,
        drafts: { ...(options.drafts ?? {}) },
        codeErrors: {},
        // An exercise opens on the canister the learner writes: the Code tab shows its code.
        selection: isExercise(scenario) ? { type: 'canister', id: scenario.exercise.canister } : null,
        notice: options.notice ?? null,
        // A lesson opens on its narration; a workspace without one on the code.
        pane: scenario.description ? 'lesson' : 'code',
        eventFilter: ALL_EVENTS,
        resultsShown: RESULTS_PAGE,
        newFile: null,
        exercise: NO_PROGRESS,
      });
      onOpened?.(id);
      return true;
    },
    setDraft: (name, text) => set({ drafts: { ...get().drafts, [name]: text } }),
    setCodeErrors: (name, count) => {
      if ((get().codeErrors[name] ?? 0) !== count) set({ codeErrors: { ...get().codeErrors, [name]: count } });
    },
    select: (selection) => set(selection?.type === 'canister' ? { selection, newFile: null } : { selection }),
    setNotice: (notice) => set({ notice }),
    setPane: (pane) => set({ pane }),
    setEventFilter: (change) => set({ eventFilter: { ...get().eventFilter, ...change } }),
    showMoreResults: () => set({ resultsShown: get().resultsShown + RESULTS_PAGE }),
    createFile: (name, text) => set({ drafts: { ...get().drafts, [name]: text }, newFile: name, pane: 'code' }),
    openFile: (name) => set({ newFile: name, pane: 'code' }),
    showHint: () => set({ exercise: { ...get().exercise, hintsShown: get().exercise.hintsShown + 1 } }),
    checkExercise: async (code, attempt) => {
      const generation = get().generation;
      set({ exercise: { ...get().exercise, checking: true } });
      const result = await simulation.getState().checkExercise(attempt);
      // Another workspace opened meanwhile: the verdict is not this one's.
      if (get().generation !== generation) return;
      set({ exercise: { ...get().exercise, checking: false, verdict: { code, result } } });
    },
  }));
}

export function useWorkspace<T>(store: WorkspaceStore, selector: (state: WorkspaceState & WorkspaceActions) => T): T {
  return useStore(store, selector);
}
