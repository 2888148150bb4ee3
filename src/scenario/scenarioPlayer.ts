/**
 * A workspace played like a recording (issue "lessons that play forward"): a **script** (the scenario's steps,
 * then the final drain the runner does) and a **playhead** (a round). Moving the playhead never changes the
 * script: Step, seeking and playing to the end replay what was recorded, and only at the end of the script do
 * new rounds get recorded. A new action taken behind the end forks: the script is cut at the playhead, the action
 * appended, and the part cut off is kept so the fork can be undone.
 *
 * Opening a scenario records it to its end, the final drain included (so a lesson can be played to the end with
 * Step alone); after that, the end is where recording stopped: an action recorded there does not run ahead, and
 * Step at the end records the next round. The playhead stops at every round, including those inside a `tick`, a
 * waiting call and the final drain. "At round r" means: r rounds executed, and every instant step recorded before
 * round r + 1 applied (a call submitted, a query answered, a top-up): exactly what a straight play to round r shows.
 *
 * Seeking restores the latest checkpoint at or before the target and replays from there; checkpoints are taken
 * while playing, often enough that a replay is short (`needsCheckpoint`). A class: it owns a live session.
 */
import type { TraceEvent } from '../engine/index.ts';
import type { Scenario, Step } from './scenarioTypes.ts';
import { ScenarioSession, stepWaits, type ApplyResult, type RunOptions, type SessionCheckpoint } from './scenarioSession.ts';

/** Where in the script a session is. */
export interface PlayerCursor {
  /** The step being played; `steps.length` for the final drain. */
  readonly step: number;
  /** Whether that step's instant part has been applied. */
  readonly started: boolean;
  /** Rounds of that step (or of the drain) executed so far. */
  readonly rounds: number;
}

interface Checkpoint {
  readonly round: number;
  readonly cursor: PlayerCursor;
  readonly session: SessionCheckpoint;
  readonly traceLength: number;
  readonly instructions: bigint;
}

/** When a checkpoint is due: when the replay from the previous one would pass any of these. */
export interface CheckpointSpacing {
  readonly rounds: number;
  readonly events: number;
  readonly instructions: bigint;
}

/**
 * Replaying 100 quiet rounds of 20 canisters takes about 3 ms, and a checkpoint of them about as long to take and to
 * restore (BENCHMARKS.md, "seeking"); busier rounds reach the event or instruction bound first.
 */
export const CHECKPOINT_EVERY: CheckpointSpacing = { rounds: 100, events: 4_000, instructions: 400_000_000n };

export type RecordResult = ({ ok: true; setAside: number }) | { ok: false; error: string };

interface ScriptState {
  readonly script: Scenario;
  readonly checkpoints: readonly Checkpoint[];
  readonly endRound: number;
  readonly recording: readonly TraceEvent[];
}

const START: PlayerCursor = { step: 0, started: false, rounds: 0 };

export class ScenarioPlayer {
  private checkpoints: Checkpoint[] = [];
  private endRound = 0;
  /** The trace of the script played to its end (so far): the trace at any round is a prefix of it. */
  private recording: readonly TraceEvent[] = [];
  /** The script before the last fork, restored by `undoFork`. */
  private beforeFork: ScriptState | null = null;
  /** How many first steps of the script are unchanged since `unchangedStepsSinceAsked` was last called. */
  private unchangedSteps = Infinity;

  private constructor(private script: Scenario, private live: ScenarioSession, private cursor: PlayerCursor, private readonly spacing: CheckpointSpacing) {}

  /**
   * Sets the scenario up, records it to its end (checkpoints on the way) and puts the playhead at `round` (clamped).
   * `spacing` is for measuring (`bench/seek.ts`): the app uses `CHECKPOINT_EVERY`.
   */
  static async load(scenario: Scenario, round = 0, options: RunOptions = {}, spacing = CHECKPOINT_EVERY): Promise<{ ok: true; player: ScenarioPlayer } | { ok: false; error: string }> {
    const started = await ScenarioSession.start(scenario, options);
    if (!started.ok) return started;
    const player = new ScenarioPlayer(scenario, started.session, START, spacing);
    const recorded = player.recordToEnd(started.session, START);
    if (!recorded.ok) return recorded;
    player.cursor = recorded.cursor; // the live session recorded the script: it is at the end
    player.recording = started.session.subnet.state.trace;
    player.seek(round);
    return { ok: true, player };
  }

  /** The session at the playhead: its subnet, reports and report. */
  get session(): ScenarioSession {
    return this.live;
  }

  get round(): number {
    return this.live.subnet.state.round;
  }

  /** The round the recorded script ends at: once opened, after its final drain; after a new action, where it stopped. */
  get end(): number {
    return this.endRound;
  }

