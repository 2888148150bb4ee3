import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayPlan } from './replayPlan.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { callerCalleePair } from '../../tests/helpers/callerCanister.ts';

const scenario = (steps: unknown[]) => {
  const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', ...callerCalleePair(steps) }));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
};

describe('[export] replayPlan', () => {
  it('refuses a setParams step, which PocketIC cannot replay, naming the step and the parameter', async () => {
    const plan = await replayPlan(scenario([
      { call: { to: 'caller', method: 'call_inc', wait: true } },
      { setParams: { params: { queueCapacity: '0' } } },
    ]));
    expect(plan).toEqual({
      ok: false,
      error: 'step 1 (setParams) changes queueCapacity during the run, which PocketIC cannot do (its subnets keep the replica\'s configuration); remove the step to export',
    });
  });

  it('refuses a trap step, which PocketIC cannot bring about (a canister traps by its own code there), naming the step and the canister', async () => {
    const plan = await replayPlan(scenario([
      { trap: { canister: 'callee', method: 'inc' } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
    ]));
    expect(plan).toEqual({
      ok: false,
      error: 'step 0 (trap) makes a call to callee trap, which PocketIC cannot do (a canister traps by its own code there); remove the step to export',
    });
  });

  it('plans the same scenario without it: the call as an ingress message to submit', async () => {
    const plan = await replayPlan(scenario([{ call: { to: 'caller', method: 'call_inc', wait: true } }]));
    expect(plan.ok && plan.plan.actions.map((a) => a.kind)).toEqual(['create', 'create', 'submit']);
  });

  it('refuses a checkpoint step that aborts a long execution, naming the step and the canister; plans one that aborts nothing', async () => {
    const LONG = readFileSync(new URL('../../examples/long-message.wat', import.meta.url), 'utf8');
    const withLong = (steps: unknown[]) => {
      const parsed = parseScenario(JSON.stringify({
        format: 'canister-playground/scenario@1', subnet: { preset: 'classroom' }, canisters: [{ name: 'worker', source: { wat: LONG } }], steps,
      }));
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.scenario;
    };
    expect(await replayPlan(withLong([{ call: { to: 'worker', method: 'long' } }, { tick: 2 }, { checkpoint: {} }]))).toEqual({
      ok: false,
      error: 'step 2 (checkpoint) aborts the long execution of worker, which PocketIC cannot do at a chosen round (its checkpoints come on its own schedule); remove the step to export',
    });
    const plan = await replayPlan(withLong([{ checkpoint: {} }, { call: { to: 'worker', method: 'long', wait: true } }]));
    expect(plan.ok && plan.plan.actions.map((a) => a.kind)).toEqual(['create', 'submit']);
  });
});
