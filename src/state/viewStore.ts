/**
 * View settings that belong to the user, not to a workspace: presentation mode, remembered across reloads
 * (localStorage through zustand's persist middleware; without storage it lasts as long as the page). And one fact
 * of the page's life, not persisted: whether the graph has been on screen yet (what waits for it: `afterFirstGraph`).
 */
import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useStore } from 'zustand';

export interface ViewState {
  readonly presentation: boolean;
  setPresentation(on: boolean): void;
  /** The graph has been drawn once since the page loaded. */
  readonly graphShown: boolean;
  setGraphShown(): void;
}

export const viewStore = createStore<ViewState>()(persist((set) => ({
  presentation: false,
  setPresentation: (presentation) => set({ presentation }),
  graphShown: false,
  setGraphShown: () => set({ graphShown: true }),
}), {
  name: 'canister-playground/view',
  storage: createJSONStorage(() => localStorage),
  partialize: ({ presentation }) => ({ presentation }),
}));

export function useView<T>(selector: (state: ViewState) => T): T {
  return useStore(viewStore, selector);
}
