/**
 * The engine behind the worker boundary: a workspace scenario and the session playing it. Commands in,
 * plain outcomes out (protocol.ts); no domain logic beyond sequencing session operations. Seeking replays the
 * workspace from the start (the engine is deterministic), and acting after a seek forks: later steps go.
 */
import { compileWat, initWat, type SourceDiagnostic } from '../engine/index.ts';
import { serializeEvent } from '../scenario/buildReport.ts';
import { ScenarioSession } from '../scenario/scenarioSession.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';
import type { StepReport } from '../scenario/reportTypes.ts';
import type { EngineApi, EventView, Outcome } from './protocol.ts';
import { subnetView } from './subnetView.ts';
import { stepReportChanges, workspaceChange } from './outcomeChanges.ts';

/** The most bytes one `memory` call returns (the hex view asks for 256). */
const MAX_MEMORY_VIEW_BYTES = 1 << 20;

export function createEngineApi(): EngineApi {
  let workspace: Scenario | null = null;
  let session: ScenarioSession | null = null;
  /** Trace events, step reports and workspace steps already sent to the UI: outcomes carry only what changed. */
  let sentEvents = 0;
  let sentReports: readonly StepReport[] | null = null;
  let sentSteps: readonly Step[] | null = null;

  const outcome = (reset: boolean, step: StepReport | null = null): Outcome => {
    const s = session!;
    const trace = s.subnet.state.trace;
    const events = trace.slice(reset ? 0 : sentEvents).map((e) => serializeEvent(e) as EventView);
    sentEvents = trace.length;
    // Every step's report as it stands now (calls sent earlier may have completed since); the changed ones go.
    const reports = s.stepReports();
    const steps = stepReportChanges(reset ? null : sentReports, reports);
    sentReports = reports;
    const change = workspaceChange(reset ? null : sentSteps, workspace!);
    sentSteps = workspace!.steps;
    return { ok: true, view: subnetView(s.subnet, s.loaded), events, reset, steps, step, workspace: change };
  };

  /** Plays `scenario`'s steps on a fresh session, stopping once `untilRound` is reached. */
  async function replay(scenario: Scenario, untilRound = Infinity): Promise<{ ok: true; applied: Step[] } | { ok: false; error: string }> {
    const started = await ScenarioSession.start({ ...scenario, steps: scenario.steps });
    if (!started.ok) return started;
    const s = started.session;
    const applied: Step[] = [];
    for (const step of scenario.steps) {
      const round = s.subnet.state.round;
      if (round >= untilRound) break;
      const partial = 'tick' in step && round + step.tick > untilRound ? { tick: untilRound - round } : step;
      const result = s.apply(partial);
      if (!result.ok) return result;
      applied.push(partial);
    }
    session = s;
    return { ok: true, applied };
  }

  return {
    async load(scenario) {
      const played = await replay(scenario);
      if (!played.ok) return played;
      workspace = { ...scenario, steps: played.applied };
      return outcome(true);
    },

    async apply(step) {
      if (!session || !workspace) return { ok: false, error: 'no scenario is loaded' };
      const result = session.apply(step);
      if (!result.ok) return result;
      // Acting after a seek drops the steps that came after it (a fork, as in raftscope).
      workspace = session.scenario();
      return outcome(false, session.stepReport(result.outcome));
    },

    async runUntilIdle(maxRounds) {
      if (!session) return { ok: false, error: 'no scenario is loaded' };
      // Recorded as a tick step, so the workspace replays to the same state.
      for (let n = 0; n < maxRounds && !session.subnet.isIdle(); n++) session.tickOnce();
      workspace = session.scenario();
      return outcome(false);
    },

    async seek(round) {
      if (!workspace) return { ok: false, error: 'no scenario is loaded' };
      const played = await replay(workspace, round);
      if (!played.ok) return played;
      return outcome(true);
    },

    async scenario() {
      if (!workspace) throw new Error('no scenario is loaded');
      return workspace;
    },

    async ping() {
      return true as const;
    },

    async diagnose(wat): Promise<readonly SourceDiagnostic[]> {
      await initWat();
      const compiled = compileWat(wat);
      return compiled.ok ? [] : compiled.errors;
    },

    async memory(canisterId, kind, requestedOffset, requestedLength) {
      const rt = session?.subnet.canister(canisterId)?.runtime;
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
      return session ? session.report() : null;
    },
  };
}

