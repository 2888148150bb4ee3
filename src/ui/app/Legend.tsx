/**
 * What the graph's and the timeline's colours and markers mean, and that their items can be clicked. Swatches
 * use the views' own classes and colour tables, so the legend cannot drift from what is drawn.
 */
import { MESSAGE_COLORS } from '../graph/messageStyle.ts';
import { MARKERS } from '../timeline/markerGlyphs.ts';

const MESSAGES: readonly (readonly [string, string])[] = [
  [MESSAGE_COLORS.ingress, 'ingress call: a user calls a canister'],
  [MESSAGE_COLORS.request, 'request: a canister calls another'],
  [MESSAGE_COLORS['response-reply'], 'reply'],
  [MESSAGE_COLORS['response-reject'], 'reject, or the handler trapped'],
];

const EXECUTIONS: readonly (readonly [string, string])[] = [
  ['cp-tl-exec', 'update method, heartbeat or timer'],
  ['cp-tl-exec cp-tl-callback', 'reply or reject callback, cleanup'],
  ['cp-tl-exec cp-tl-query', 'query'],
  ['cp-tl-exec cp-tl-system', 'management canister, code install'],
  ['cp-tl-exec cp-tl-trap', 'trapped (rolled back)'],
  ['cp-tl-exec cp-tl-running', 'long message, still running (sliced over rounds)'],
];

const CANISTERS: readonly (readonly [string, string])[] = [
  ['cp-node cp-status-running', 'running'],
  ['cp-node cp-status-stopping', 'stopping'],
  ['cp-node cp-status-stopped', 'stopped'],
  ['cp-node cp-status-running cp-frozen', 'frozen (below its freezing limit)'],
  ['cp-node cp-status-running cp-empty', 'empty: no code installed'],
  ['cp-node cp-status-running cp-busy', 'busy: executed this round'],
  ['cp-node cp-status-deleted', 'deleted'],
];

export function Legend() {
  return (
    <details className="legend" data-testid="legend">
      <summary>Legend<span className="legend-hint"> · click a canister, an arrow or a timeline box to inspect it; click a round number to go there</span></summary>
      <div className="legend-groups">
        <section aria-label="Messages">
          <h4>Messages (arrows)</h4>
          <ul>
            {MESSAGES.map(([color, meaning]) => (
              <li key={meaning}><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke={color} strokeWidth="3" /></svg> {meaning}</li>
            ))}
            <li><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke="currentColor" strokeWidth="2" strokeDasharray="4 3" /></svg> dashed: not delivered yet</li>
          </ul>
        </section>
        <section aria-label="Executions">
          <h4>Executions (timeline boxes)</h4>
          <ul>
            {EXECUTIONS.map(([className, meaning]) => (
              <li key={meaning}><svg width="28" height="12" aria-hidden="true"><rect className={className} x="0" y="0" width="28" height="12" rx="2" /></svg> {meaning}</li>
            ))}
          </ul>
        </section>
        <section aria-label="Markers">
          <h4>Markers (timeline)</h4>
          <ul>
            {Object.entries(MARKERS).map(([kind, { glyph, meaning }]) => (
              <li key={kind}><svg width="16" height="16" aria-hidden="true"><text className={`cp-tl-marker-${kind}`} x="8" y="13" textAnchor="middle">{glyph}</text></svg> {meaning}</li>
            ))}
          </ul>
        </section>
        <section aria-label="Canisters">
          <h4>Canisters (graph)</h4>
          <ul>
            {CANISTERS.map(([className, meaning]) => (
              <li key={meaning}><span className={`legend-node ${className}`} aria-hidden="true" /> {meaning}</li>
            ))}
          </ul>
        </section>
      </div>
    </details>
  );
}
