/**
 * The UI's mirror of the engine (style-anchors §9.4 rule 13): the subnet at the playhead, every trace event up to
 * it, the step reports, where the playhead is in the recorded script, and the actions that send commands to the
 * worker. Vanilla zustand, so non-React code (the worker client, tests) can use it too; React reads it through
 * `useSimulation`.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ChecksView, EngineApi, EventView, ExerciseVerdict, IcpProjectExport, Outcome, PlayheadView, SubnetView } from '../worker/protocol.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';
import type { CompiledWat } from '../engine/index.ts';
import type { CompiledWatJson } from '../scenario/compiledWatJson.ts';
import type { StepReport } from '../scenario/reportTypes.ts';
import { applyStepReportChanges, applyWorkspaceChange, shownStepReports } from '../worker/outcomeChanges.ts';

/** What a fork did, for the notice that offers to undo it. */
export interface ForkNotice {
  /** Steps set aside by the fork (0 once undone). */
  readonly setAside: number;
  /** The fork was undone: the notice offers to redo it. */
  readonly undone: boolean;
}

export interface SimulationState {
  readonly view: SubnetView | null;
  /** The trace up to the playhead. */
  readonly events: readonly EventView[];
  /** The trace of the whole recorded script, as far as it is known: `events` is a prefix of it. */
  readonly recordedEvents: readonly EventView[];
  /** Reports of the steps applied up to the playhead (the call log): the first of `knownStepReports`. */
  readonly stepReports: readonly StepReport[];
  /** Every step report the worker sent since the workspace was opened, also past the playhead (`StepReportChanges`). */
  readonly knownStepReports: readonly StepReport[];
  readonly busy: boolean;
  /** When the running command started (the page's `performance.now()`), null while idle: the busy notice counts from it. */
  readonly busySince: number | null;
  /** The last command's error, shown to the user; the workspace is unchanged when a command fails. */
  readonly error: string | null;
  readonly playhead: PlayheadView;
  /** The workspace (the recorded script) as of the last answer: autosaved, shared, replayed by a new worker. */
  readonly scenario: Scenario | null;
  /** The last fork, while its notice is shown. */
  readonly fork: ForkNotice | null;
  /** Why no round runs any more at the playhead (a run limit of the tab, `Outcome.limitReached`), else null. */
  readonly limitReached: string | null;
  /** The workspace's checks at the playhead (`Outcome.checks`), or null when it has none. */
  readonly checks: ChecksView | null;
  /**
   * A position inside the playhead's round: how many of the round's events have happened (so "request sent" and
   * "request delivered" in one round are two moments); null for the whole round. Any move of the playhead clears it.
   */
  readonly moment: number | null;
  /**
   * Playback is running (Run ▶ pressed): a round is stepped at the chosen speed. Kept here, not in the controls, so
   * whatever stops the engine (its worker dying, a step failing) also stops playback and the button says so.
   */
  readonly playing: boolean;
}

export interface SimulationActions {
  /** Opens a scenario with the playhead at `round` (default 0); `compiled` as `EngineApi.load` takes it. */
  load(scenario: Scenario, round?: number, compiled?: readonly CompiledWat[]): Promise<boolean>;
  /**
   * Once the WAT compiler has loaded, checks the modules the workspace was opened with against their sources; when
   * one differs (a link can carry any bytes), the workspace is opened again from its sources at the same round.
   * True when it had to be.
   */
  checkCompiledWat(): Promise<boolean>;
  /** The workspace's WAT sources compiled, for a share link. */
  compiledWat(): Promise<(CompiledWatJson | null)[]>;
  apply(step: Step): Promise<boolean>;
  step(): Promise<boolean>;
  runUntilIdle(maxRounds?: number): Promise<boolean>;
  /** Forward until a check judged at every round fails that held so far, or to the end of the script (`EngineApi`). */
  runUntilCheckFails(): Promise<boolean>;
  /** Plays an exercise attempt on a subnet of its own and judges it (`EngineApi.checkExercise`); the workspace is untouched. */
  checkExercise(attempt: Scenario): Promise<ExerciseVerdict>;
  /** The workspace played on a subnet of its own and written as an icp-cli project (`EngineApi.exportIcpProject`). */
  exportIcpProject(): Promise<IcpProjectExport>;
  seek(round: number): Promise<boolean>;
  undoFork(): Promise<boolean>;
  dismissFork(): void;
  clearError(): void;
  setPlaying(playing: boolean): void;
  /**
   * Stops what the engine is computing: its worker is ended and a new one replays the workspace, so the command that
   * was running is not applied and nothing recorded is lost (`useEngine.ts`). For executions that take long.
   */
  stop(): void;
  /** One event forward or back inside the playhead's round (from the whole round, back starts at its last event). */
  moveMoment(delta: 1 | -1): void;
  /**
   * To the end of the next or previous iteration of the playhead's round (ic-reference.md §7.1): the moments just
   * before an `iteration_started`, and the whole round after the last.
   */
  moveIteration(delta: 1 | -1): void;
}

