/**
 * [motoko/upgrade] An upgrade of a Motoko canister: stable variables and a Region kept, transient ones reset,
 * preupgrade and postupgrade run in the upgrade (ic-reference.md §4.3); an upgrade to another version keeps them.
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import type { Report } from '../../src/scenario/reportTypes.ts';
import { candidArg, candidReply, candidValue, logsOf, motokoSource, runMotoko } from '../helpers/runMotoko.ts';

const NONE = candidArg();
const call = (method: string, arg = NONE) => ({ call: { to: 'stable', method, arg, wait: true } });
const query = (method: string) => ({ query: { to: 'stable', method, arg: NONE } });
const upgrade = (file: string) => ({ manage: { method: 'install_code', canister: 'stable', mode: 'upgrade', source: motokoSource(file), arg: NONE, wait: true } });

let report: Report;

describe('[motoko/upgrade]', () => {
  it('runs the scenario', async () => {
    report = await runMotoko({
      canisters: [{ name: 'stable', source: motokoSource('Stable.mo') }],
      steps: [
        call('bump'), call('bump'), call('writeRegion', candidArg([IDL.Nat64], [42n])), // 0–2
        upgrade('Stable.mo'), query('read'), query('readRegion'), call('bump'), // 3–6
        upgrade('StableV2.mo'), query('read'), query('readRegion'), query('version'), // 7–10
      ],
    });
  }, 180_000);

  it('keeps stable variables and resets transient ones across an upgrade to the same code', () => {
    expect(candidReply(report.steps[1], [IDL.Nat, IDL.Nat])).toEqual([2n, 2n]);
    expect(report.steps[3]).toMatchObject({ status: 'replied' });
    expect(candidReply(report.steps[4], [IDL.Nat, IDL.Nat])).toEqual([2n, 0n]);
    expect(candidReply(report.steps[6], [IDL.Nat, IDL.Nat])).toEqual([3n, 1n]);
  });

  it('keeps a region of stable memory', () => {
    expect(candidValue(report.steps[2], IDL.Nat64)).toBe(1n);
    expect(candidValue(report.steps[5], IDL.Nat64)).toBe(42n);
    expect(candidValue(report.steps[9], IDL.Nat64)).toBe(42n);
    expect(BigInt(report.canisters.stable.stableMemoryBytes)).toBeGreaterThan(0n);
  });

  it('runs preupgrade on the old code and postupgrade on the new', () => {
    expect(logsOf(report, 'stable').map((l) => l.text)).toEqual([
      'preupgrade: kept = 2, reset = 2',
      'postupgrade: kept = 2, reset = 0',
      'preupgrade: kept = 3, reset = 1',
      'postupgrade of version 2: kept = 3',
    ]);
    const upgrades = report.events.filter((e) => e.kind === 'execution' && /upgrade/.test(String(e.entryPoint)));
    expect(upgrades.map((e) => e.entryPoint)).toEqual(['canister_pre_upgrade', 'canister_post_upgrade', 'canister_pre_upgrade', 'canister_post_upgrade']);
  });

  it('upgrades to a new version that keeps the stable state', () => {
    expect(report.steps[7]).toMatchObject({ status: 'replied' });
    expect(candidReply(report.steps[8], [IDL.Nat, IDL.Nat])).toEqual([3n, 0n]);
    expect(candidValue(report.steps[10], IDL.Nat)).toBe(2n);
  });
});
