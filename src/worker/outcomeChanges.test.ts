import { describe, expect, it } from 'vitest';
import {
  applyStepReportChanges, applyWorkspaceChange, stepReportChanges, workspaceChange,
} from './outcomeChanges.ts';
import type { StepReport } from '../scenario/reportTypes.ts';
import type { Scenario, Step } from '../scenario/scenarioTypes.ts';

const report = (step: number, status?: StepReport['status']): StepReport => ({ step, kind: status ? 'call' : 'tick', ...(status && { status }) });
const scenario = (steps: Step[]): Scenario => ({ format: 'canister-playground/scenario@1', canisters: [], steps } as unknown as Scenario);

describe('[worker/outcomeChanges] step reports', () => {
  const cases: { name: string; sent: StepReport[] | null; current: StepReport[]; changed: number[] }[] = [
    { name: 'nothing sent yet: all', sent: null, current: [report(0), report(1, 'pending')], changed: [0, 1] },
    { name: 'a new step', sent: [report(0)], current: [report(0), report(1, 'replied')], changed: [1] },
    { name: 'a pending call may have completed', sent: [report(0, 'pending'), report(1, 'replied')], current: [report(0, 'replied'), report(1, 'replied')], changed: [0] },
    { name: 'settled reports are not sent again', sent: [report(0, 'rejected'), report(1)], current: [report(0, 'rejected'), report(1)], changed: [] },
    { name: 'fewer steps (acting after a seek)', sent: [report(0), report(1), report(2)], current: [report(0)], changed: [] },
  ];
  it.each(cases)('$name', ({ sent, current, changed }) => {
    const changes = stepReportChanges(sent, current);
    expect(changes.changed.map((r) => r.step)).toEqual(changed);
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