export type SimulationStore = ReturnType<typeof createSimulationStore>;

type Api = Pick<EngineApi, 'load' | 'apply' | 'step' | 'runUntilIdle' | 'runUntilCheckFails' | 'checkExercise' | 'exportIcpProject' | 'seek' | 'undoFork' | 'checkCompiledWat' | 'compiledWat'>;

export const START_PLAYHEAD: PlayheadView = { round: 0, end: 0, atEnd: true, canUndoFork: false };

/** `stopEngine` ends the worker at once (`EngineClient.stop`); without one (tests), `stop` does nothing. */
export function createSimulationStore(getApi: () => Api, stopEngine: () => void = () => undefined) {
  return createStore<SimulationState & SimulationActions>()((set, get) => {
    /** Runs one command; commands are serialised so the view always matches the last answer. */
    let queue: Promise<unknown> = Promise.resolve();
    /** `stop` ended the worker: the command it fails is no error of the user's, and a new worker is on its way. */
    let stopping = false;

    /**
     * A command that plays on a subnet of its own and leaves the workspace as it is (checking an exercise, an
     * export): in the queue, as every command (the engine runs one thing at a time), with the busy notice and Stop;
     * a worker that stops or fails answers with the reason.
     */
    const aside = <T,>(command: () => Promise<T | { ok: false; error: string }>, stoppedMessage: string): Promise<T | { ok: false; error: string }> => {
      const next = queue.then(async () => {
        set({ busy: true, busySince: performance.now() });
        try {
          return await command();
        } catch (error) {
          const stopped = stopping;
          stopping = false;
          return { ok: false as const, error: stopped ? stoppedMessage : `The engine stopped: ${error instanceof Error ? error.message : String(error)}` };
        } finally {
          set({ busy: false, busySince: null });
        }
      });
      queue = next.catch(() => undefined);
      return next;
    };

    /**
     * A seek waiting for its turn in the queue, and the answer it will give. A slider dragged across a long workspace
     * sends a seek for every position it passes; each seek replays rounds, so they would be computed one after the
     * other long after the drag. A seek asked while another waits only moves the waiting one's target: the latest
     * position is the only one computed, and every caller gets its answer.
     */
    let waitingSeek: { round: number; answer: Promise<boolean> } | null = null;
    const run = (command: () => Promise<Outcome>, whole = false): Promise<boolean> => {
      const next = queue.then(async () => {
        set({ busy: true, busySince: performance.now() });
        let outcome: Outcome;
        try {
          outcome = await command();
        } catch (error) {
          outcome = {
            ok: false,
            error: stopping ? 'Stopped. A new engine is replaying your workspace…'
              : `The engine stopped: ${error instanceof Error ? error.message : String(error)}`,
          };
          stopping = false;
        }
        if (!outcome.ok) {
          set({ busy: false, busySince: null, error: outcome.error });
          return false;
        }
        const state = get();
        const known = state.recordedEvents;
        const kept = outcome.keepEvents === known.length ? known : known.slice(0, outcome.keepEvents);
        // `concat`, not spreading: a Step at the end of 64,000 steps copied 200,000 events element by element.
        const recordedEvents = outcome.events.length === 0 ? kept : kept.concat(outcome.events);
        const events = outcome.eventCount === state.events.length && recordedEvents === known ? state.events
          : outcome.eventCount === recordedEvents.length ? recordedEvents : recordedEvents.slice(0, outcome.eventCount);
        const knownStepReports = applyStepReportChanges(whole ? [] : state.knownStepReports, outcome.steps);
        set({
          view: outcome.view,
          events,
          recordedEvents,
          busy: false,
          busySince: null,
          error: null,
          knownStepReports,
          stepReports: shownStepReports(knownStepReports, outcome.steps.count),
          scenario: applyWorkspaceChange(whole ? null : state.scenario, outcome.workspace),
          playhead: outcome.playhead,
          moment: null,
          ...(outcome.setAside > 0 && { fork: { setAside: outcome.setAside, undone: false } }),
          limitReached: outcome.limitReached,
          checks: outcome.checks,
        });
        return true;
      });
      queue = next.catch(() => undefined);
      return next;
    };
    return {
      view: null,
      events: [],
      recordedEvents: [],
      stepReports: [],
      knownStepReports: [],
      busy: false,
      busySince: null,
      error: null,
      playhead: START_PLAYHEAD,
      scenario: null,
      fork: null,
      limitReached: null,
      checks: null,
      moment: null,
      playing: false,
      load: (scenario, round = 0, compiled = []) => {
        set({ fork: null });
        return run(() => getApi().load(scenario, round, compiled), true);
      },
      checkCompiledWat: async () => {
        if ((await getApi().checkCompiledWat()) === 0) return false;
        const { scenario, playhead } = get();
        return scenario !== null && (await get().load(scenario, playhead.round));
      },
      compiledWat: () => getApi().compiledWat(),
      apply: (step) => run(() => getApi().apply(step)),
      step: () => run(() => getApi().step()),
      runUntilIdle: (maxRounds = 1000) => run(() => getApi().runUntilIdle(maxRounds)),
      runUntilCheckFails: () => run(() => getApi().runUntilCheckFails()),
      checkExercise: (attempt) => aside(() => getApi().checkExercise(attempt), 'Stopped: your code was not checked.'),
      exportIcpProject: () => aside(() => getApi().exportIcpProject(), 'Stopped: nothing was exported.'),
      seek: (round) => {
        if (waitingSeek) {
          waitingSeek.round = round;
          return waitingSeek.answer;
        }
        const seek = { round, answer: Promise.resolve(false) };
        waitingSeek = seek;
        seek.answer = run(() => {
          waitingSeek = null;
          return getApi().seek(seek.round);
        });
        return seek.answer;
      },
      undoFork: async () => {
        const fork = get().fork;
        const done = await run(() => getApi().undoFork(), true);
        if (done && fork) set({ fork: { setAside: fork.setAside, undone: !fork.undone } });
        return done;
      },
      dismissFork: () => set({ fork: null }),
      moveMoment: (delta) => {
        const { events, playhead, moment } = get();
        const count = roundEventCount(events, playhead.round);
        const next = (moment ?? count) + delta;
        set({ moment: next >= count ? null : Math.max(0, next) });
      },
      moveIteration: (delta) => {
        const { events, playhead, moment } = get();
        const boundaries = iterationBoundaries(events, playhead.round);
        const at = moment ?? roundEventCount(events, playhead.round);
        const next = delta > 0 ? boundaries.find((b) => b > at) : [...boundaries].reverse().find((b) => b < at);
        if (delta > 0) set({ moment: next ?? null });
        else if (next !== undefined) set({ moment: next });
      },
      clearError: () => set({ error: null }),
      setPlaying: (playing) => set({ playing }),
      stop: () => {
        if (!get().busy) return;
        stopping = true;
        set({ playing: false });
        stopEngine();
      },
    };
  });
}

