/**
 * The engine behind the worker boundary: a workspace played by a `ScenarioPlayer` (a recorded script and a
 * playhead). Commands in, plain outcomes out (protocol.ts); no domain logic beyond sequencing player operations.
 * Outcomes carry only what changed since the previous one: the events past those the UI keeps, the step reports
 * that changed, the steps of the workspace that changed.
 */
import { checkSeededWat, compileWat, initWat, seedCompiledWat, type SourceDiagnostic } from '../engine/index.ts';
import { compiledWatOf } from '../scenario/compiledWatJson.ts';
import { serializeEvent } from '../scenario/buildReport.ts';
import { ScenarioPlayer } from '../scenario/scenarioPlayer.ts';
import { playScenario } from '../scenario/runScenario.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';
import type { StepReport } from '../scenario/reportTypes.ts';
import type { ChecksView, EngineApi, EventView, Outcome } from './protocol.ts';
import type { ScenarioSession } from '../scenario/scenarioSession.ts';
import type { MotokoCompiler } from '../motoko/motokoCompiler.ts';
import { subnetView } from './subnetView.ts';
import { workspaceChange } from './outcomeChanges.ts';
import { StepReportTracker } from './stepReportTracker.ts';
import { holdLifeLock, lockManager } from './lifeLock.ts';
import { asWritten, TAB_RUN_LIMITS, tabLimitProblem, withParamCaps } from './tabLimits.ts';
import { projectName } from '../export/projectName.ts';

/** The most bytes one `memory` call returns (the hex view asks for 256). */
const MAX_MEMORY_VIEW_BYTES = 1 << 20;

/**
 * `paramCaps`: engine parameters every workspace is played with at most (the browser's worker passes the engine's
 * `BROWSER_PLAYGROUND_LIMITS`, `tabLimits.ts withParamCaps`); the workspace sent back keeps the author's `subnet`.
 */
