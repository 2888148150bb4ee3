import { describe, expect, it } from 'vitest';
import {
  applyStepReportChanges, applyWorkspaceChange, stepReportChanges, workspaceChange,
} from './outcomeChanges.ts';
import type { StepReport } from '../scenario/reportTypes.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';

const report = (step: number, status?: StepReport['status'], completedRound?: number): StepReport =>
  ({ step, kind: status ? 'call' : 'tick', ...(status && { status }), ...(completedRound !== undefined && { completedRound }) });
const scenario = (steps: Step[]): Scenario => ({ format: 'canister-playground/scenario@1', canisters: [], steps } as unknown as Scenario);

describe('[worker/outcomeChanges] step reports', () => {
  const cases: { name: string; sent: StepReport[] | null; current: StepReport[]; round: number; changed: number[]; rendered: number[] }[] = [
    { name: 'nothing sent yet: all', sent: null, current: [report(0), report(1, 'pending')], round: 0, changed: [0, 1], rendered: [0, 1] },
    { name: 'a new step', sent: [report(0)], current: [report(0), report(1, 'replied', 3)], round: 3, changed: [1], rendered: [1] },
    { name: 'a pending call may have completed', sent: [report(0, 'pending'), report(1, 'replied', 2)], current: [report(0, 'replied', 4), report(1, 'replied', 2)], round: 4, changed: [0], rendered: [0] },
    { name: 'a pending call still pending is rendered, and sent', sent: [report(0, 'pending')], current: [report(0, 'pending')], round: 5, changed: [0], rendered: [0] },
    { name: 'settled reports are neither rendered nor sent again', sent: [report(0, 'rejected', 1), report(1)], current: [report(0, 'rejected', 1), report(1)], round: 9, changed: [], rendered: [] },
    { name: 'the playhead back before a completion: rendered again, pending', sent: [report(0, 'replied', 6), report(1, 'replied', 2)], current: [report(0, 'pending'), report(1, 'replied', 2)], round: 4, changed: [0], rendered: [0] },
    { name: 'fewer steps (a seek back, or acting after one)', sent: [report(0), report(1), report(2)], current: [report(0)], round: 1, changed: [], rendered: [] },
  ];
  it.each(cases)('$name', ({ sent, current, round, changed, rendered }) => {
    const renders: number[] = [];
    const { changes, reports } = stepReportChanges(sent, current.length, round, (i) => { renders.push(i); return current[i]; });
    expect(changes.changed.map((r) => r.step)).toEqual(changed);
    expect(renders).toEqual(rendered);
    expect(reports).toEqual(current);
    expect(applyStepReportChanges(sent ?? [], changes)).toEqual(current);
  });
});

describe('[worker/outcomeChanges] workspace', () => {
  const a: Step = { tick: 1 };
  const b: Step = { call: { to: 'c', method: 'm' } } as Step;
  const merged: Step = { tick: 2 };
  const cases: { name: string; sent: Step[] | null; current: Step[]; keep: number | 'whole' }[] = [
    { name: 'nothing sent yet: the whole scenario', sent: null, current: [a], keep: 'whole' },
    { name: 'a step applied', sent: [a], current: [a, b], keep: 1 },
    { name: 'ticks merged into the last step', sent: [b, a], current: [b, merged], keep: 1 },
    { name: 'a fork after a seek drops later steps', sent: [a, b, a], current: [a, merged], keep: 1 },
    { name: 'unchanged', sent: [a, b], current: [a, b], keep: 2 },
  ];
  it.each(cases)('$name', ({ sent, current, keep }) => {
    const change = workspaceChange(sent, scenario(current));
    expect(change.type === 'whole' ? 'whole' : change.keep).toBe(keep);
    expect(applyWorkspaceChange(sent && scenario(sent), change)).toEqual(scenario(current));
  });

  it('steps without a workspace to apply them to give none', () => {
    expect(applyWorkspaceChange(null, { type: 'steps', keep: 0, steps: [a] })).toBeNull();
  });
});
