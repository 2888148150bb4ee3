/**
 * The inspector: for a selected canister its status, settings, controllers, module hash, its globals, cycles chart
 * with the freezing limit, memory and stable memory, call contexts and queue, logs; for a selected execution or message
 * its details (method, caller, instructions, outcome, what a trap rolled back, the ic0 calls it made).
 */
import { useMemo } from 'react';
import type { CanisterView, EventView, SubnetView } from '../../worker/protocol.ts';
import { describeEvent } from '../events/describeEvent.ts';
import { eventContext, eventOrigins } from '../events/eventContext.ts';
import { executionCandid } from './executionCandid.ts';
import { CyclesChart } from './CyclesChart.tsx';
import { cyclesSeries } from './cyclesSeries.ts';
import { RoundChargesTable } from './RoundChargesTable.tsx';
import { HexView } from './HexView.tsx';
import { GlobalsList } from './GlobalsList.tsx';
import { LazyDetails } from './LazyDetails.tsx';
import { CanisterLog } from './CanisterLog.tsx';
import { groupDigits as fmt } from '../graph/formatAmount.ts';

export type { Selection } from '../../state/selection.ts';

export interface InspectorProps {
  readonly canister: CanisterView | null;
  readonly event: EventView | null;
  readonly events: readonly EventView[];
  readonly round: number;
  readonly memory: (canisterId: string, kind: 'heap' | 'stable', offset: number, length: number) => Promise<Uint8Array>;
  /** Canisters' and users' names, for an event told in words. */
  readonly names: Pick<SubnetView, 'canisters' | 'users'> | null;
}

export function Inspector({ canister, event, events, round, memory, names }: InspectorProps) {
  if (event) return <EventDetails event={event} events={events} names={names} />;
  if (!canister) return <p className="muted">Select a canister, a message or an execution.</p>;
  return (
    <div className="inspector">
      <h3>{canister.name} <small>{canister.id}</small></h3>
      <dl className="facts">
        <dt>status</dt><dd data-testid="inspector-status">{canister.status}{canister.frozen ? ' · frozen' : ''}{canister.empty ? ' · empty' : ''}{canister.paused ? ` · slice ${canister.paused.slice}/${canister.paused.slices} of ${canister.paused.entryPoint}` : ''}</dd>
        <dt>cycles</dt><dd data-testid="inspector-cycles">{fmt(canister.cycles)}</dd>
        <dt>freezing limit</dt><dd>{fmt(canister.freezingLimit)} ({canister.settings.freezingThreshold} s)</dd>
        <dt>idle burn / day</dt><dd>{fmt(canister.idleCyclesBurnedPerDay)}</dd>
        <dt>controllers</dt><dd>{canister.controllers.length === 0 ? 'none (immutable)' : canister.controllers.join(', ')}</dd>
        <dt>module hash</dt><dd className="mono">{canister.moduleHash ?? '—'}</dd>
        <dt>version</dt><dd>{canister.version}</dd>
        <dt>memory</dt><dd>{canister.wasmMemoryBytes.toLocaleString('en-US')} B heap · {canister.stableMemoryBytes.toLocaleString('en-US')} B stable</dd>
        <dt>settings</dt><dd>compute {canister.settings.computeAllocation} % · memory allocation {canister.settings.memoryAllocation} B · Wasm memory limit {canister.settings.wasmMemoryLimit} B · reserved cycles limit {fmt(canister.settings.reservedCyclesLimit)}</dd>
        <dt>environment</dt><dd data-testid="inspector-env">{canister.settings.environmentVariables.length === 0 ? 'no variables'
          : canister.settings.environmentVariables.map(([name, value]) => <span key={name} className="env-var mono">{name}={value}</span>)}</dd>
        <dt>queue</dt><dd>{canister.queueLength} waiting · {canister.openCallContexts} open call contexts · {canister.outstandingCalls} outstanding calls</dd>
      </dl>
      <GlobalsList globals={canister.globals} round={round} />
      {canister.queue.length > 0 && (<><h4>Queue</h4><ol className="compact">{canister.queue.map((q, i) => <li key={i}>{q}</li>)}</ol></>)}
      {canister.callContexts.length > 0 && (
        <><h4>Call contexts</h4><ul className="compact">{canister.callContexts.map((c) => (
          <li key={c.id}>#{c.id} {c.origin}{c.needsToRespond ? ' · must answer' : ' · answered'} · holds {fmt(c.availableCycles)} cycles</li>
        ))}</ul></>
      )}
      {canister.callbacks.length > 0 && (
        <><h4>Outstanding calls</h4><ul className="compact">{canister.callbacks.map((c) => (
          <li key={c.requestId}>call {c.requestId}: {c.callee}.{c.method}{c.cyclesSent !== '0' ? ` with ${fmt(c.cyclesSent)} cycles` : ''}</li>
        ))}</ul></>
      )}
      <h4>Cycles over rounds</h4>
      <CyclesChart points={cyclesSeries(events, canister.id)} round={round} />
      <RoundChargesTable events={events} canisterId={canister.id} round={round} />
      <LazyDetails summary="Wasm memory">
        {() => <HexView key={canister.id} size={canister.wasmMemoryBytes} version={round} fetch={(o, l) => memory(canister.id, 'heap', o, l)} />}
      </LazyDetails>
      <LazyDetails summary="Stable memory">
        {() => <HexView key={canister.id} size={canister.stableMemoryBytes} version={round} fetch={(o, l) => memory(canister.id, 'stable', o, l)} />}
      </LazyDetails>
      <CanisterLog canister={canister} />
    </div>
  );
}

function EventDetails({ event, events, names }: { event: EventView; events: readonly EventView[]; names: InspectorProps['names'] }) {
  const entries = Object.entries(event).filter(([k]) => k !== 'systemCalls');
  const calls = event.systemCalls as Record<string, number> | undefined;
  // In words first (who, what, what it cost), then every field as the trace has it.
  const sentence = useMemo(() => describeEvent(event, eventContext(names, eventOrigins(events))), [event, events, names]);
  return (
    <div className="inspector">
      <h3>{event.kind.replace(/_/g, ' ')} <small>round {event.round}</small></h3>
      <p className="event-sentence" data-testid="event-sentence">{sentence}</p>
      {event.kind === 'execution' && <ExecutionCandid event={event} names={names} />}
      <dl className="facts">
        {entries.map(([key, value]) => (
          <div key={key}><dt>{key}</dt><dd className="mono">{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd></div>
        ))}
      </dl>
      {calls && Object.keys(calls).length > 0 && (
        <>
          <h4>System API calls</h4>
          <ul>{Object.entries(calls).map(([name, count]) => <li key={name} className="mono">ic0.{name} × {count}</li>)}</ul>
        </>
      )}
    </div>
  );
}

/** The execution's argument and reply in Candid text, typed by the canister's interface when it has one. */
function ExecutionCandid({ event, names }: { event: EventView; names: InspectorProps['names'] }) {
  const metadata = names?.canisters.find((c) => c.id === event.canister)?.candid ?? null;
  const { arg, reply } = useMemo(() => executionCandid(event, metadata), [event, metadata]);
  if (arg === null && reply === null) return null;
  return (
    <dl className="facts" data-testid="execution-candid">
      {arg !== null && <><dt>argument</dt><dd className="mono">{arg}</dd></>}
      {reply !== null && <><dt>reply</dt><dd className="mono">{reply}</dd></>}
    </dl>
  );
}
