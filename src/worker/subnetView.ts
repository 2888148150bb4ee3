/**
 * Turns the engine's state into the plain `SubnetView` the UI renders (protocol.ts). Names come from the
 * scenario; canisters created at run time are named by their id.
 */
import { bytesToHex, canisterFreezingLimit, canisterGlobals, canisterIdleBurnPerDay, isFrozen, type Subnet } from '../engine/index.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { canisterNames } from '../scenario/buildReport.ts';
import type { CanisterView, SubnetView } from './protocol.ts';
import { logStoreView } from './logStoreView.ts';

export function subnetView(subnet: Subnet, loaded: LoadedScenario): SubnetView {
  const state = subnet.state;
  const names = canisterNames(loaded);
  const userNames = new Map(loaded.scenario.users.map((u) => [loaded.principals[u], u] as const));
  const userName = (principal: string) => userNames.get(principal) ?? principal;
  const canisters: CanisterView[] = [...state.canisters.values()].map((c) => {
    const rt = c.runtime;
    const info = rt?.prepared.info;
    return {
      id: c.id,
      name: names.get(c.id) ?? c.id,
      status: c.deleted ? 'deleted' : c.status,
      empty: rt === null,
      frozen: !c.deleted && isFrozen(state, c),
      cycles: String(c.cycles),
      reservedCycles: String(c.reservedCycles),
      freezingLimit: String(c.deleted ? 0n : canisterFreezingLimit(state, c)),
      idleCyclesBurnedPerDay: String(c.deleted ? 0n : canisterIdleBurnPerDay(state, c)),
      controllers: [...c.settings.controllers],
      moduleHash: c.moduleHash,
      version: String(c.version),
      wasmMemoryBytes: rt ? Number(rt.wasmMemoryBytes()) : 0,
      stableMemoryBytes: rt ? Number(rt.stable.byteLength()) : 0,
      snapshots: c.snapshots.map((s) => ({ id: bytesToHex(s.id), takenAtNs: String(s.takenAtNs), size: String(s.size), moduleHash: s.moduleHash })),
      settings: {
        freezingThreshold: String(c.settings.freezingThreshold),
        computeAllocation: String(c.settings.computeAllocation),
        memoryAllocation: String(c.settings.memoryAllocation),
        reservedCyclesLimit: String(c.settings.reservedCyclesLimit),
        wasmMemoryLimit: String(c.settings.wasmMemoryLimit),
        environmentVariables: c.settings.environmentVariables.map(([name, value]) => [name, value] as const),
      },
      updateMethods: info ? [...info.updateMethods] : [],
      queryMethods: info ? [...info.queryMethods, ...info.compositeQueryMethods] : [],
      queueLength: c.inputQueue.length,
      queue: c.inputQueue.slice(0, 20).map((input) => {
        if (input.type === 'ingress') {
          const record = state.ingress.get(input.messageId);
          return `ingress ${record?.method ?? ''} from ${names.get(record?.sender ?? '') ?? userName(record?.sender ?? '')}`;
        }
        if (input.type === 'request') return `request ${input.request.method} from ${names.get(input.request.sender) ?? input.request.sender}`;
        return `${input.response.body.type} to call ${input.response.requestId}`;
      }),
      callContexts: [...c.callContexts.values()].map((context) => ({
        id: context.id,
        origin: context.origin.type === 'ingress' ? `ingress from ${userName(context.origin.caller)}`
          : context.origin.type === 'canister' ? `call ${context.origin.request.id} from ${names.get(context.origin.request.sender) ?? context.origin.request.sender}`
            : context.origin.task,
        needsToRespond: context.needsToRespond,
        availableCycles: String(context.availableCycles),
      })),
      callbacks: [...c.callbacks.values()].map((callback) => ({
        requestId: callback.requestId, callee: names.get(callback.callee) ?? callback.callee, method: callback.method, cyclesSent: String(callback.cyclesSent),
        deadlineNs: callback.deadlineNs === 0n || callback.timedOut ? null : String(callback.deadlineNs),
      })),
      openCallContexts: c.callContexts.size,
      outstandingCalls: c.callbacks.size,
      paused: c.paused ? { entryPoint: c.paused.entryPoint, slice: c.paused.slicesDone, slices: c.paused.slices, aborted: c.paused.run === null } : null,
      plannedTrap: c.plannedTrap && { method: c.plannedTrap.method, message: c.plannedTrap.message },
      logs: c.logs.map((l) => ({ index: l.index, round: l.round, text: l.text, trap: l.trap })),
      logStore: logStoreView(c),
      globals: rt ? canisterGlobals(rt, state.round, loaded.globalNames.get(c.moduleHash ?? '')) : [],
      candid: info?.candid ?? null,
    };
  });
  return {
    round: state.round,
    timeNs: String(state.timeNs),
    idle: subnet.isIdle(),
    users: loaded.scenario.users.map((name) => ({ name, principal: loaded.principals[name] })),
    canisters,
    queueCapacity: String(state.liveParams.queueCapacity),
    totals: {
      cyclesBurned: String(state.totals.cyclesBurned),
      instructions: String(state.totals.instructions),
      executions: state.totals.executions,
    },
  };
}
