/**
 * [engine/management] The management canister called by canisters (ic-reference.md §4.2): raw_rand,
 * deposit_cycles, canister_info, canister_status on itself, permissions, and methods users may not call.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { ManagementCandid } from '../../src/engine/index.ts';
import { candid, PROXY_WAT, proxyArg, proxyOutcome } from '../helpers/proxyCanister.ts';
import { canister } from '../helpers/prelude.ts';
import { runInline } from '../helpers/runInline.ts';

const PROXY = 'rwlgt-iiaaa-aaaaa-aaaaa-cai';
const OTHER = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const id = (text: string) => ({ canister_id: Principal.fromText(text) });

function viaProxy(method: string, payload: Uint8Array, cycles = 0n, extra: Record<string, unknown> = {}) {
  return {
    canisters: [
      { name: 'proxy', source: { wat: PROXY_WAT } },
      { name: 'other', source: { wat: canister('') }, controllers: ['proxy'] },
    ],
    steps: [{ call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', method, cycles, payload) }, wait: true } }],
    ...extra,
  };
}

describe('[engine/management] from canisters', () => {
  it('raw_rand gives 32 bytes, the same on every run and different for another seed', async () => {
    const run = async (seed: string) => {
      const report = await runInline(viaProxy('raw_rand', candid([], []), 0n, { subnet: { params: { randomSeed: seed } } }));
      const outcome = proxyOutcome(report.steps[0].reply!);
      if (outcome.type !== 'reply') throw new Error(outcome.message);
      return Buffer.from(IDL.decode([IDL.Vec(IDL.Nat8)], outcome.bytes)[0] as unknown as Uint8Array).toString('hex');
    };
    const a = await run('1');
    expect(a).toHaveLength(64);
    expect(await run('1')).toBe(a);
    expect(await run('2')).not.toBe(a);
  });

  it('deposit_cycles moves all attached cycles to the target', async () => {
    const report = await runInline(viaProxy('deposit_cycles', candid([ManagementCandid.CanisterIdRecord], [id(OTHER)]), 7_000_000n));
    expect(proxyOutcome(report.steps[0].reply!).type).toBe('reply');
    const deposits = report.events.filter((e) => e.kind === 'response_sent' && e.from === 'aaaaa-aa');
    expect(deposits[0].refund).toBe('0');
    expect(BigInt(report.canisters.other.cycles)).toBeGreaterThan(100_000_000_000_000n - 1_000_000_000n);
  });

  it('canister_info lists the history, the module hash and the controllers', async () => {
    const payload = candid([ManagementCandid.CanisterInfoArgs], [{ ...id(OTHER), num_requested_changes: [5n] }]);
    const report = await runInline(viaProxy('canister_info', payload));
    const outcome = proxyOutcome(report.steps[0].reply!);
    if (outcome.type !== 'reply') throw new Error(outcome.message);
    const [info] = IDL.decode([ManagementCandid.CanisterInfoResult], outcome.bytes) as [Record<string, any>];
    expect(info.total_num_changes).toBe(2n);
    expect(info.recent_changes.map((c: any) => Object.keys(c.details)[0])).toEqual(['creation', 'code_deployment']);
    expect(Buffer.from(info.module_hash[0]).toString('hex')).toBe(report.canisters.other.moduleHash);
    expect(info.controllers.map((p: Principal) => p.toText())).toEqual([PROXY]);
  });

  it('a controller canister manages its canister; others are refused', async () => {
    const stopOther = await runInline(viaProxy('stop_canister', candid([ManagementCandid.CanisterIdRecord], [id(OTHER)])));
    expect(proxyOutcome(stopOther.steps[0].reply!).type).toBe('reply');
    expect(stopOther.canisters.other.status).toBe('stopped');
    const statusOfSelf = await runInline(viaProxy('canister_status', candid([ManagementCandid.CanisterIdRecord], [id(PROXY)])));
    expect(proxyOutcome(statusOfSelf.steps[0].reply!).type).toBe('reply');
    const stopSelf = await runInline(viaProxy('stop_canister', candid([ManagementCandid.CanisterIdRecord], [id(PROXY)])));
    expect(proxyOutcome(stopSelf.steps[0].reply!)).toMatchObject({ type: 'reject', code: 5 });
  });

  it('users may not call canister-only methods, nor unknown ones', async () => {
    const report = await runInline({
      canisters: [],
      steps: [
        { call: { to: 'ic', method: 'raw_rand', arg: { hex: '4449444c0000' }, wait: true } },
        { call: { to: 'ic', method: 'no_such_method', arg: { hex: '4449444c0000' }, wait: true } },
      ],
    });
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406' });
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0407' });
  });
});

describe('[engine/management] at most 10 controllers, from canisters (ic-reference.md §6.3)', () => {
  // §6.3: more than 10 controllers fail while the argument is decoded: reject code 4 (IC0408), before anything is
  // created or charged, so create_canister's attached cycles all come back.
  const controllers = Array.from({ length: 11 }, (_, i) => Principal.fromText(i === 0 ? PROXY : OTHER));
  const settings = (list: Principal[]) => ({
    controllers: [list], compute_allocation: [], memory_allocation: [], freezing_threshold: [], reserved_cycles_limit: [],
    log_visibility: [], log_memory_limit: [], wasm_memory_limit: [], wasm_memory_threshold: [], environment_variables: [],
  });
  const cases = [
    {
      name: 'create_canister with 11 controllers',
      method: 'create_canister',
      payload: candid([ManagementCandid.CreateCanisterArgs], [{ settings: [settings(controllers)], sender_canister_version: [] }]),
      cycles: 1_000_000_000_000n,
    },
    {
      name: 'update_settings with 11 controllers',
      method: 'update_settings',
      payload: candid([ManagementCandid.UpdateSettingsArgs], [{ ...id(OTHER), settings: settings(controllers), sender_canister_version: [] }]),
      cycles: 0n,
    },
  ];
  it.each(cases)('$name: reject code 4, nothing created, cycles back', async ({ method, payload, cycles }) => {
    const report = await runInline(viaProxy(method, payload, cycles));
    const outcome = proxyOutcome(report.steps[0].reply!);
    expect(outcome).toMatchObject({ type: 'reject', code: 4 });
    expect(outcome.type === 'reject' && outcome.message).toContain('The number of elements exceeds maximum allowed 10');
    const answer = report.events.find((e) => e.kind === 'response_sent' && e.from === 'aaaaa-aa')!;
    expect(answer).toMatchObject({ refund: String(cycles), response: expect.objectContaining({ rejectCode: 4, errorCode: 'IC0408' }) });
    expect(report.events.filter((e) => e.kind === 'canister_created')).toHaveLength(2);
    expect(report.canisters.other.controllers).toEqual([PROXY]);
  });
});