  /** At the end of the recorded script: Step records a new round here. */
  get atEnd(): boolean {
    return this.round >= this.endRound;
  }

  /**
   * The recorded script: the workspace as a scenario. Its steps array grows in place at the end of the script (an
   * action there appends, a Step lengthens the last tick): copy it to keep it as it is now.
   */
  get workspace(): Scenario {
    return this.script;
  }

  /**
   * The trace of the whole recorded script, as far as it is recorded: the trace at the playhead is its first
   * `session.subnet.state.trace.length` events (the UI keeps it all, so a seek sends no events).
   */
  get recordedTrace(): readonly TraceEvent[] {
    return this.recording;
  }

  /**
   * How many first steps of the script are what they were when this was last called (after the load, all of them),
   * counting again from now. The worker sends the UI only the steps from there on: comparing the steps took a pass
   * over the whole script at each step, and they cannot be compared with a copy that was never made (issue 16,
   * target 2: the script grows in place).
   */
  unchangedStepsSinceAsked(): number {
    const unchanged = Math.min(this.unchangedSteps, this.script.steps.length);
    this.unchangedSteps = Infinity;
    return unchanged;
  }

  /** Whether a fork can be undone. */
  get canUndoFork(): boolean {
    return this.beforeFork !== null;
  }

  /** Moves the playhead to `round` (clamped to the script), replaying from the nearest checkpoint. */
  seek(round: number): void {
    const target = Math.max(0, Math.min(Math.floor(round), this.endRound));
    const checkpoint = this.checkpointAtOrBefore(target);
    const here = this.round;
    // Playing on from here is cheaper than a restore when here lies between that checkpoint and the target, or
    // within one checkpoint spacing of the target (Step passing a checkpoint must not pay for a restore).
    const playOn = here <= target && (!checkpoint || here >= checkpoint.round || target - here <= this.spacing.rounds);
    if (playOn || !checkpoint) {
      this.cursor = this.advance(this.live, this.cursor, target, true).cursor;
      return;
    }
    this.live = this.live.restore(checkpoint.session, true);
    this.cursor = this.advance(this.live, checkpoint.cursor, target, true).cursor;
  }

  /** One round forward: the recorded one, or at the end of the script a new one (recorded as a `tick`). */
  stepForward(): RecordResult {
    if (!this.atEnd) {
      this.seek(this.round + 1);
      return { ok: true, setAside: 0 };
    }
    return this.record({ tick: 1 });
  }

  /** Compiles what `step` needs before `record` takes it (its Motoko source: moc is asynchronous, `record` is not). */
  prepare(step: Step): Promise<{ ok: true } | { ok: false; error: string }> {
    return this.live.prepare(step);
  }

  /**
   * Records `step` at the playhead. At the end of the script it is appended (a tick merged into a tick before it);
   * behind the end the script is cut at the playhead first (a fork), and `setAside` counts the steps cut off.
   */
  record(step: Step): RecordResult {
    const before: ScriptState = { script: this.script, checkpoints: this.checkpoints, endRound: this.endRound, recording: this.recording };
    const replacedLength = this.script.steps.length;
    const { steps: prefix, shared, setAside, forkStep } = this.cutAtPlayhead();
    const round = this.round;
    this.checkpoints = this.checkpointsBefore(round, forkStep, shared);
    this.live.forgetStepsFrom(prefix.length);
    const last = prefix.at(-1);
    let steps: Step[];
    let cursor: PlayerCursor;
    const merged = 'tick' in step && last !== undefined && 'tick' in last;
    // At the end of the script its own array grows (`shared`): a copy per action made a step at the end of 64,000
    // cost 5 ms (issue 16, target 2). Nothing else keeps it: a fork, which keeps the script it replaces, copies.
    if (merged) {
      // One tick step for a run of rounds, so Step and "until idle" keep the script compact.
      steps = prefix;
      steps[steps.length - 1] = { tick: last.tick + step.tick };
      cursor = { step: steps.length - 1, started: true, rounds: last.tick };
    } else {
      const applied = this.live.start(step);
      if (!applied.ok) {
        this.restoreScript(before, round);
        return applied;
      }
      prefix.push(step);
      steps = prefix;
      cursor = { step: steps.length - 1, started: true, rounds: 0 };
    }
    // How many first steps are as they were, at least: all at the end (but a tick merged into), those before the
    // playhead's step behind it.
    const kept = shared ? replacedLength : Math.min(forkStep, replacedLength - 1);
    this.unchangedSteps = Math.min(this.unchangedSteps, Math.max(0, merged ? Math.min(kept, steps.length - 1) : kept));
    if (steps !== this.script.steps) this.script = { ...this.script, steps };
    const target = 'tick' in step ? round + step.tick : round;
    this.cursor = this.advance(this.live, cursor, target, true).cursor;
    if (stepWaits(step)) this.cursor = this.advance(this.live, this.cursor, Infinity, true, steps.length - 1).cursor;
    if (setAside > 0) this.beforeFork = before;
    // What the new step sets off is recorded as it is played (Step at the end), not run ahead now: a message that
    // loops for 40 B instructions must not hold up the action that sent it.
    this.endRound = this.round;
    this.recording = this.live.subnet.state.trace;
    this.checkpointIfDue(this.live, this.cursor);
    return { ok: true, setAside };
  }