export function useSimulation<T>(store: SimulationStore, selector: (state: SimulationState & SimulationActions) => T): T {
  return useStore(store, selector);
}

/** How many events the trace at the playhead has in its last round (they are its tail). */
export function roundEventCount(events: readonly EventView[], round: number): number {
  let n = 0;
  while (n < events.length && events[events.length - 1 - n].round === round) n++;
  return n;
}

/** The events shown at a moment inside the round (`SimulationState.moment`): all of them at null. */
export function eventsAtMoment(events: readonly EventView[], round: number, moment: number | null): readonly EventView[] {
  return moment === null ? events : events.slice(0, events.length - roundEventCount(events, round) + moment);
}

/**
 * The moments of the playhead's round at which an iteration has just ended: before each `iteration_started` after
 * the first (the first boundary is before iteration 1: the round's start and its inductions).
 */
export function iterationBoundaries(events: readonly EventView[], round: number): number[] {
  const count = roundEventCount(events, round);
  const first = events.length - count;
  const boundaries: number[] = [];
  for (let i = 0; i < count; i++) if (events[first + i].kind === 'iteration_started') boundaries.push(i);
  return boundaries;
}

/** Which iteration a moment of the round is in (0 before the first), and how many the round ran. */
export function iterationAt(events: readonly EventView[], round: number, moment: number | null): { iteration: number; iterations: number } {
  const boundaries = iterationBoundaries(events, round);
  const at = moment ?? roundEventCount(events, round);
  return { iteration: boundaries.filter((b) => b < at).length, iterations: boundaries.length };
}
