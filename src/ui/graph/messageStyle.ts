/**
 * Colours and labels of messages, shared by the graph's edges and the timeline's arrows so a reject is the
 * same red in both. Colours are data (not CSS classes) because React Flow paints edge markers from a colour.
 */
import { formatAmount } from './formatAmount.ts';
import type { MessageFlight, MessageKind } from './messageFlights.ts';
import type { MessagePayload } from './messagePayload.ts';

const NO_PAYLOAD: MessagePayload = { arg: null, reply: null };

export const MESSAGE_COLORS: Readonly<Record<MessageKind, string>> = {
  ingress: '#6366f1',
  request: '#0284c7',
  'response-reply': '#16a34a',
  'response-reject': '#dc2626',
};

/** A trap or a reject paints the message red whatever its kind; a dropped response is grey. */
export function messageColor(flight: Pick<MessageFlight, 'kind' | 'trapped' | 'reject' | 'dropped'>): string {
  if (flight.dropped) return '#9ca3af';
  if (flight.trapped || flight.reject) return MESSAGE_COLORS['response-reject'];
  return MESSAGE_COLORS[flight.kind];
}

function rejectText(flight: MessageFlight): string {
  return flight.reject ? `reject ${flight.reject.errorCode ?? `code ${flight.reject.rejectCode}`}` : '';
}

/** The short label on the arrow: method and cycles for calls, outcome and refund for responses. */
export function messageLabel(flight: MessageFlight): string {
  const parts: string[] = [];
  if (flight.kind === 'ingress' || flight.kind === 'request') {
    parts.push(flight.method);
    if (flight.cycles !== '0') parts.push(`+${formatAmount(flight.cycles)} cycles`);
    if (flight.trapped) parts.push('trapped');
    if (flight.reject) parts.push(rejectText(flight));
    // A bounded-wait request dropped from its callee's queue at its deadline, unexecuted (`request_expired`, §3.7).
    if (flight.dropped) parts.push('expired');
  } else {
    parts.push(flight.kind === 'response-reply' ? 'reply' : rejectText(flight));
    if (flight.refund !== '0') parts.push(`refund ${formatAmount(flight.refund)}`);
    if (flight.dropped) parts.push('dropped');
  }
  return parts.join(' · ');
}

const NS_PER_SECOND = 1_000_000_000n;

/**
 * How a bounded-wait call's deadline stands at `nowNs` (ic-reference.md §3.7): whole seconds left, as the replica
 * counts them (a deadline expires once it is before the current second), or null for an unbounded-wait call and
 * a message no longer waiting.
 */
export function deadlineText(flight: Pick<MessageFlight, 'kind' | 'deadlineNs' | 'endRound'>, nowNs: bigint | null, round: number): string | null {
  if (flight.kind !== 'request' || flight.deadlineNs === '0' || nowNs === null) return null;
  if (flight.endRound !== null && flight.endRound <= round) return null;
  const left = BigInt(flight.deadlineNs) / NS_PER_SECOND - nowNs / NS_PER_SECOND;
  return left < 0n ? 'deadline passed' : `deadline in ${left} s`;
}

const KIND_NAMES: Readonly<Record<MessageKind, string>> = {
  ingress: 'Ingress call',
  request: 'Request',
  'response-reply': 'Reply',
  'response-reject': 'Reject',
};

/**
 * The long form for tooltips: who, what, when, what it carried (Candid text, `messagePayload`), and the reject
 * message (canister text, shown as text only).
 */
export function messageDetail(flight: MessageFlight, payload: MessagePayload = NO_PAYLOAD): string {
  const lines = [`${KIND_NAMES[flight.kind]} ${flight.method ? `(${flight.method}) ` : ''}${flight.from} → ${flight.to}`];
  const rounds = [`sent in round ${flight.sentRound}`];
  if (flight.deliveredRound !== null) rounds.push(`delivered in ${flight.deliveredRound}`);
  if (flight.executedRound !== null) rounds.push(`executed in ${flight.executedRound}`);
  if (flight.endRound !== null) rounds.push(`done in ${flight.endRound}`);
  lines.push(rounds.join(', '));
  if (flight.deadlineNs !== '0') {
    const at = new Date(Number(BigInt(flight.deadlineNs) / 1_000_000n)).toISOString().replace('T', ' ').replace(/(\.000)?Z$/, '');
    lines.push(`bounded-wait call: deadline ${at} UTC`);
  }
  if (flight.cycles !== '0') lines.push(`${flight.cycles} cycles attached`);
  if (flight.refund !== '0') lines.push(`${flight.refund} cycles refunded`);
  if (payload.arg !== null) lines.push(`argument ${payload.arg}`);
  if (payload.reply !== null) lines.push(`reply ${payload.reply}`);
  if (flight.trapped) lines.push('The execution that handled it trapped.');
  if (flight.reject) lines.push(`${rejectText(flight)}: ${flight.reject.message}`);
  if (flight.dropped) {
    lines.push(flight.kind === 'request'
      ? 'Dropped at its deadline before it ran: the attached cycles went back to the caller.'
      : 'Dropped: its call had timed out (or its caller is gone); any refund was still credited.');
  }
  return lines.join('\n');
}