  /**
   * Puts back the script as it was before the last fork; the playhead stays at its round. The script it replaces
   * is kept in turn, so undoing again redoes: neither branch is lost.
   */
  undoFork(): boolean {
    if (!this.beforeFork) return false;
    const forked: ScriptState = { script: this.script, checkpoints: this.checkpoints, endRound: this.endRound, recording: this.recording };
    this.restoreScript(this.beforeFork, Math.min(this.round, this.beforeFork.endRound));
    this.beforeFork = forked;
    this.unchangedSteps = 0;
    return true;
  }

  private restoreScript(state: ScriptState, round: number): void {
    this.script = state.script;
    this.checkpoints = [...state.checkpoints];
    this.endRound = state.endRound;
    this.recording = state.recording;
    this.live.forgetStepsFrom(0);
    const checkpoint = this.checkpointAtOrBefore(round)!;
    this.live = this.live.restore(checkpoint.session, true);
    this.cursor = this.advance(this.live, checkpoint.cursor, round, false).cursor;
  }

  /**
   * The script up to the playhead: a tick cut at the rounds it ran, a waiting call no longer waited for (plus a tick
   * for the rounds it waited), the drain's rounds as a tick. The live session's step reports stay right: a tick's
   * report is the same whatever its length, a call's the same waited for or not; an added tick is started in it.
   */
  private cutAtPlayhead(): { steps: Step[]; shared: boolean; setAside: number; forkStep: number } {
    // At the end the script's own steps come back (`shared`: not to be changed), so that the caller makes the one new
    // array it needs; elsewhere a copy. Copies by `slice` or `concat`, never spreading: a step at the end of 16,000
    // steps spent a millisecond copying them, most of it growing arrays (issue 16, target 2).
    const { steps } = this.script;
    const { step: index, started, rounds } = this.cursor;
    if (index >= steps.length) {
      if (rounds === 0) return { steps, shared: true, setAside: 0, forkStep: steps.length };
      const prefix = steps.slice();
      this.appendTick(prefix, rounds);
      return { steps: prefix, shared: false, setAside: 0, forkStep: steps.length };
    }
    const current = steps[index];
    const after = steps.length - index - 1;
    if (!started) return { steps: steps.slice(0, index), shared: false, setAside: after + 1, forkStep: index };
    if ('tick' in current) {
      const cut = { tick: rounds };
      const prefix = steps.slice(0, index);
      prefix.push(cut);
      return { steps: prefix, shared: false, setAside: after + (rounds < current.tick ? 1 : 0), forkStep: index };
    }
    // A waiting call or management call, still waiting: it stays, no longer waited for, and the rounds it waited
    // become a tick.
    const unwaited = ('call' in current ? { call: { ...current.call, wait: false } } : { manage: { ...(current as Extract<Step, { manage: unknown }>).manage, wait: false } }) as Step;
    const prefix = steps.slice(0, index);
    prefix.push(unwaited);
    if (rounds > 0) {
      prefix.push({ tick: rounds });
      this.live.start({ tick: rounds });
    }
    return { steps: prefix, shared: false, setAside: after, forkStep: index };
  }

  /** Appends the rounds already executed as a tick (merged into a tick at the end): the drain made explicit. */
  private appendTick(prefix: Step[], rounds: number): void {
    const last = prefix.at(-1);
    if (last && 'tick' in last) {
      prefix[prefix.length - 1] = { tick: last.tick + rounds };
    } else {
      prefix.push({ tick: rounds });
      this.live.start({ tick: rounds });
    }
  }

  /** Plays `session` from `cursor` to the end of the script, taking checkpoints, and notes the end round. */
  private recordToEnd(session: ScenarioSession, cursor: PlayerCursor): { ok: true; cursor: PlayerCursor } | { ok: false; error: string } {
    const played = this.advance(session, cursor, Infinity, true);
    if (played.error) return { ok: false, error: played.error };
    this.endRound = session.subnet.state.round;
    this.takeCheckpoint(session, played.cursor);
    return { ok: true, cursor: played.cursor };
  }

