/**
 * Under the cycles chart: what changed the canister's balance in the inspector's round, line by line with exact
 * amounts, each line saying what the replica charges it for (the fee table of ic-reference.md §5 made visible).
 */
import { IC_PARAMS } from '../../engine/index.ts';
import type { EventView } from '../../worker/protocol.ts';
import { groupDigits } from '../graph/formatAmount.ts';
import { CHARGE_LINE_TEXT } from './chargeLineText.ts';
import { roundCharges, type ChargeRow } from './roundCharges.ts';
import { signedDigits } from './signedDigits.ts';

export interface RoundChargesTableProps {
  readonly events: readonly EventView[];
  readonly canisterId: string;
  readonly round: number;
}

export function RoundChargesTable({ events, canisterId, round }: RoundChargesTableProps) {
  const charges = roundCharges(events, canisterId, round);
  if (charges.rows.length === 0) {
    return <p className="muted" data-testid="round-charges">Round {round}: nothing charged, refunded or received.</p>;
  }
  return (
    <>
      <table className="round-charges" data-testid="round-charges">
        <caption>Round {round}: what changed the balance</caption>
        <tbody>{charges.rows.map((row) => <ChargeRowView key={row.line} row={row} />)}</tbody>
        <tfoot>
          <tr><th scope="row">net change</th><td data-testid="round-charges-net">{signedDigits(charges.net)}</td></tr>
        </tfoot>
      </table>
      <p className="round-charges-note">
        Fees of a {String(IC_PARAMS.referenceSubnetSize)}-node subnet (ic-reference.md §5); other sizes scale them.
      </p>
    </>
  );
}

/** Two table rows: the line's name and amount, then (across both columns) what it pays for and its parts. */
function ChargeRowView({ row }: { row: ChargeRow }) {
  const text = CHARGE_LINE_TEXT[row.line];
  const net = row.returned - row.taken;
  return (
    <>
      <tr data-line={row.line}>
        <th scope="row">{text.name}</th>
        <td>
          {row.counted
            ? <span className={net < 0n ? 'taken' : 'returned'}>{signedDigits(net)}</span>
            : <span className="not-counted" title="already counted with the cycles it came out of">({groupDigits(String(row.taken))})</span>}
        </td>
      </tr>
      <tr className="fee-row">
        <td colSpan={2}>
          {row.taken > 0n && row.returned > 0n && <span className="split">{signedDigits(-row.taken)} taken, {signedDigits(row.returned)} given back</span>}
          {text.fee}
        </td>
      </tr>
    </>
  );
}
