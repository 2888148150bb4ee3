/**
 * [scenario/deploy] The `deploy` step (an extension of format v1, docs/SCENARIO-EXTENSIONS.md): a canister
 * created and installed in the middle of a scenario, usable by name in the steps after it.
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { replyInt, runInline, tryRunInline } from '../helpers/runInline.ts';

const COUNTER = canister(`
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_update inc") (global.set $n (i64.add (global.get $n) (i64.const 1))) (call $reply_i64 (global.get $n)))`);

describe('[scenario/deploy]', () => {
  it('creates and installs a canister at that point, with the next id, named for later steps', async () => {
    const report = await runInline({
      users: ['alice'],
      canisters: [{ name: 'first', source: { wat: COUNTER } }],
      steps: [
        { tick: 2 },
        { deploy: { name: 'second', source: { wat: COUNTER }, cycles: '5000000000000', controllers: ['alice'], settings: { freezingThreshold: '100' } } },
        { call: { to: 'second', method: 'inc', wait: true } },
      ],
    });
    expect(report.steps[1]).toMatchObject({ kind: 'deploy', status: 'replied' });
    expect(report.principals.second).toBe('rrkah-fqaaa-aaaaa-aaaaq-cai');
    expect(report.canisters.second).toMatchObject({ id: 'rrkah-fqaaa-aaaaa-aaaaq-cai', freezingThreshold: '100', empty: false });
    expect(replyInt(report.steps[2])).toBe(1n);
    expect(report.events.find((e) => e.kind === 'canister_created' && e.canister === report.principals.second)!.round).toBe(2);
  });

  it('a failing init is a result of the step, not an unusable scenario', async () => {
    const report = await runInline({ steps: [{ deploy: { name: 'bad', source: { wat: canister('(func (export "canister_init") unreachable)') } } }] });
    expect(report.steps[0]).toMatchObject({ kind: 'deploy', status: 'rejected', errorCode: 'IC0502' });
    expect(report.canisters.bad.empty).toBe(true);
  });

  const invalid = [
    { name: 'a name already used', steps: [{ deploy: { name: 'c', source: { wat: COUNTER } } }, { deploy: { name: 'c', source: { wat: COUNTER } } }], error: 'step 1 (deploy): canister "c": the name is already used' },
    { name: 'a use before the deploy', steps: [{ call: { to: 'later', method: 'inc' } }, { deploy: { name: 'later', source: { wat: COUNTER } } }], error: 'step 0 (call): unknown canister "later"' },
    { name: 'code that does not compile', steps: [{ deploy: { name: 'x', source: { wat: '(module (func (i32.add)))' } } }], error: 'step 0 (deploy): canister "x": 1:' },
  ];
  it.each(invalid)('$name is unusable input naming the step', async ({ steps, error }) => {
    const result = await tryRunInline({ steps });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});
