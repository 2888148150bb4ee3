import { describe, expect, it } from 'vitest';
import { deployCost } from './deployCost.ts';
import { runForUi } from '../../../tests/helpers/uiFixtures.ts';
import { CALLEE_WAT } from '../../../tests/helpers/callerCanister.ts';

describe('[ui/calls] deployCost', () => {
  it('a deploy step: the round it ran in, and what its install charged less what came back, as the balance shows', async () => {
    const run = await runForUi({
      canisters: [{ name: 'first', source: { wat: CALLEE_WAT } }],
      steps: [{ tick: 2 }, { deploy: { name: 'second', source: { wat: CALLEE_WAT }, cycles: '1000000000000' } }],
    });
    const id = run.id('second');
    const cost = deployCost(run.events, id)!;
    expect(cost.round).toBe(2);
    expect(cost.cycles).toBeGreaterThan(0n);
    expect(BigInt(run.view.canisters.find((c) => c.id === id)!.cycles)).toBe(1_000_000_000_000n - cost.cycles);
  });

  it('null for a canister the trace did not create, or whose install it does not hold yet', async () => {
    const run = await runForUi({ canisters: [{ name: 'first', source: { wat: CALLEE_WAT } }], steps: [] });
    expect(deployCost(run.events, 'aaaaa-aa')).toBeNull();
    const created = run.events.findIndex((e) => e.kind === 'canister_created');
    expect(deployCost(run.events.slice(0, created + 1), run.id('first'))).toBeNull();
  });
});
