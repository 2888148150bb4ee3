/**
 * The Events tab: the trace in words, for the playhead's round or the whole run, filtered by canister and kind.
 * Each event is a button that selects it for the inspector, as a click in the timeline does. A run can have
 * 100,000 events: the origins are indexed and the filter run once per trace (or filter) change, and only the last
 * SHOWN matches are described and rendered. The list sticks to its end while it is scrolled there (a terminal).
 */
import { useId, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { EventFilter, EventGroup } from '../../state/eventFilter.ts';
import type { Selection } from '../../state/selection.ts';
import type { EventView, SubnetView } from '../../worker/protocol.ts';
import { groupDigits } from '../graph/formatAmount.ts';
import { describeEvent } from './describeEvent.ts';
import { eventContext, eventOrigins } from './eventContext.ts';
import { filterEvents } from './filterEvents.ts';

const SHOWN = 500;

const GROUP_LABELS: Readonly<Record<EventGroup, string>> = {
  all: 'all but round markers',
  calls: 'calls and messages',
  executions: 'executions',
  cycles: 'cycles',
  lifecycle: 'canister lifecycle',
  logs: 'logs',
  rounds: 'rounds and time',
};

export interface EventListProps {
  /** The trace up to the playhead (or the moment inside its round). */
  readonly events: readonly EventView[];
  readonly view: SubnetView;
  readonly round: number;
  readonly filter: EventFilter;
  readonly onFilter: (change: Partial<EventFilter>) => void;
  /** The selected event, highlighted where it is listed. */
  readonly selected: EventView | null;
  readonly onSelect: (selection: Selection) => void;
}

export function EventList({ events, view, round, filter, onFilter, selected, onSelect }: EventListProps) {
  const origins = useMemo(() => eventOrigins(events), [events]);
  const context = useMemo(() => eventContext(view, origins), [view, origins]);
  const matches = useMemo(() => filterEvents(events, filter, round, origins), [events, filter, round, origins]);
  const shown = useMemo(() => matches.slice(-SHOWN).map((index) => ({ index, text: describeEvent(events[index], context) })), [matches, events, context]);
  const id = useId();
  const list = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  // Another filter is another list: it opens at its end.
  useLayoutEffect(() => { atEnd.current = true; }, [filter]);
  useLayoutEffect(() => {
    if (atEnd.current && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [shown]);

  return (
    <div className="event-list">
      <div className="event-list-head">
        <h3>Events</h3>
        <p className="event-count muted" data-testid="event-count">
          {groupDigits(String(matches.length))} event{matches.length === 1 ? '' : 's'} {filter.scope === 'round' ? `in round ${round}` : 'in the whole run'}
          {matches.length > shown.length && ` · showing the last ${SHOWN} of ${groupDigits(String(matches.length))}`}
        </p>
      </div>
      <div className="event-filters">
        <div role="group" aria-label="Scope" className="button-row">
          <button type="button" aria-pressed={filter.scope === 'round'} onClick={() => onFilter({ scope: 'round' })}>this round</button>
          <button type="button" aria-pressed={filter.scope === 'run'} onClick={() => onFilter({ scope: 'run' })}>whole run</button>
        </div>
        <span>
          <label htmlFor={`${id}-canister`}>Canister</label>{' '}
          <select id={`${id}-canister`} value={filter.canister ?? ''} onChange={(e) => onFilter({ canister: e.target.value || null })}>
            <option value="">all canisters</option>
            {view.canisters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </span>
        <span>
          <label htmlFor={`${id}-kind`}>Kind</label>{' '}
          <select id={`${id}-kind`} value={filter.group} onChange={(e) => onFilter({ group: e.target.value as EventGroup })}>
            {Object.entries(GROUP_LABELS).map(([group, label]) => <option key={group} value={group}>{label}</option>)}
          </select>
        </span>
      </div>
      <ol className="event-items" ref={list} onKeyDown={moveFocus} aria-label="Events"
        onScroll={(e) => { const el = e.currentTarget; atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4; }}>
        {shown.map(({ index, text }) => (
          <li key={index}>
            <button type="button" className="event-item" data-testid="event-item" aria-current={selected === events[index] ? 'true' : undefined}
              onClick={() => onSelect({ type: 'event', id: `event:${index}`, event: events[index] })}>
              <span className="event-round">r{events[index].round}</span> {text}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Up and down move between the events (one Tab stop less to reach the next one). */
function moveFocus(event: KeyboardEvent<HTMLOListElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const item = (event.target as HTMLElement).closest('li');
  const next = event.key === 'ArrowDown' ? item?.nextElementSibling : item?.previousElementSibling;
  const button = next?.querySelector('button');
  if (!button) return;
  button.focus();
  event.preventDefault();
}
