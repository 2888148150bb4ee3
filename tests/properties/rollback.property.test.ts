/**
 * [engine/properties] A trap leaves the canister's Wasm memory and stable memory byte-identical: generated robot
 * programs that change memory, grow it, write stable memory and then trap, run after generated committed ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyParams, propertyTimeout } from './propertyParams.ts';
import { encodeProgram, programArbitrary, ROBOT_WAT, type RobotOp } from '../helpers/robotCanister.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { ScenarioSession } from '../../src/scenario/scenarioSession.ts';
import type { Step } from '../../src/scenario/scenarioTypes.ts';

const hex = (ops: RobotOp[]) => Buffer.from(encodeProgram(ops)).toString('hex');
const mutating = fc.array(fc.oneof(
  fc.record({ op: fc.constant('add' as const), value: fc.integer({ min: 0, max: 255 }) }),
  fc.constant<RobotOp>({ op: 'grow' }),
  fc.constant<RobotOp>({ op: 'stable' }),
), { minLength: 1, maxLength: 6 });

describe('[engine/properties] rollback', () => {
  it('a trapping message leaves heap and stable memory exactly as they were', async () => {
    await fc.assert(fc.asyncProperty(programArbitrary(1, 0), mutating, async (before, changes) => {
      const parsed = parseScenario(JSON.stringify({
        format: 'canister-playground/scenario@1', subnet: { preset: 'classroom' },
        canisters: [{ name: 'r', source: { wat: ROBOT_WAT } }], steps: [],
      }));
      if (!parsed.ok) throw new Error(parsed.error);
      const started = await ScenarioSession.start(parsed.scenario);
      if (!started.ok) throw new Error(started.error);
      const session = started.session;
      session.apply({ call: { to: 'r', method: 'run', arg: { hex: hex(before) }, wait: true } } as Step);
      const rt = () => session.subnet.canister(session.loaded.principals.r)!.runtime!;
      const heap = rt().heapCopy();
      const stable = rt().stable.snapshot();
      const applied = session.apply({ call: { to: 'r', method: 'run', arg: { hex: hex([...changes, { op: 'trap' }]) }, wait: true } } as Step);
      if (!applied.ok) throw new Error(applied.error);
      expect(session.stepReport(applied.outcome)).toMatchObject({ status: 'rejected', errorCode: 'IC0503' });
      expect(Buffer.from(rt().heapCopy()).equals(Buffer.from(heap))).toBe(true);
      expect(Buffer.from(rt().stable.snapshot()).equals(Buffer.from(stable))).toBe(true);
    }), propertyParams({ numRuns: 60, seed: 11 }));
  }, propertyTimeout);
});
