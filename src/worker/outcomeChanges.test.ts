import { describe, expect, it } from 'vitest';
import {
  applyStepReportChanges, applyWorkspaceChange, shownStepReports, stepReportChanges, workspaceChange,
} from './outcomeChanges.ts';
import type { StepReport } from '../scenario/reportTypes.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';

const report = (step: number, status?: StepReport['status'], completedRound?: number): StepReport =>
  ({ step, kind: status ? 'call' : 'tick', ...(status && { status }), ...(completedRound !== undefined && { completedRound }) });
const scenario = (steps: Step[]): Scenario => ({ format: 'canister-playground/scenario@1', canisters: [], steps } as unknown as Scenario);

describe('[worker/outcomeChanges] step reports', () => {
  // `known`: what the UI knows (null: nothing); `keep`: how many of them stay (default all); `current`: the reports at
  // the playhead (`count` = its length); `after`: what the UI knows afterwards (default `current`).
  const cases: { name: string; known: StepReport[] | null; keep?: number; current: StepReport[]; round: number; changed: number[]; rendered: number[]; after?: StepReport[] }[] = [
    { name: 'nothing known yet: all', known: null, current: [report(0), report(1, 'pending')], round: 0, changed: [0, 1], rendered: [0, 1] },
    { name: 'a new step', known: [report(0)], current: [report(0), report(1, 'replied', 3)], round: 3, changed: [1], rendered: [1] },
    { name: 'a pending call may have completed', known: [report(0, 'pending'), report(1, 'replied', 2)], current: [report(0, 'replied', 4), report(1, 'replied', 2)], round: 4, changed: [0], rendered: [0] },
    { name: 'a pending call still pending is rendered, and sent', known: [report(0, 'pending')], current: [report(0, 'pending')], round: 5, changed: [0], rendered: [0] },
    { name: 'settled reports are neither rendered nor sent again', known: [report(0, 'rejected', 1), report(1)], current: [report(0, 'rejected', 1), report(1)], round: 9, changed: [], rendered: [] },
    { name: 'the playhead back before a completion: rendered again, pending', known: [report(0, 'replied', 6), report(1, 'replied', 2)], current: [report(0, 'pending'), report(1, 'replied', 2)], round: 4, changed: [0], rendered: [0] },
    { name: 'fewer steps (a seek back): those past the playhead stay known', known: [report(0), report(1), report(2, 'replied', 3)], current: [report(0)], round: 1, changed: [], rendered: [],
      after: [report(0), report(1), report(2, 'replied', 3)] },
    { name: 'a seek forward over steps known settled: nothing rendered or sent', known: [report(0), report(1), report(2, 'replied', 3), report(3, 'pending')], current: [report(0), report(1), report(2, 'replied', 3)], round: 4, changed: [], rendered: [],
      after: [report(0), report(1), report(2, 'replied', 3), report(3, 'pending')] },
    { name: 'a seek forward to before a known completion: rendered, pending', known: [report(0), report(1, 'replied', 6)], current: [report(0), report(1, 'pending')], round: 3, changed: [1], rendered: [1] },
    { name: 'a fork keeps only the reports up to the playhead', known: [report(0), report(1, 'replied', 5), report(2, 'replied', 6)], keep: 1, current: [report(0), report(1, 'replied', 2)], round: 2, changed: [1], rendered: [1] },
  ];
  it.each(cases)('$name', ({ known, keep, current, round, changed, rendered, after }) => {
    const renders: number[] = [];
    const { changes, reports } = stepReportChanges(known, keep ?? known?.length ?? 0, current.length, round, (i) => { renders.push(i); return current[i]; });
    expect(changes.changed.map((r) => r.step)).toEqual(changed);
    expect(renders).toEqual(rendered);
    expect(reports).toEqual(after ?? current);
    const mirrored = applyStepReportChanges(known ?? [], changes);
    expect(mirrored, 'the UI knows what the worker thinks it knows').toEqual(reports);
    expect(shownStepReports(mirrored, changes.count)).toEqual(current);
  });
});

describe('[worker/outcomeChanges] workspace', () => {
  const a: Step = { tick: 1 };
  const b: Step = { call: { to: 'c', method: 'm' } } as Step;
  const merged: Step = { tick: 2 };
  const cases: { name: string; sent: Step[] | null; current: Step[]; keep: number | null }[] = [
    { name: 'nothing sent yet: the whole scenario', sent: null, current: [a], keep: null },
    { name: 'a step applied', sent: [a], current: [a, b], keep: 1 },
    { name: 'ticks merged into the last step', sent: [b, a], current: [b, merged], keep: 1 },
    { name: 'a fork after a seek drops later steps', sent: [a, b, a], current: [a, merged], keep: 1 },
    { name: 'unchanged', sent: [a, b], current: [a, b], keep: 2 },
    { name: 'fewer kept than could be: still right, only longer to send', sent: [a, b, a], current: [a, b, merged], keep: 0 },
  ];
  it.each(cases)('$name', ({ sent, current, keep }) => {
    const change = workspaceChange(scenario(current), keep);
    expect(change.type === 'whole' ? null : change.keep).toBe(keep);
    expect(applyWorkspaceChange(sent && scenario(sent), change)).toEqual(scenario(current));
  });

  it('sends copies: the player\'s steps array grows in place after it is sent', () => {
    const current = scenario([a]);
    const whole = workspaceChange(current, null);
    const some = workspaceChange(current, 0);
    (current.steps as Step[]).push(b);
    expect(whole.type === 'whole' && whole.scenario.steps).toEqual([a]);
    expect(some.type === 'steps' && some.steps).toEqual([a]);
  });

  it('no change (a Step behind the end) gives the same workspace, so that its autosaved JSON is not made again', () => {
    const previous = scenario([a, b]);
    expect(applyWorkspaceChange(previous, { type: 'steps', keep: 2, steps: [] })).toBe(previous);
    expect(applyWorkspaceChange(previous, { type: 'steps', keep: 1, steps: [b] })).not.toBe(previous);
  });

  it('steps without a workspace to apply them to give none', () => {
    expect(applyWorkspaceChange(null, { type: 'steps', keep: 0, steps: [a] })).toBeNull();
  });
});
