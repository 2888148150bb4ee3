/**
 * [engine/management] The management canister over ingress: install modes, atomic upgrade, uninstall,
 * start/stop/delete, update_settings, canister_status, controllers (ic-reference.md §3.8–3.9, §4).
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { canisterIdFromIndex, ManagementCandid } from '../../src/engine/index.ts';
import { canister } from '../helpers/prelude.ts';
import { UPGRADE_COUNTER_V1, UPGRADE_COUNTER_V2 } from '../helpers/upgradeCounter.ts';
import { events, replyInt, runInline, tryRunInline } from '../helpers/runInline.ts';
import { callerCalleePair } from '../helpers/callerCanister.ts';

const V1 = UPGRADE_COUNTER_V1;
const V2 = UPGRADE_COUNTER_V2;
const TRAPPING_POST_UPGRADE = canister(`(func (export "canister_post_upgrade") (unreachable))`);

function scenario(steps: unknown[], extra: object = {}) {
  return { users: ['alice', 'bob'], canisters: [{ name: 'c', source: { wat: V1 }, controllers: ['alice'] }], steps, ...extra };
}

describe('[engine/management] install_code', () => {
  it('upgrade keeps stable memory, wipes the heap and runs post_upgrade', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', source: { wat: V2 }, wait: true } },
      { query: { to: 'c', method: 'get' } },
    ]));
    expect(report.steps[1]).toMatchObject({ status: 'replied', reply: '4449444c0000' });
    expect(replyInt(report.steps[2])).toBe(1100n);
    expect(report.canisters.c.stableMemoryBytes).toBe('65536');
    expect(report.canisters.c.version).toBe('3');
  });

  it('skip_pre_upgrade does not run the old pre_upgrade, so here post_upgrade finds no stable memory and traps', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', skipPreUpgrade: true, source: { wat: V2 }, wait: true } },
      { query: { to: 'c', method: 'get' } },
    ]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
    expect(report.steps[0].rejectMessage).toContain('stable memory out of bounds');
    expect(replyInt(report.steps[1])).toBe(10n);
    expect(events(report, 'execution').some((e) => e.entryPoint === 'canister_pre_upgrade')).toBe(false);
  });

  it('a failed upgrade rolls everything back, including what pre_upgrade wrote', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', source: { wat: TRAPPING_POST_UPGRADE }, wait: true } },
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
    ]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0502' });
    expect(replyInt(report.steps[1])).toBe(11n);
    expect(report.canisters.c.stableMemoryBytes).toBe('0');
    expect(report.canisters.c.version).toBe('2');
  });

  it('reinstall wipes the state and runs init again; install on a non-empty canister is refused', async () => {
    const report = await runInline(scenario([
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'install', source: { wat: V1 }, wait: true } },
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat: V1 }, wait: true } },
      { query: { to: 'c', method: 'get' } },
    ]));
    expect(report.steps[1]).toMatchObject({ status: 'rejected', errorCode: 'IC0514' });
    expect(report.steps[2].status).toBe('replied');
    expect(replyInt(report.steps[3])).toBe(10n);
  });

  it('an invalid module is refused with IC0505', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', source: { wasm: 'AGFzbQEAAAA=' }, wait: true } },
    ]));
    expect(report.steps[0].status).toBe('replied');
    const bad = await runInline(scenario([
      { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', source: { wasm: 'AGFzbQEAAAAB' }, wait: true } },
    ]));
    expect(bad.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0505', rejectCode: 5 });
  });
});

describe('[engine/management] lifecycle and permissions', () => {
  it('stop goes running → stopping → stopped; calls are then refused; start resumes', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'stop_canister', canister: 'c', wait: true } },
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
      { query: { to: 'c', method: 'get' } },
      { manage: { from: 'alice', method: 'start_canister', canister: 'c', wait: true } },
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
    ]));
    expect(report.steps[0].status).toBe('replied');
    expect(events(report, 'status_changed').map((e) => `${e.from}->${e.to}`)).toEqual(['running->stopping', 'stopping->stopped', 'stopped->running']);
    expect(report.steps[1]).toMatchObject({ status: 'rejected', errorCode: 'IC0508', rejectCode: 5 });
    expect(report.steps[2]).toMatchObject({ status: 'rejected', errorCode: 'IC0508' });
    expect(replyInt(report.steps[4])).toBe(11n);
  });

  it('delete only when stopped; a deleted canister is not found', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'delete_canister', canister: 'c', wait: true } },
      { manage: { from: 'alice', method: 'stop_canister', canister: 'c', wait: true } },
      { manage: { from: 'alice', method: 'delete_canister', canister: 'c', wait: true } },
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
    ]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0510' });
    expect(report.steps[2].status).toBe('replied');
    expect(report.steps[3]).toMatchObject({ status: 'rejected', rejectCode: 3, errorCode: 'IC0301' });
    expect(report.canisters.c).toMatchObject({ status: 'deleted', cycles: '0' });
  });

  it('a top-up of a deleted canister is refused, naming the step and why', async () => {
    const result = await tryRunInline(scenario([
      { manage: { from: 'alice', method: 'stop_canister', canister: 'c', wait: true } },
      { manage: { from: 'alice', method: 'delete_canister', canister: 'c', wait: true } },
      { topUp: { canister: 'c', cycles: '1000' } },
    ]));
    expect(result).toEqual({ ok: false, error: 'step 2 (topUp): canister "c" no longer exists (it was deleted)' });
  });

  it('only controllers manage; a canister with no controllers is immutable', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'bob', method: 'stop_canister', canister: 'c', wait: true } },
      { manage: { from: 'alice', method: 'update_settings', canister: 'c', settings: { controllers: [] }, wait: true } },
      { manage: { from: 'alice', method: 'stop_canister', canister: 'c', wait: true } },
      { call: { from: 'bob', to: 'c', method: 'inc', wait: true } },
    ]));
    // Refused before induction: completed in the round it was submitted, and nobody paid an ingress fee.
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0512', submittedRound: 0, completedRound: 0 });
    expect(report.steps[0].rejectMessage).toBe(`Only controllers of canister ${report.principals.c} can call ic00 method stop_canister`);
    expect(report.events.filter((e) => e.kind === 'ingress_inducted' && e.messageId === 0)).toHaveLength(0);
    expect(report.events.filter((e) => e.kind === 'ingress_refused' && e.messageId === 0)).toHaveLength(1);
    expect(report.steps[1].status).toBe('replied');
    expect(report.steps[2]).toMatchObject({ status: 'rejected', errorCode: 'IC0512' });
    expect(replyInt(report.steps[3])).toBe(11n);
    expect(report.canisters.c.controllers).toEqual([]);
  });

  it('update_settings changes the freezing threshold; canister_status reports it with the module hash', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'update_settings', canister: 'c', settings: { freezingThreshold: '100' }, wait: true } },
      { manage: { from: 'alice', method: 'canister_status', canister: 'c', wait: true } },
    ]));
    const hex = report.steps[1].reply!;
    const bytes = Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
    const [status] = IDL.decode([ManagementCandid.CanisterStatusResult], bytes) as [Record<string, any>];
    expect(status.settings.freezing_threshold).toBe(100n);
    expect(Buffer.from(status.module_hash[0]).toString('hex')).toBe(report.canisters.c.moduleHash);
    expect(status.cycles).toBe(BigInt(report.canisters.c.cycles));
    expect(Object.keys(status.status)).toEqual(['running']);
    expect(report.canisters.c.freezingThreshold).toBe('100');
  });

  it('uninstall_code empties the canister but keeps cycles and controllers', async () => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'uninstall_code', canister: 'c', wait: true } },
      { call: { from: 'alice', to: 'c', method: 'inc', wait: true } },
    ]));
    expect(report.steps[1]).toMatchObject({ status: 'rejected', errorCode: 'IC0537' });
    expect(report.canisters.c).toMatchObject({ empty: true, moduleHash: null, controllers: [report.principals.alice] });
  });
});

describe('[engine/management] canister version (ic-reference.md §1.2)', () => {
  // §1.2: `pre_upgrade` sees the old version; `canister_init` and `post_upgrade` see the new one, bumped before they
  // run (a first install's `canister_init` sees 1: SPEC-AB install, `install.rs`).
  const SEES = canister(`
    (global $init (mut i64) (i64.const -1))
    (func (export "canister_init") (global.set $init (call $canister_version)))
    (func (export "canister_query init_saw") (call $reply_i64 (global.get $init)))
    (func (export "canister_pre_upgrade")
      (drop (call $stable64_grow (i64.const 1)))
      (i64.store (i32.const 0) (call $canister_version))
      (call $stable64_write (i64.const 0) (i64.const 0) (i64.const 8)))`);
  const UPGRADED = canister(`
    (global $pre (mut i64) (i64.const -1))
    (global $post (mut i64) (i64.const -1))
    (func (export "canister_post_upgrade")
      (call $stable64_read (i64.const 0) (i64.const 0) (i64.const 8))
      (global.set $pre (i64.load (i32.const 0)))
      (global.set $post (call $canister_version)))
    (func (export "canister_query pre_saw") (call $reply_i64 (global.get $pre)))
    (func (export "canister_query post_saw") (call $reply_i64 (global.get $post)))`);
  const upgrade = { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', source: { wat: UPGRADED }, wait: true } };
  const reinstall = { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat: SEES }, wait: true } };

  const seen = [
    { name: 'canister_init of a first install sees 1', steps: [], query: 'init_saw', expected: 1n, version: '1' },
    { name: 'canister_init of a reinstall sees the new version', steps: [reinstall], query: 'init_saw', expected: 2n, version: '2' },
    { name: 'pre_upgrade sees the old version', steps: [upgrade], query: 'pre_saw', expected: 1n, version: '2' },
    { name: 'post_upgrade sees the new version', steps: [upgrade], query: 'post_saw', expected: 2n, version: '2' },
  ];
  it.each(seen)('$name', async ({ steps, query, expected, version }) => {
    const report = await runInline({
      users: ['alice'], canisters: [{ name: 'c', source: { wat: SEES }, controllers: ['alice'] }],
      steps: [...steps, { query: { to: 'c', method: query } }],
    });
    expect(replyInt(report.steps[steps.length])).toBe(expected);
    expect(report.canisters.c.version).toBe(version);
  });

  // §1.2: `start_canister` on a running canister and `stop_canister` on a stopping one still add 1
  // (SPEC-AB "Starting/Stopping a canister"). The caller's call to the callee's `slow` (15 slices) keeps it
  // stopping while the second stop arrives. Versions: install 1, call_slow 2, stop 3, [stop 4], callback, stopped.
  const stop = { manage: { method: 'stop_canister', canister: 'caller' } };
  const lifecycle = [
    { name: 'start_canister on a running canister adds 1', steps: [{ manage: { method: 'start_canister', canister: 'caller', wait: true } }], version: '2' },
    { name: 'start_canister twice adds 2', steps: [{ manage: { method: 'start_canister', canister: 'caller' } }, { manage: { method: 'start_canister', canister: 'caller', wait: true } }], version: '3' },
    { name: 'one stop_canister while a call is out: stopping, callback, stopped', steps: [{ call: { to: 'caller', method: 'call_slow' } }, { tick: 2 }, stop], version: '5' },
    { name: 'stop_canister on a stopping canister adds 1', steps: [{ call: { to: 'caller', method: 'call_slow' } }, { tick: 2 }, stop, stop], version: '6' },
  ];
  it.each(lifecycle)('$name', async ({ steps, version }) => {
    const report = await runInline(callerCalleePair(steps));
    expect(report.idle).toBe(true);
    expect(report.canisters.caller.version).toBe(version);
  });
});

describe('[engine/management] at most 10 controllers (ic-reference.md §6.3)', () => {
  // §6.3 Controllers row: more than 10 fail while the Candid argument is decoded (`BoundedControllers`), so the
  // replica answers IC0408 (invalid management payload) with reject code 4, not an invalid-settings error.
  const principals = (n: number) => Array.from({ length: n }, (_, i) => canisterIdFromIndex(100n + BigInt(i)).toText());
  const cases = [
    { name: '10 controllers are accepted', controllers: principals(9), status: 'replied' },
    { name: '11 controllers are an invalid payload: IC0408, reject code 4', controllers: principals(10), status: 'rejected' },
  ];
  it.each(cases)('$name', async ({ controllers, status }) => {
    const report = await runInline(scenario([
      { manage: { from: 'alice', method: 'update_settings', canister: 'c', settings: { controllers: ['alice', ...controllers] }, wait: true } },
    ]));
    expect(report.steps[0].status).toBe(status);
    if (status === 'replied') {
      expect(report.canisters.c.controllers).toHaveLength(10);
      return;
    }
    expect(report.steps[0]).toMatchObject({ rejectCode: 4, errorCode: 'IC0408' });
    expect(report.steps[0].rejectMessage).toBe('Error decoding candid: Deserialize error: The number of elements exceeds maximum allowed 10');
    expect(report.canisters.c).toMatchObject({ controllers: [report.principals.alice], version: '1' });
    expect(events(report, 'settings_changed')).toEqual([]);
  });
});
