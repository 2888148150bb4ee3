/**
 * The UI's mirror of the engine (style-anchors §9.4 rule 13): the latest `SubnetView`, every trace event so
 * far, the last step's report, and the actions that send commands to the worker. Vanilla zustand, so non-React
 * code (the worker client, tests) can use it too; React reads it through `useSimulation`.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { EngineApi, EventView, Outcome, SubnetView } from '../worker/protocol.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';
import type { StepReport } from '../scenario/reportTypes.ts';
import { applyStepReportChanges, applyWorkspaceChange } from '../worker/outcomeChanges.ts';

export interface SimulationState {
  readonly view: SubnetView | null;
  readonly events: readonly EventView[];
  /** Reports of the steps applied in this session, newest last (the call log). */
  readonly stepReports: readonly StepReport[];
  readonly busy: boolean;
  /** The last command's error, shown to the user; the workspace is unchanged when a command fails. */
  readonly error: string | null;
  /** The furthest round reached before a seek: the scrubber's range. */
  readonly maxRound: number;
  /** The workspace as of the last answer: autosaved, shared, and replayed if the worker has to be replaced. */
  readonly scenario: Scenario | null;
}

export interface SimulationActions {
  load(scenario: Scenario): Promise<boolean>;
  apply(step: Step): Promise<boolean>;
  step(): Promise<boolean>;
  runUntilIdle(maxRounds?: number): Promise<boolean>;
  seek(round: number): Promise<boolean>;
  clearError(): void;
}

export type SimulationStore = ReturnType<typeof createSimulationStore>;

export function createSimulationStore(getApi: () => Pick<EngineApi, 'load' | 'apply' | 'runUntilIdle' | 'seek'>) {
  return createStore<SimulationState & SimulationActions>()((set, get) => {
    /** Runs one command; commands are serialised so the view always matches the last answer. */
    let queue: Promise<unknown> = Promise.resolve();
    const run = (command: () => Promise<Outcome>, seeking = false): Promise<boolean> => {
      const next = queue.then(async () => {
        set({ busy: true });
        let outcome: Outcome;
        try {
          outcome = await command();
        } catch (error) {
          outcome = { ok: false, error: `The engine stopped: ${error instanceof Error ? error.message : String(error)}` };
        }
        if (!outcome.ok) {
          set({ busy: false, error: outcome.error });
          return false;
        }
        const events = outcome.reset ? outcome.events : [...get().events, ...outcome.events];
        const round = outcome.view.round;
        set({
          view: outcome.view,
          events,
          busy: false,
          error: null,
          stepReports: applyStepReportChanges(outcome.reset ? [] : get().stepReports, outcome.steps),
          scenario: applyWorkspaceChange(outcome.reset ? null : get().scenario, outcome.workspace),
          maxRound: seeking ? Math.max(get().maxRound, round) : round,
        });
        return true;
      });
      queue = next.catch(() => undefined);
      return next;
    };
    return {
      view: null,
      events: [],
      stepReports: [],
      busy: false,
      error: null,
      maxRound: 0,
      scenario: null,
      load: (scenario) => {
        set({ maxRound: 0 });
        return run(() => getApi().load(scenario));
      },
      apply: (step) => run(() => getApi().apply(step)),
      step: () => run(() => getApi().apply({ tick: 1 } as Step)),
      runUntilIdle: (maxRounds = 1000) => run(() => getApi().runUntilIdle(maxRounds)),
      seek: (round) => run(() => getApi().seek(round), true),
      clearError: () => set({ error: null }),
    };
  });
}

export function useSimulation<T>(store: SimulationStore, selector: (state: SimulationState & SimulationActions) => T): T {
  return useStore(store, selector);
}
