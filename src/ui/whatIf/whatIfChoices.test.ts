import { describe, expect, it } from 'vitest';
import { whatIfChoices } from './whatIfChoices.ts';
import type { CanisterView } from '../../worker/protocol.ts';

const users = [{ name: 'alice', principal: 'alice-principal' }, { name: 'bob', principal: 'bob-principal' }];
const canister = (fields: Partial<CanisterView> = {}): CanisterView => ({
  id: 'callee-id', name: 'callee', status: 'running', empty: false, frozen: false, cycles: '100000000000000', reservedCycles: '0',
  freezingLimit: '0', idleCyclesBurnedPerDay: '864000', controllers: ['bob-principal'], moduleHash: null, version: '1',
  wasmMemoryBytes: 65536, stableMemoryBytes: 0, snapshots: [], updateMethods: [], queryMethods: [], queueLength: 0, queue: [],
  callContexts: [], callbacks: [], openCallContexts: 0, outstandingCalls: 0, paused: null, plannedTrap: null, logs: [],
  logStore: { bytesUsed: 0, limit: 0, firstIndex: null, lastIndex: null, purged: 0 }, globals: [], candid: null,
  settings: { freezingThreshold: '2592000', computeAllocation: '0', memoryAllocation: '0', reservedCyclesLimit: '0', wasmMemoryLimit: '0', environmentVariables: [] },
  ...fields,
});

/** Queues with no room already: the queues' what-if is not offered (the cases below are about the others). */
const FULL = 0n;

