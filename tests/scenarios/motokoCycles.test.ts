/**
 * [motoko/cycles] An actor class creating a child canister with cycles (create_canister less its fee, then
 * install_code of the embedded module), and cycles attached to a call: accepted in part, the rest refunded
 * (ic-reference.md §4.2, §5.4).
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { IC_PARAMS } from '../../src/engine/index.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';
import { events } from '../helpers/runInline.ts';
import { candidArg, candidReply, candidValue, motokoSource, runMotoko } from '../helpers/runMotoko.ts';

const NONE = candidArg();
const call = (method: string, arg = NONE) => ({ call: { to: 'factory', method, arg, wait: true } });
const SENT = 2_000_000_000_000n;

let report: Report;

describe('[motoko/cycles]', () => {
  it('runs the scenario', async () => {
    report = await runMotoko({
      canisters: [
        { name: 'factory', source: motokoSource('Factory.mo', 'Child.mo') },
        { name: 'bank', source: motokoSource('Bank.mo') },
      ],
      steps: [
        call('spawn', candidArg([IDL.Text], ['kid'])), call('helloChild'), call('childBalance'), // 0–2
        call('give', candidArg([IDL.Nat], [1_000_000n])), // 3
        call('giveTheOldWay', candidArg([IDL.Nat], [600n])), // 4
      ],
    });
  }, 180_000);

  it('creates a child canister from an actor class, with the cycles sent less the creation fee', () => {
    const child = (candidValue(report.steps[0], IDL.Principal) as Principal).toText();
    expect(child).toBe('ryjl3-tyaaa-aaaaa-aaaba-cai'); // the third canister created on the subnet
    expect(candidValue(report.steps[1], IDL.Text)).toBe('hello from kid');
    expect(events(report, 'canister_created').at(-1)).toMatchObject({ canister: child, cycles: String(SENT - IC_PARAMS.canisterCreationFee) });
    expect(events(report, 'code_installed').at(-1)).toMatchObject({ canister: child, mode: 'install' });
    expect(report.canisters[child]).toMatchObject({ status: 'running', controllers: [report.principals.factory] });
    // Seen from inside an update: installing it cost the child under a billion cycles, and the message it runs has
    // prepaid its execution at the 40 B limit (§5.3), refunded after it.
    const balance = candidValue(report.steps[2], IDL.Nat) as bigint;
    const prepaid = IC_PARAMS.updateMessageExecutionFee + IC_PARAMS.maxInstructionsPerMessage;
    expect(balance).toBeLessThan(SENT - IC_PARAMS.canisterCreationFee - prepaid);
    expect(balance).toBeGreaterThan(SENT - IC_PARAMS.canisterCreationFee - prepaid - 1_000_000_000n);
  });

  it('attaches cycles to a call; the callee accepts half, the caller gets the rest back', () => {
    const [accepted, refunded, before, after] = candidReply(report.steps[3], [IDL.Nat, IDL.Nat, IDL.Nat, IDL.Nat]) as bigint[];
    expect(accepted).toBe(500_000n);
    expect(refunded).toBe(500_000n);
    expect(after).toBeLessThan(before - accepted);
    const sent = events(report, 'request_sent').find((e) => e.method === 'deposit');
    expect(sent).toMatchObject({ cycles: '1000000' });
    expect(candidReply(report.steps[4], [IDL.Nat, IDL.Nat])).toEqual([300n, 300n]);
  });
});
