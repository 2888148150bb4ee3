import { beforeAll, describe, expect, it } from 'vitest';
import { userPrincipal } from '../ids/userPrincipal.ts';
import { createSubnetConfig } from '../params.ts';
import { compileWat, initWat } from '../wat/compileWat.ts';
import { Subnet } from './subnet.ts';

const USER = userPrincipal('alice').toText();

const WAT = `(module (import "ic0" "msg_reply" (func $reply)) (func (export "canister_update inc") (call $reply)))`;

beforeAll(() => initWat());

function deploy() {
  const created = createSubnetConfig('ic', 13n);
  if (!created.ok) throw new Error(created.error);
  const compiled = compileWat(WAT);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const subnet = new Subnet(created.config);
  const id = subnet.createCanister({ controllers: [USER], cycles: 10n ** 15n });
  if (!subnet.installCode(id, USER, 'install', compiled.wasm, new Uint8Array()).ok) throw new Error('install');
  /** A call to `inc`, or to a canister that does not exist (refused at once: completed when submitted). */
  const call = (to: 'inc' | 'nobody') => subnet.submitIngress({ sender: USER, receiver: to === 'inc' ? id : 'aaaaa-aa', method: to === 'inc' ? 'inc' : 'no_such_method', arg: new Uint8Array() });
  return { subnet, config: created.config, call };
}

/** What a subnet's ingress history says, record by record. */
const history = (subnet: Subnet) => [...subnet.state.ingress].map(([id, r]) => `${id}:${r.method}:${r.status}:${r.completedRound ?? '-'}`);

describe('[engine/subnetCheckpoint] the ingress history in checkpoints', () => {
  it('completed records are shared along a history (one array, growing), records under way are cloned, and each checkpoint restores its own history', () => {
    const { subnet, config, call } = deploy();
    call('inc');
    call('inc');
    subnet.executeRound();
    const first = subnet.checkpoint(null)!;
    const atFirst = history(subnet);
    call('inc');
    call('nobody');
    const second = subnet.checkpoint(first)!;
    const atSecond = history(subnet);
    expect(atSecond.slice(2).map((h) => h.split(':')[2]), 'one under way, one refused after it').toEqual(['received', 'rejected']);
    subnet.executeRound();
    call('inc');
    subnet.executeRound();
    const third = subnet.checkpoint(second)!;
    const atThird = history(subnet);

    expect(first.settledIngress.count).toBe(2);
    expect(second.settledIngress.count, 'the call under way holds back the settled prefix').toBe(2);
    expect(second.laterIngress.map((r) => r?.status ?? null)).toEqual([null, 'rejected']);
    expect(third.settledIngress.count).toBe(5);
    expect(third.laterIngress).toEqual([]);
    // One array for the three: each checkpoint's own first `count` of it.
    expect(second.settledIngress.records).toBe(first.settledIngress.records);
    expect(third.settledIngress.records).toBe(first.settledIngress.records);
    // Taken again from the first (as when the player drops a checkpoint at the round an action is recorded at): the
    // records the array gained since are this state's, so it is still the one array.
    const again = subnet.checkpoint(first)!;
    expect(again.settledIngress.records).toBe(first.settledIngress.records);
    expect(again.settledIngress.count).toBe(5);

    for (const [checkpoint, expected] of [[third, atThird], [first, atFirst], [second, atSecond]] as const) {
      expect(history(Subnet.fromCheckpoint(checkpoint, config))).toEqual(expected);
    }
    // A restored record under way is the restored state's own: completing it changes no checkpoint.
    const replayed = Subnet.fromCheckpoint(second, config);
    replayed.executeRound();
    expect(history(replayed)).toEqual(atThird.slice(0, 4));
    expect(history(Subnet.fromCheckpoint(second, config))).toEqual(atSecond);
  });

  it('a checkpoint after a seek back, from an earlier one whose array grew since along the first history, copies its prefix', () => {
    const { subnet, config, call } = deploy();
    call('inc');
    subnet.executeRound();
    const first = subnet.checkpoint(null)!;
    call('inc');
    subnet.executeRound();
    const later = subnet.checkpoint(first)!;
    expect(later.settledIngress.records).toBe(first.settledIngress.records);
    // Back to the first, another call than before, and a checkpoint taken from the first.
    const other = Subnet.fromCheckpoint(first, config);
    other.submitIngress({ sender: USER, receiver: 'aaaaa-aa', method: 'no_such_method', arg: new Uint8Array() });
    const branch = other.checkpoint(first)!;
    expect(branch.settledIngress.records).not.toBe(first.settledIngress.records);
    expect(history(Subnet.fromCheckpoint(branch, config)).map((h) => h.split(':')[1])).toEqual(['inc', 'no_such_method']);
    expect(history(Subnet.fromCheckpoint(later, config)).map((h) => h.split(':')[1]), 'the first history is as it was').toEqual(['inc', 'inc']);
  });
});
