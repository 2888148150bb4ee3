/**
 * The inspector's "Globals": a canister's own mutable globals (state kept from one call to the next), committed, each
 * with its type, value and, if this round changed it, a marker and the value it had at the round's start. Nothing
 * for a canister without mutable globals.
 */
import type { GlobalView } from '../../worker/protocol.ts';
import { globalChange } from './globalChange.ts';
import './globalsList.css';

export function GlobalsList({ globals, round }: { globals: readonly GlobalView[]; round: number }) {
  if (globals.length === 0) return null;
  return (
    <>
      <h4>Globals</h4>
      <table className="globals-list" data-testid="inspector-globals">
        <tbody>
          {globals.map((global, i) => {
            const change = globalChange(global);
            return (
              <tr key={i} className={change ? 'changed' : undefined}>
                <th scope="row">{global.name}</th>
                <td className="global-type">{global.type}</td>
                <td className="global-value">{global.value}</td>
                <td>{change && (
                  <span className="global-change" title={`At the start of round ${round}: ${global.atRoundStart}`}>
                    {change} <span className="global-was">(was {global.atRoundStart})</span>
                  </span>
                )}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