describe('whatIfChoices', () => {
  it('a running canister with code: stop, freeze and uninstall, each a step sent by a controlling user', () => {
    const choices = whatIfChoices(canister(), users, 0n, FULL).filter((c) => c.id !== 'trap');
    expect(choices.map((c) => [c.id, c.step, c.unavailable])).toEqual([
      ['stop', { manage: { from: 'bob', method: 'stop_canister', canister: 'callee', label: 'What if: callee is stopped' } }, null],
      // 10 cycles a second idle: 100 T cycles last 10 T seconds; a day more freezes it.
      ['freeze', { manage: { from: 'bob', method: 'update_settings', canister: 'callee', label: 'What if: callee is frozen', settings: { freezingThreshold: '10000000086400' } } }, null],
      ['uninstall', { manage: { from: 'bob', method: 'uninstall_code', canister: 'callee', label: 'What if: callee\'s code is uninstalled' } }, null],
    ]);
  });

  it.each([
    [{ controllers: [] }, 'No user controls callee (it has no controllers: it is immutable): only a controller may do this.'],
    [{ controllers: ['some-canister'] }, 'No user controls callee (its controllers are canisters): only a controller may do this.'],
  ])('without a controlling user, each is unavailable and says why: %j', (fields, reason) => {
    for (const choice of whatIfChoices(canister(fields), users, 0n, FULL).filter((c) => c.id !== 'trap')) expect([choice.step, choice.unavailable]).toEqual([null, reason]);
  });

  it('offers only what can still happen: not stop when stopped, not freeze when frozen or empty, not uninstall when empty', () => {
    expect(whatIfChoices(canister({ status: 'stopped', frozen: true }), users, 0n, FULL).map((c) => c.id)).toEqual(['trap', 'uninstall']);
    expect(whatIfChoices(canister({ empty: true }), users, 0n, FULL).map((c) => c.id)).toEqual(['stop']);
  });

  it('a canister that burns nothing idle cannot be frozen by its threshold', () => {
    const freeze = whatIfChoices(canister({ idleCyclesBurnedPerDay: '0' }), users, 0n, FULL).find((c) => c.id === 'freeze')!;
    expect([freeze.step, freeze.unavailable]).toEqual([null, 'callee burns no cycles while idle, so no freezing threshold can freeze it.']);
  });

  it('a bounded-wait call: the clock moves to the first second past its deadline', () => {
    const callbacks = [
      { requestId: 3, callee: 'ledger', method: 'transfer', cyclesSent: '0', deadlineNs: '1700000010500000000' },
      { requestId: 4, callee: 'ledger', method: 'balance', cyclesSent: '0', deadlineNs: null },
    ];
    const deadline = whatIfChoices(canister({ callbacks }), users, 1_700_000_002_000_000_000n, FULL).filter((c) => c.id.startsWith('deadline'));
    expect(deadline.map((c) => [c.id, c.title, c.step])).toEqual([
      ['deadline-3', 'What if the deadline of callee\'s call to ledger.transfer passes now?', { advanceTime: { seconds: '9' } }],
    ]);
  });

  it('queues with room: the subnet\'s queue capacity set to 0 by a setParams step, needing no controller; not offered once they are full', () => {
    for (const fields of [{}, { controllers: [] }, { status: 'stopped' as const }]) {
      const queues = whatIfChoices(canister(fields), users, 0n, 500n).find((c) => c.id === 'queues-full')!;
      expect([queues.step, queues.unavailable]).toEqual([{ setParams: { params: { queueCapacity: '0' }, label: 'What if: the queues between canisters are full' } }, null]);
      expect(queues.outcome).toContain('SYS_TRANSIENT (reject code 2, IC0201)');
    }
    expect(whatIfChoices(canister(), users, 0n, 0n).map((c) => c.id)).not.toContain('queues-full');
    expect(whatIfChoices(canister({ empty: true }), users, 0n, 500n).map((c) => c.id)).toEqual(['stop', 'queues-full']);
  });

  it('a long message part-way: a checkpoint step, needing no controller; not offered once it was aborted, nor with nothing paused', () => {
    const paused = { entryPoint: 'canister_update long', slice: 3, slices: 14, aborted: false };
    for (const fields of [{ paused }, { paused, controllers: [] }]) {
      const checkpoint = whatIfChoices(canister(fields), users, 0n, FULL).find((c) => c.id === 'checkpoint')!;
      expect([checkpoint.step, checkpoint.unavailable]).toEqual([{ checkpoint: { label: 'What if: a checkpoint now (the subnet is busy)' } }, null]);
      expect(checkpoint.outcome).toContain("callee's long (slice 3 of 14) is thrown away");
      expect(checkpoint.outcome).toContain('it takes 3 more rounds than it would have');
    }
    expect(whatIfChoices(canister({ paused: { ...paused, aborted: true } }), users, 0n, FULL).map((c) => c.id)).not.toContain('checkpoint');
    expect(whatIfChoices(canister(), users, 0n, FULL).map((c) => c.id)).not.toContain('checkpoint');
  });

  it('the callee traps: a trap step for its next update call, or for the selected message\'s method; needs no controller; not offered when empty or when that trap is planned already', () => {
    for (const fields of [{}, { controllers: [] }, { status: 'stopped' as const }]) {
      const [trap] = whatIfChoices(canister(fields), users, 0n, FULL);
      expect([trap.id, trap.title, trap.step, trap.unavailable]).toEqual([
        'trap', 'What if callee\'s next update call traps?', { trap: { canister: 'callee', message: 'What if: callee traps', label: 'What if: callee traps' } }, null,
      ]);
      expect(trap.outcome).toContain('CANISTER_ERROR (reject code 5, IC0503)');
    }
    const [forInc] = whatIfChoices(canister(), users, 0n, FULL, 'inc');
    expect([forInc.title, forInc.step]).toEqual([
      'What if callee traps on its next call to inc?', { trap: { canister: 'callee', method: 'inc', message: 'What if: callee traps in inc', label: 'What if: callee traps in inc' } },
    ]);
    expect(whatIfChoices(canister({ empty: true }), users, 0n, FULL, 'inc').map((c) => c.id)).not.toContain('trap');
    const planned = canister({ plannedTrap: { method: 'inc', message: 'What if: callee traps in inc' } });
    expect(whatIfChoices(planned, users, 0n, FULL, 'inc').map((c) => c.id)).not.toContain('trap');
    expect(whatIfChoices(planned, users, 0n, FULL).map((c) => c.id)).toContain('trap');
  });
});
