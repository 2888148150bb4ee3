/**
 * [worker] The tracker's fast pass (a step forward, a seek forward) renders and sends what the full pass
 * (`stepReportChanges`, whose rules `outcomeChanges.test.ts` checks) would: random walks of steps, seeks both ways
 * and forks, the two compared at every outcome.
 */
import { describe, expect, it } from 'vitest';
import type { StepReport } from '../scenario/reportTypes.ts';
import { applyStepReportChanges, stepReportChanges } from './outcomeChanges.ts';
import { StepReportTracker } from './stepReportTracker.ts';

/** A step of a history: submitted in a round, and for a call the round it completes in (null: never). */
interface Planned { readonly round: number; readonly call: boolean; readonly completes: number | null }

function renderAt(plan: readonly Planned[], index: number, round: number): StepReport {
  const p = plan[index];
  if (!p.call) return { step: index, kind: 'tick' };
  return p.completes !== null && p.completes <= round
    ? { step: index, kind: 'call', status: 'replied', completedRound: p.completes }
    : { step: index, kind: 'call', status: 'pending' };
}

function random(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('[worker/stepReportTracker]', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('walk %i: the fast pass gives what the full pass gives', (seed) => {
    const next = random(seed);
    let plan: Planned[] = [];
    let end = 0;
    const tracker = new StepReportTracker();
    let reference: StepReport[] | null = null;
    let ui: StepReport[] = [];
    let round = 0;
    let fastPasses = 0;
    const addSteps = (from: number) => {
      for (let r = from; r < from + 1 + Math.floor(next() * 3); r++) {
        const call = next() < 0.7;
        plan.push({ round: r, call, completes: call ? (next() < 0.1 ? null : r + Math.floor(next() * 6)) : null });
      }
      end = Math.max(end, ...plan.map((p) => p.round));
    };
    addSteps(0);
    for (let move = 0; move < 300; move++) {
      const choice = next();
      let keep: number | undefined;
      let whole = false;
      if (choice < 0.5) round = Math.min(round + 1, end + 2); // Step
      else if (choice < 0.7) round = Math.floor(next() * (end + 3)); // a seek, either way
      else if (choice < 0.85) { // a fork at the playhead: later steps replaced by new ones
        plan = plan.filter((p) => p.round <= round);
        keep = plan.length;
        addSteps(round);
      } else if (choice < 0.88) whole = true; // a load or an undone fork
      else addSteps(end + 1); // steps recorded at the end
      const count = plan.filter((p) => p.round <= round).length;
      const render = (i: number) => renderAt(plan, i, round);
      const known: StepReport[] | null = whole ? null : reference;
      const expected = stepReportChanges(known, keep ?? known?.length ?? 0, count, round, render);
      const before = tracker.reports;
      const changes = tracker.update(whole, keep, count, round, render);
      if (before !== null && !whole && tracker.reports === before) fastPasses++;
      expect(changes, `move ${move}`).toEqual(expected.changes);
      expect([...tracker.reports!], `move ${move}`).toEqual(expected.reports);
      reference = expected.reports;
      ui = applyStepReportChanges(whole ? [] : ui, changes);
      expect(ui).toEqual(expected.reports);
    }
    expect(fastPasses).toBeGreaterThan(100);
  });

  it('a step at the end renders only the new report and the pending ones', () => {
    const tracker = new StepReportTracker();
    const reports = (count: number, round: number) => (i: number): StepReport => (i === 3 && round < 9 ? { step: i, kind: 'call', status: 'pending' } : { step: i, kind: 'tick' });
    tracker.update(true, undefined, 1_000, 5, reports(1_000, 5));
    const rendered: number[] = [];
    const changes = tracker.update(false, undefined, 1_001, 6, (i) => { rendered.push(i); return reports(1_001, 6)(i); });
    expect(rendered).toEqual([3, 1_000]);
    expect(changes.changed.map((r) => r.step)).toEqual([3, 1_000]);
  });
});
