/**
 * [scenario/candid] Candid in scenarios (docs/SCENARIO-EXTENSIONS.md "Candid"): `arg: { candid }` typed against
 * the receiver's `candid:service` at the step (and an init argument against the code's init types), a clear
 * error at the step when it does not match, and `replyCandid` beside `reply` read by the method's result types,
 * by the wire types where the receiver has no interface, and absent where no Candid is involved.
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { initWat, compileWat } from '../../src/engine/index.ts';
import { encodeBase64 } from '../../src/scenario/encodeBase64.ts';
import { canister } from '../helpers/prelude.ts';
import { candidCanister } from '../helpers/candidCanister.ts';
import { runInline, tryRunInline } from '../helpers/runInline.ts';
import { runMotoko } from '../helpers/runMotoko.ts';

const PROFILE = 'record { name = "ada"; age = 36; tags = vec { "math" }; friend = opt record { name = "bob"; age = 7; tags = vec {} } }';

describe('[scenario/candid] typed arguments and replies', () => {
  it('types arguments by the service, reads replies by the result types', async () => {
    const report = await runInline({
      canisters: [{ name: 'profiles', source: { wat: candidCanister() }, initArg: { candid: '("alice")' } }],
      steps: [
        { call: { to: 'profiles', method: 'greet', arg: { candid: `(${PROFILE})` }, wait: true } },
        { query: { to: 'profiles', method: 'echo', arg: { candid: '(42)' } } },
        { query: { to: 'profiles', method: 'init_arg' } },
        { query: { to: 'profiles', method: 'echo', arg: { hex: '4449444c00017d2a' } } },
      ],
    });
    expect(report.steps[0]).toMatchObject({
      status: 'replied',
      replyCandid: '(record { age = 36 : nat8; name = "ada"; tags = vec { "math" }; friend = opt record { age = 7 : nat8; name = "bob"; tags = vec {}; friend = null } })',
    });
    // `(42)` is a nat where the method takes a nat: the bytes say so.
    expect(report.steps[1]).toMatchObject({ reply: '4449444c00017d2a', replyCandid: '(42 : nat)' });
    expect(report.steps[2]).toMatchObject({ replyCandid: '("alice")' });
    // A receiver with an interface has its replies read as Candid whatever form its argument took.
    expect(report.steps[3]).toMatchObject({ replyCandid: '(42 : nat)' });
    expect(Object.keys(report.steps[1])).toEqual(['step', 'kind', 'status', 'reply', 'replyText', 'replyCandid', 'submittedRound', 'completedRound']);
  });

  it('a module built by appending the custom section to wabt\'s output works the same', async () => {
    await initWat();
    const plain = compileWat(candidCanister(null));
    if (!plain.ok) throw new Error('does not compile');
    const did = 'service : { echo : (record { int; text }) -> (record { int; text }) query }';
    const wasm = appendCustomSection(plain.wasm, 'icp:private candid:service', did);
    const report = await runInline({ canisters: [{ name: 'c', source: { wasm: encodeBase64(wasm) } }], steps: [{ query: { to: 'c', method: 'echo', arg: { candid: '(record { -5; "x" })' } } }] });
    expect(report.steps[0].replyCandid).toBe('(record { -5; "x" })');
  });

  it('without an interface, Candid text is inferred and the reply read by its wire types', async () => {
    const echo = canister(`(func (export "canister_query echo")
      (call $msg_arg_data_copy (i32.const 0) (i32.const 0) (call $msg_arg_data_size))
      (call $msg_reply_data_append (i32.const 0) (call $msg_arg_data_size)) (call $msg_reply))`);
    const report = await runInline({
      canisters: [{ name: 'plain', source: { wat: echo } }],
      steps: [
        { query: { to: 'plain', method: 'echo', arg: { candid: '(42, record { ok = "x" })' } } },
        { query: { to: 'plain', method: 'echo', arg: { hex: '4449444c00017d2a' } } },
      ],
    });
    expect(report.steps[0]).toMatchObject({ reply: bytesHex(IDL.encode([IDL.Int, IDL.Record({ ok: IDL.Text })], [42n, { ok: 'x' }])), replyCandid: '(42, record { ok = "x" })' });
    // No interface and no Candid argument: the report is what it always was.
    expect(report.steps[1]).not.toHaveProperty('replyCandid');
  });

  it('a management call with a Candid argument reads its reply with the interface\'s names', async () => {
    const report = await runInline({
      canisters: [{ name: 'c', source: { wat: candidCanister() }, initArg: { candid: '("x")' } }],
      steps: [{ call: { to: 'ic', method: 'canister_status', arg: { candid: '(record { canister_id = principal "rwlgt-iiaaa-aaaaa-aaaaa-cai" })' }, wait: true } }],
    });
    expect(report.steps[0].replyCandid).toMatch(/^\(record \{ .*status = variant \{ running \}/);
  });

  it('manage steps keep their reports: no replyCandid', async () => {
    const report = await runInline({
      canisters: [{ name: 'c', source: { wat: candidCanister() }, initArg: { candid: '("x")' } }],
      steps: [{ manage: { method: 'install_code', mode: 'reinstall', canister: 'c', source: { wat: candidCanister() }, arg: { candid: '("reinstalled")' }, wait: true } },
        { query: { to: 'c', method: 'init_arg' } }],
    });
    expect(report.steps[0]).not.toHaveProperty('replyCandid');
    expect(report.steps[1].replyCandid).toBe('("reinstalled")');
  });
});

describe('[scenario/candid] a Motoko actor (its interface written by moc)', () => {
  it('takes Candid text typed by its interface and replies typed, init arguments from candid:args', async () => {
    const actor = `persistent actor class Shop(owner : Text) {
      public type Item = { name : Text; price : Nat; tags : [Text]; kind : { #food; #tool : Nat8 } };
      var items : [Item] = [];
      public func add(item : Item) : async { #ok : Nat; #err : Text } { items := [item]; #ok (item.price * 2) };
      public query func first() : async ?Item { if (items.size() == 0) null else ?items[0] };
      public query func who() : async Text { owner };
    }`;
    const report = await runMotoko({
      canisters: [{ name: 'shop', source: { motoko: actor }, initArg: { candid: '("ada")' } }],
      steps: [
        { call: { to: 'shop', method: 'add', arg: { candid: '(record { name = "saw"; price = 21; tags = vec { "wood" }; kind = variant { tool = 3 } })' }, wait: true } },
        // moc wants Candid even for no arguments: `()`, as the typed form sends.
        { query: { to: 'shop', method: 'first', arg: { candid: '()' } } },
        { query: { to: 'shop', method: 'who', arg: { candid: '()' } } },
      ],
    });
    expect(report.steps[0].replyCandid).toBe('(variant { ok = 42 : nat })');
    expect(report.steps[1].replyCandid).toBe('(opt record { kind = variant { tool = 3 : nat8 }; name = "saw"; tags = vec { "wood" }; price = 21 : nat })');
    expect(report.steps[2].replyCandid).toBe('("ada")');
  }, 60_000);
});

describe('[scenario/candid] clear errors at the step', () => {
  it.each([
    ['a value of the wrong type', [{ query: { to: 'p', method: 'echo', arg: { candid: '("x")' } } }],
      'step 0 (query): arg: ("x") does not match echo\'s arguments (nat): "x" is not a nat'],
    ['a record field of the wrong type', [{ call: { to: 'p', method: 'greet', arg: { candid: '(record { name = 1; age = 1; tags = vec {} })' } } }],
      'step 0 (call): arg: (record { name = 1; age = 1; tags = vec {} }) does not match greet\'s arguments (Profile): field name: 1 is not a text'],
    ['text that is not Candid', [{ call: { to: 'p', method: 'greet', arg: { candid: '(record {' } } }],
      'step 0 (call): arg: (record { is not Candid text: 1:10: expected a value but found the end'],
    ['an init argument that does not match', [{ manage: { method: 'install_code', mode: 'reinstall', canister: 'p', source: { wat: candidCanister() }, arg: { candid: '(1)' } } }],
      'step 0 (manage): arg: (1) does not match the init arguments (text): 1 is not a text'],
  ])('%s', async (_name, steps, error) => {
    const result = await tryRunInline({ canisters: [{ name: 'p', source: { wat: candidCanister() }, initArg: { candid: '("x")' } }], steps });
    expect(result).toEqual({ ok: false, error });
  });

  it('names the canister for its init argument', async () => {
    const result = await tryRunInline({ canisters: [{ name: 'p', source: { wat: candidCanister() }, initArg: { candid: '(7)' } }] });
    expect(result).toEqual({ ok: false, error: 'canister "p": initArg: (7) does not match the init arguments (text): 7 is not a text' });
  });
});

function bytesHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function appendCustomSection(wasm: Uint8Array, name: string, text: string): Uint8Array {
  const leb = (n: number) => { const out: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
  const nameBytes = [...new TextEncoder().encode(name)];
  const payload = [...leb(nameBytes.length), ...nameBytes, ...new TextEncoder().encode(text)];
  return new Uint8Array([...wasm, 0, ...leb(payload.length), ...payload]);
}