export function createEngineApi(options: { motoko?: MotokoCompiler; paramCaps?: Readonly<Record<string, string>> } = {}): EngineApi {
  let player: ScenarioPlayer | null = null;
  /** The `subnet` of the open workspace as written (it was played with `paramCaps` applied). */
  let writtenSubnet: Scenario['subnet'] = undefined;
  const written = (played: Scenario): Scenario => (options.paramCaps ? asWritten(played, writtenSubnet) : played);
  /** A scenario as the worker plays it: the engine parameters capped (`paramCaps`). */
  const capped = (scenario: Scenario): Scenario => (options.paramCaps ? withParamCaps(scenario, options.paramCaps) : scenario);
  let motoko = options.motoko;
  /** Trace events, step reports and workspace steps the UI has: outcomes carry only what changed. */
  let sentEvents = 0;
  /** Every step report the UI knows, also past the playhead (`StepReportChanges`). */
  const stepReports = new StepReportTracker();
  /** How many steps of the workspace the UI has. */
  let sentSteps = 0;

  /**
   * The UI keeps the events of the whole recorded script (`ScenarioPlayer.recordedTrace`) and shows the first
   * `eventCount` of them: moving the playhead sends no events, only those recorded since. A new action changes the
   * script at the playhead, so of the events the UI has, only those up to the playhead stay (`validUpTo`); after a
   * load or an undone fork (`whole`) it starts over.
   */
  const outcome = (whole: boolean, extra: { recorded?: { index: number; step: Step }; setAside?: number; validUpTo?: number; reportsValid?: number } = {}): Outcome => {
    const p = player!;
    const s = p.session;
    const recorded = p.recordedTrace;
    const keepEvents = whole ? 0 : Math.min(sentEvents, extra.validUpTo ?? sentEvents, recorded.length);
    const events = recorded.slice(keepEvents).map((e) => serializeEvent(e) as EventView);
    sentEvents = recorded.length;
    const steps = stepReports.update(whole, extra.reportsValid, s.stepCount, p.round, (i) => s.stepReportWithExpectationsAt(i));
    const reports = stepReports.reports!;
    const unchanged = p.unchangedStepsSinceAsked();
    const change = workspaceChange(whole ? written(p.workspace) : p.workspace, whole ? null : Math.min(sentSteps, unchanged));
    sentSteps = p.workspace.steps.length;
    return {
      ok: true,
      view: subnetView(s.subnet, s.loaded),
      events,
      keepEvents,
      eventCount: s.subnet.state.trace.length,
      steps,
      step: extra.recorded ? recordedReport(reports, s.stepCount, extra.recorded.index, extra.recorded.step) : null,
      workspace: change,
      playhead: { round: p.round, end: p.end, atEnd: p.atEnd, canUndoFork: p.canUndoFork },
      setAside: extra.setAside ?? 0,
      limitReached: s.limitReached?.message ?? null,
      checks: checksView(s),
    };
  };

  const noScenario = { ok: false, error: 'no scenario is loaded' } as const;

  return {
    async load(scenario, round = 0, compiled = []) {
      seedCompiledWat(compiled);
      // Over a tab's limits it is refused before anything is recorded; the workspace that was open stays (tabLimits.ts).
      const overLimits = tabLimitProblem(scenario);
      if (overLimits) return { ok: false, error: `This workspace is too large for the browser: ${overLimits}.` };
      const loaded = await ScenarioPlayer.load(capped(scenario), round, { motoko, limits: TAB_RUN_LIMITS });
      if (!loaded.ok) return loaded;
      const cutShort = loaded.player.session.limitReached;
      if (cutShort) return { ok: false, error: `This workspace is too large for the browser: ${cutShort.message}.` };
      player = loaded.player;
      writtenSubnet = scenario.subnet;
      return outcome(true);
    },

    async apply(step) {
      if (!player) return noScenario;
      const stepIndex = player.workspace.steps.length;
      const prepared = await player.prepare(step);
      if (!prepared.ok) return prepared;
      const validUpTo = player.session.subnet.state.trace.length;
      // Behind the end this forks: the reports of steps after the playhead were of the history it replaces.
      const reportsValid = player.session.stepCount;
      const result = player.record(step);
      if (!result.ok) return result;
      return outcome(false, { recorded: { index: stepIndex, step }, setAside: result.setAside, validUpTo, reportsValid });
    },

    async step() {
      if (!player) return noScenario;
      const validUpTo = player.atEnd ? player.session.subnet.state.trace.length : undefined;
      const result = player.stepForward();
      if (!result.ok) return result;
      return outcome(false, { validUpTo });
    },

    async runUntilIdle(maxRounds) {
      if (!player) return noScenario;
      if (!player.atEnd) {
        player.seek(player.end);
        return outcome(false);
      }
      // At the end the subnet is settled (idle, or busy only with heartbeats' and timers' work, which never ends),
      // unless the final drain stopped at `maxRounds`: then record rounds.
      const validUpTo = player.session.subnet.state.trace.length;
      for (let n = 0; n < maxRounds && !player.session.subnet.isSettled(); n++) {
        const result = player.record({ tick: 1 });
        if (!result.ok) return result;
      }
      return outcome(false, { validUpTo });
    },

    async runUntilCheckFails() {
      if (!player) return noScenario;
      const failed = player.session.violations().length;
      // Each round one seek forward (a replay of one recorded round, no restore): the same rounds a drag would run.
      while (!player.atEnd && player.session.violations().length === failed) player.seek(player.round + 1);
      return outcome(false);
    },

    async checkExercise(attempt) {
      // The same limits and parameter caps as a workspace: an attempt is a scenario the learner wrote part of.
      const overLimits = tabLimitProblem(attempt);
      if (overLimits) return { ok: false, error: `This exercise is too large for the browser: ${overLimits}.` };
      const played = await playScenario(capped(attempt), { motoko, limits: TAB_RUN_LIMITS });
      if (!played.ok) return played;
      return { ok: true, expectations: played.session.expectations(), limitReached: played.session.limitReached?.message ?? null };
    },

    async exportIcpProject() {
      if (!player) return { ok: false, error: 'no workspace is open' };
      // As played (parameters capped), so the export's report is the one the learner saw.
      const workspace = stepsCopied(player.workspace);
      // Loaded on first use: the exporter (and the YAML writer) stay out of the worker's start-up.
      const { exportIcpProject } = await import('../export/exportIcpProject.ts');
      const exported = await exportIcpProject(workspace, { motoko, limits: TAB_RUN_LIMITS });
      if (!exported.ok) return exported;
      return { ok: true, name: projectName(workspace.title), files: [...exported.files], canisters: exported.canisters };
    },

    async seek(round) {
      if (!player) return noScenario;
      player.seek(round);
      return outcome(false);
    },

    async undoFork() {
      if (!player) return noScenario;
      if (!player.undoFork()) return { ok: false, error: 'there is no fork to undo' };
      return outcome(true);
    },

    async scenario() {
      if (!player) throw new Error('no scenario is loaded');
      return stepsCopied(written(player.workspace));
    },

    async ping() {
      return true as const;
    },

    holdLifeLock(name) {
      return holdLifeLock(lockManager(), name);
    },

    async useMotokoCompiler(compiler) {
      motoko = compiler;
    },

    async checkCompiledWat() {
      await initWat();
      return checkSeededWat().length;
    },

    async compiledWat() {
      if (!player) return [];
      await initWat();
      return compiledWatOf(player.workspace);
    },

    async diagnose(wat): Promise<readonly SourceDiagnostic[]> {
      await initWat();
      const compiled = compileWat(wat);
      return compiled.ok ? [] : compiled.errors;
    },

    async memory(canisterId, kind, requestedOffset, requestedLength) {
      const rt = player?.session.subnet.canister(canisterId)?.runtime;
      if (!rt) return new Uint8Array(0);
      // A view, not a dump (a stable memory can be 500 GiB); whatever is asked, an answer, never an exception.
      const offset = Math.max(0, Math.floor(requestedOffset) || 0);
      const length = Math.max(0, Math.min(Math.floor(requestedLength) || 0, MAX_MEMORY_VIEW_BYTES));
      if (kind === 'stable') {
        const size = Number(rt.stable.byteLength());
        const start = Math.min(offset, size);
        return rt.stable.snapshot(start, Math.min(length, size - start));
      }
      const heap = rt.memoryBytes();
      return heap.slice(Math.min(offset, heap.length), Math.min(offset + length, heap.length));
    },

    async report() {
      return player ? player.session.report() : null;
    },
  };
}

/** The checks at the playhead, when the workspace has any (they run their queries now: a few per answer). */
function checksView(session: ScenarioSession): ChecksView | null {
  const reports = session.checkReports();
  return reports && { reports, failures: session.violations() };
}

/**
 * The report of a step just recorded: the last of the `count` at the playhead (a tick merged into the tick before it
 * has none of its own).
 */
function recordedReport(reports: readonly StepReport[], count: number, index: number, step: Step): StepReport | null {
  return count > index || !('tick' in step) ? reports[count - 1] ?? null : null;
}

/** A workspace whose steps stay as they are now: the player's steps grow in place. */
function stepsCopied(workspace: Scenario): Scenario {
  return { ...workspace, steps: workspace.steps.slice() };
}
