/**
 * Test support for the graph and timeline tests (not imported by the app): runs a scenario through the same
 * path as the CLI and turns its report into what the UI receives from the worker: a SubnetView and the
 * serialised trace. Canister fields the report does not carry (queue, paused slice, memory…) get neutral
 * values; tests that need them build the view by hand with `canisterView`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInline, type InlineScenario } from './runInline.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';
import type { CanisterView, EventView, SubnetView } from '../../src/worker/protocol.ts';

export function canisterView(id: string, name: string, overrides: Partial<CanisterView> = {}): CanisterView {
  return {
    id, name, status: 'running', empty: false, frozen: false, cycles: '100000000000000', reservedCycles: '0',
    freezingLimit: '0', idleCyclesBurnedPerDay: '0', controllers: [], moduleHash: null, version: '1',
    wasmMemoryBytes: 0, stableMemoryBytes: 0, snapshots: [],
    settings: { freezingThreshold: '2592000', computeAllocation: '0', memoryAllocation: '0', reservedCyclesLimit: '0', wasmMemoryLimit: '0', environmentVariables: [] },
    updateMethods: [], queryMethods: [], queueLength: 0, queue: [], callContexts: [], callbacks: [], openCallContexts: 0, outstandingCalls: 0, paused: null, plannedTrap: null, logs: [],
    logStore: { bytesUsed: 0, limit: 4096, firstIndex: null, lastIndex: null, purged: 0 },
    globals: [], candid: null,
    ...overrides,
  };
}

export function viewFromReport(report: Report): SubnetView {
  const canisters = Object.entries(report.canisters).map(([name, c]) => canisterView(c.id, name, {
    status: c.status, empty: c.empty, frozen: c.frozen, cycles: c.cycles, moduleHash: c.moduleHash,
  }));
  const ids = new Set(canisters.map((c) => c.id));
  const users = Object.entries(report.principals)
    .filter(([, principal]) => !ids.has(principal))
    .map(([name, principal]) => ({ name, principal }));
  return {
    round: report.rounds, timeNs: report.timeNs, idle: report.idle, users, canisters, queueCapacity: '500',
    totals: { cyclesBurned: report.totals.cyclesBurned, instructions: report.totals.instructions, executions: report.totals.executions },
  };
}

export interface UiRun {
  readonly report: Report;
  readonly view: SubnetView;
  readonly events: readonly EventView[];
  /** Principal by scenario name (users and canisters). */
  readonly id: (name: string) => string;
}

export async function runForUi(scenario: InlineScenario): Promise<UiRun> {
  const report = await runInline(scenario);
  const events = report.events as unknown as EventView[];
  return { report, view: viewFromReport(report), events, id: (name) => report.principals[name] };
}

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples');

/** A shipped example (examples/<name>.json) with its WAT files inlined, so it runs without a file reader. */
export function exampleScenario(name: string): InlineScenario {
  const scenario = JSON.parse(readFileSync(resolve(EXAMPLES, `${name}.json`), 'utf8')) as InlineScenario & { canisters: { source: { path?: string } }[] };
  for (const canister of scenario.canisters) {
    if (canister.source.path) canister.source = { wat: readFileSync(resolve(EXAMPLES, canister.source.path), 'utf8') } as typeof canister.source;
  }
  return scenario;
}

/** The events up to and including `round`: what the app holds while showing that round. */
export function eventsUpTo(events: readonly EventView[], round: number): EventView[] {
  return events.filter((e) => e.round <= round);
}