  /**
   * Plays `session` from `cursor` until the next round would pass `target` (or, with `untilStep`, until the step
   * after it is reached), applying every instant step on the way. Takes checkpoints where due.
   */
  private advance(session: ScenarioSession, from: PlayerCursor, target: number, checkpoints: boolean, untilStep = -1): { cursor: PlayerCursor; error?: string } {
    const steps = this.script.steps;
    let { step, started, rounds } = from;
    const state = session.subnet.state;
    for (;;) {
      if (untilStep >= 0 && step > untilStep) break;
      let wantsRound: boolean;
      if (step < steps.length) {
        const current = steps[step];
        if (!started) {
          // A tick is started only when its first round runs, so the playhead never rests inside a tick of 0 rounds.
          if ('tick' in current && current.tick > 0 && state.round >= target) break;
          const result: ApplyResult = session.start(current);
          if (!result.ok) return { cursor: { step, started, rounds }, error: result.error };
          started = true;
          rounds = 0;
          continue;
        }
        wantsRound = session.roundsLeft(current, rounds) > 0;
        if (!wantsRound) {
          step++;
          started = false;
          rounds = 0;
          continue;
        }
      } else {
        wantsRound = this.drainWantsRound(session, { step, started, rounds });
        if (!wantsRound) break;
      }
      if (state.round >= target) {
        // At rest before a tick's first round, the tick is not started (as when a play reached it), whether or not
        // a checkpoint taken as the round was about to run started it: the step reports must be the same.
        if (step < steps.length && rounds === 0 && 'tick' in steps[step]) {
          session.unstartLast();
          started = false;
        }
        break;
      }
      if (checkpoints) this.checkpointIfDue(session, { step, started, rounds });
      session.runRound();
      rounds++;
    }
    return { cursor: { step, started, rounds } };
  }

  /** The runner's final drain (`ScenarioSession.drain`): until settled (idle, or only periodic tasks left) or `maxRounds`. */
  private drainWantsRound(session: ScenarioSession, cursor: PlayerCursor): boolean {
    return cursor.rounds < session.maxRounds && !session.subnet.isSettled();
  }

  /** Checkpoints are in the order of their rounds, one per round at most. */
  private checkpointAtOrBefore(round: number): Checkpoint | undefined {
    const after = this.firstCheckpointAfter(round);
    return after > 0 ? this.checkpoints[after - 1] : undefined;
  }

  /** The index of the first checkpoint after `round` (a binary search: a seek or a step looks one up). */
  private firstCheckpointAfter(round: number): number {
    let lo = 0;
    let hi = this.checkpoints.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.checkpoints[mid].round <= round) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The checkpoints a step recorded at `round` keeps: those before it, of steps before `forkStep`. At the end of the
   * script (`inPlace`) the array itself when it drops none, as the script's steps are (nothing else keeps it then);
   * behind it a new one, since the script it replaces is kept with its checkpoints.
   */
  private checkpointsBefore(round: number, forkStep: number, inPlace: boolean): Checkpoint[] {
    const count = this.firstCheckpointAfter(round - 1);
    // Checkpoints are taken playing forwards: a later one is at a later or the same step.
    const allOfStepsBefore = count === 0 || this.checkpoints[count - 1].cursor.step < forkStep;
    if (inPlace && allOfStepsBefore && count === this.checkpoints.length) return this.checkpoints;
    const before = this.checkpoints.slice(0, count);
    return allOfStepsBefore ? before : before.filter((c) => c.cursor.step < forkStep);
  }

  /** Takes a checkpoint when the replay from the last one before this round would be long. */
  private checkpointIfDue(session: ScenarioSession, cursor: PlayerCursor): void {
    const state = session.subnet.state;
    const last = this.checkpointAtOrBefore(state.round);
    if (last && last.round === state.round) return;
    const every = this.spacing;
    if (last && state.round - last.round < every.rounds && state.trace.length - last.traceLength < every.events
      && state.totals.instructions - last.instructions < every.instructions) return;
    this.takeCheckpoint(session, cursor, last);
  }

  private takeCheckpoint(session: ScenarioSession, cursor: PlayerCursor, previous = this.checkpointAtOrBefore(session.subnet.state.round)): void {
    const state = session.subnet.state;
    if (previous && previous.round === state.round) return;
    const taken = session.checkpoint(previous?.session ?? null);
    if (!taken) return; // a long message is paused: the next round will do
    const checkpoint: Checkpoint = { round: state.round, cursor, session: taken, traceLength: state.trace.length, instructions: state.totals.instructions };
    this.checkpoints.splice(this.firstCheckpointAfter(state.round), 0, checkpoint);
  }
}
