import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { userPrincipal } from '../ids/userPrincipal.ts';
import { createSubnetConfig } from '../params.ts';
import { Subnet } from '../subnet/subnet.ts';
import { compileWat, initWat } from '../wat/compileWat.ts';
import { LoadCanisterSnapshotArgs, Snapshot, TakeCanisterSnapshotArgs } from './snapshotCandid.ts';

const USER = userPrincipal('alice').toText();

/** Certified data "abcd", a global and a heap word that `set` changes together. */
const WAT = `(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "certified_data_set" (func $certified_data_set (param i32 i32)))
  (memory 1)
  (data (i32.const 64) "abcdwxyz")
  (global $g (mut i64) (i64.const 7))
  (func (export "canister_init") (call $certified_data_set (i32.const 64) (i32.const 4)))
  (func (export "canister_update set")
    (global.set $g (i64.const 99))
    (i64.store (i32.const 0) (i64.const 99))
    (call $certified_data_set (i32.const 68) (i32.const 4))
    (call $reply))
  (func (export "canister_query get")
    (i64.store (i32.const 8) (global.get $g))
    (call $append (i32.const 0) (i32.const 16))
    (call $reply)))`;

beforeAll(() => initWat());

function deploy() {
  const created = createSubnetConfig('ic');
  if (!created.ok) throw new Error(created.error);
  const subnet = new Subnet(created.config);
  const compiled = compileWat(WAT);
  if (!compiled.ok) throw new Error('WAT');
  const id = subnet.createCanister({ controllers: [USER], cycles: 100_000_000_000_000n });
  const installed = subnet.installCode(id, USER, 'install', compiled.wasm, new Uint8Array());
  if (!installed.ok) throw new Error(installed.reject.message);
  return { subnet, id, config: created.config };
}

function manage(subnet: Subnet, method: string, type: IDL.Type, value: unknown): Uint8Array {
  const messageId = subnet.submitIngress({ sender: USER, receiver: 'aaaaa-aa', method, arg: new Uint8Array(IDL.encode([type], [value])) });
  subnet.executeRound();
  const record = subnet.ingress(messageId)!;
  if (!record.reply) throw new Error(`${method}: ${record.reject?.message ?? record.status}`);
  return record.reply;
}

function query(subnet: Subnet, id: string): string {
  const result = subnet.query(USER, id, 'get', new Uint8Array());
  if (result.type !== 'reply') throw new Error(result.reject.message);
  return Buffer.from(result.data).toString('hex');
}

describe('load_canister_snapshot', () => {
  it('puts back certified data with the heap and globals, and works from a snapshot restored with a checkpoint', () => {
    const { subnet, id, config } = deploy();
    const canisterId = Principal.fromText(id);
    const taken = manage(subnet, 'take_canister_snapshot', TakeCanisterSnapshotArgs, {
      canister_id: canisterId, replace_snapshot: [], uninstall_code: [], sender_canister_version: [],
    });
    const [snapshot] = IDL.decode([Snapshot], taken) as unknown as [{ id: Uint8Array }];
    const before = query(subnet, id);
    expect(Buffer.from(subnet.canister(id)!.certifiedData).toString()).toBe('abcd');
    // The subnet's state is structured-cloned into a checkpoint and out of it: the snapshot must survive both.
    const checkpoint = subnet.checkpoint(null)!;
    const restored = Subnet.fromCheckpoint(checkpoint, config);
    for (const on of [subnet, restored]) {
      on.submitIngress({ sender: USER, receiver: id, method: 'set', arg: new Uint8Array() });
      on.executeRound();
      expect(query(on, id)).not.toBe(before);
      expect(Buffer.from(on.canister(id)!.certifiedData).toString()).toBe('wxyz');
      manage(on, 'load_canister_snapshot', LoadCanisterSnapshotArgs, { canister_id: canisterId, snapshot_id: snapshot.id, sender_canister_version: [] });
      expect(query(on, id)).toBe(before);
      expect(Buffer.from(on.canister(id)!.certifiedData).toString()).toBe('abcd');
    }
    expect(subnet.canister(id)!.version).toBe(restored.canister(id)!.version);
  });
});
