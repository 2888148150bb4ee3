import { beforeAll, describe, expect, it } from 'vitest';
import { userPrincipal } from '../ids/userPrincipal.ts';
import { createSubnetConfig } from '../params.ts';
import { Subnet } from '../subnet/subnet.ts';
import { compileWat, initWat } from '../wat/compileWat.ts';
import { canisterGlobals } from './canisterGlobals.ts';

const USER = userPrincipal('alice').toText();
const BEYOND_DOUBLES = 9007199254740992n; // 2^53: i64 values must stay exact

const WAT = `(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (global $count (mut i64) (i64.const ${BEYOND_DOUBLES}))
  (global (export "ratio") (mut f32) (f32.const 0.1))
  (global (mut i32) (i32.const -1))
  (global $limit i32 (i32.const 7))
  (func $inc (global.set $count (i64.add (global.get $count) (i64.const 1))))
  (func (export "canister_update inc") (call $inc) (call $reply))
  (func (export "canister_update inc_then_trap") (call $inc) (call $trap (i32.const 0) (i32.const 0)))
  (func (export "canister_update spin") (local $i i32)
    (call $inc)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 1000000))))
    (call $reply)))`;

beforeAll(() => initWat());

function deploy(params: Record<string, string> = {}) {
  const created = createSubnetConfig('ic', 13n, params);
  if (!created.ok) throw new Error(created.error);
  const compiled = compileWat(WAT);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const subnet = new Subnet(created.config);
  const id = subnet.createCanister({ controllers: [USER], cycles: 10n ** 15n });
  const installed = subnet.installCode(id, USER, 'install', compiled.wasm, new Uint8Array());
  if (!installed.ok) throw new Error(installed.reject.message);
  const globalsOf = (on: Subnet, names = compiled.globalNames) => canisterGlobals(on.canister(id)!.runtime!, on.state.round, names);
  const call = (method: string) => subnet.submitIngress({ sender: USER, receiver: id, method, arg: new Uint8Array() });
  /** `count` as [value, value at the start of the round], offset from its initial value. */
  const count = (on = subnet) => {
    const { value, atRoundStart } = globalsOf(on)[0];
    return [BigInt(value) - BEYOND_DOUBLES, BigInt(atRoundStart) - BEYOND_DOUBLES];
  };
  return { subnet, id, config: created.config, globalsOf, call, count };
}

describe('canisterGlobals: a canister\'s own mutable globals', () => {
  it('are named by the source, the module (an export) or their index; immutable ones and the instrumenter\'s are left out', () => {
    const { subnet, globalsOf } = deploy();
    expect(globalsOf(subnet)).toEqual([
      { name: 'count', type: 'i64', value: '9007199254740992', atRoundStart: '9007199254740992' },
      { name: 'ratio', type: 'f32', value: '0.1', atRoundStart: '0.1' },
      { name: 'global 2', type: 'i32', value: '-1', atRoundStart: '-1' },
    ]);
    expect(globalsOf(subnet, new Map()).map((g) => g.name)).toEqual(['global 0', 'ratio', 'global 2']);
  });

  it('show committed values and those at the start of the round; a trap changes neither', () => {
    const { subnet, call, count } = deploy();
    const rounds: [string[], bigint[]][] = [
      [['inc'], [1n, 0n]],
      [[], [1n, 1n]],
      [['inc_then_trap'], [1n, 1n]],
      [['inc', 'inc_then_trap', 'inc'], [3n, 1n]],
      [['inc'], [4n, 3n]],
    ];
    for (const [methods, expected] of rounds) {
      methods.forEach(call);
      subnet.executeRound();
      expect(count(), `round ${subnet.state.round}: ${methods.join(', ') || 'nothing'}`).toEqual(expected);
    }
  });

  it('a long message\'s change shows in the round it commits, not while it is paused', () => {
    const { subnet, id, call, count } = deploy({ sliceInstructions: '1000000' });
    call('spin');
    subnet.executeRound();
    expect(subnet.canister(id)!.paused, 'the message is sliced').not.toBeNull();
    expect(count()).toEqual([0n, 0n]);
    while (subnet.canister(id)!.paused) {
      expect(count()).toEqual([0n, 0n]);
      subnet.executeRound();
    }
    expect(count()).toEqual([1n, 0n]);
    subnet.executeRound();
    expect(count()).toEqual([1n, 1n]);
  });

  it.each([
    ['on a new instance', false],
    ['on a recycled instance', true],
  ])('are restored with a checkpoint, the round start included (%s)', (_, recycle) => {
    const { subnet, config, call, count, globalsOf } = deploy();
    call('inc');
    subnet.executeRound();
    const checkpoint = subnet.checkpoint(null)!;
    call('inc');
    call('inc');
    subnet.executeRound();
    const restored = Subnet.fromCheckpoint(checkpoint, config, recycle ? subnet : null);
    expect(count(restored)).toEqual([1n, 0n]);
    const straight = deploy();
    straight.call('inc');
    straight.subnet.executeRound();
    expect(globalsOf(restored)).toEqual(straight.globalsOf(straight.subnet));
    for (const on of [restored, straight.subnet]) {
      on.submitIngress({ sender: USER, receiver: on.state.canisters.keys().next().value!, method: 'inc', arg: new Uint8Array() });
      on.executeRound();
    }
    expect(globalsOf(restored)).toEqual(straight.globalsOf(straight.subnet));
    expect(count(restored)).toEqual([2n, 1n]);
  });
});
