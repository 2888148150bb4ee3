/**
 * A canister on the graph: name, cycles, and a badge for every state a learner should notice (frozen, empty,
 * a long message part-way through its slices, stopped, a trap this round, queued messages). The status
 * colours the border. Names and trap messages are canister-controlled text: rendered as text only.
 */
import type { NodeProps } from '@xyflow/react';
import { formatAmount, groupDigits } from '../formatAmount.ts';
import type { CanisterFlowNode, CanisterNodeData } from '../graphTypes.ts';
import { CentreHandles } from './CentreHandles.tsx';
import { nextCall } from '../../whatIf/nextCall.ts';

interface Badge {
  readonly key: string;
  readonly text: string;
  readonly tone: 'info' | 'warn' | 'error' | 'muted';
  readonly title: string;
}

/** The badges a canister shows, most important first. */
export function canisterBadges(data: CanisterNodeData): Badge[] {
  const badges: Badge[] = [];
  if (data.status === 'missing') badges.push({ key: 'missing', text: 'no such canister', tone: 'muted', title: 'Messages were sent to this id, but no canister has it.' });
  if (data.status === 'stopping' || data.status === 'stopped' || data.status === 'deleted') {
    badges.push({ key: 'status', text: data.status, tone: data.status === 'stopping' ? 'warn' : 'muted', title: `Status: ${data.status}` });
  }
  if (data.trap) badges.push({ key: 'trap', text: 'trapped', tone: 'error', title: data.trap });
  if (data.frozen) badges.push({ key: 'frozen', text: 'frozen', tone: 'info', title: 'Below its freezing limit: new calls are refused.' });
  if (data.empty && data.status !== 'missing' && data.status !== 'deleted') badges.push({ key: 'empty', text: 'empty', tone: 'muted', title: 'No Wasm module installed.' });
  if (data.paused === 'aborted') badges.push({ key: 'paused', text: 'aborted', tone: 'warn', title: `${data.pausedEntryPoint ?? 'A long message'} was aborted at a checkpoint: it restarts from scratch the next round.` });
  else if (data.paused) badges.push({ key: 'paused', text: `slice ${data.paused}`, tone: 'warn', title: `${data.pausedEntryPoint ?? 'A long message'} is part-way through its slices.` });
  if (data.plannedTrap !== null) {
    const call = nextCall(data.plannedTrap === '' ? null : data.plannedTrap);
    badges.push({ key: 'planned-trap', text: 'traps next', tone: 'warn', title: `What if: its next ${call} traps as it begins (planned by the scenario).` });
  }
  if (data.queueLength > 0) badges.push({ key: 'queue', text: `${data.queueLength} queued`, tone: 'info', title: 'Messages waiting in its input queue.' });
  if (data.outstandingCalls > 0) badges.push({ key: 'calls', text: `${data.outstandingCalls} awaiting`, tone: 'info', title: 'Calls it made that have not been answered yet.' });
  return badges;
}

function tooltip(data: CanisterNodeData): string {
  return [
    `${data.name} (${data.principal})`,
    `status: ${data.status}`,
    `cycles: ${groupDigits(data.cyclesExact)}`,
    ...(data.cyclesChange !== null ? [`change in this round: ${groupDigits(data.cyclesChange)}`] : []),
    `open call contexts: ${data.openCallContexts}, outstanding calls: ${data.outstandingCalls}`,
    `executions this round: ${data.executions}`,
  ].join('\n');
}

export function CanisterNode({ data, selected }: NodeProps<CanisterFlowNode>) {
  const classes = ['cp-node', 'cp-canister', `cp-status-${data.status}`];
  if (data.frozen) classes.push('cp-frozen');
  if (data.empty) classes.push('cp-empty');
  if (data.executions > 0) classes.push('cp-busy');
  if (selected) classes.push('cp-selected');
  return (
    <div className={classes.join(' ')} title={tooltip(data)}>
      <CentreHandles />
      <div className="cp-node-head">
        <span className="cp-status-dot" role="img" aria-label={data.status} />
        <span className="cp-node-title">{data.name}</span>
      </div>
      <div className="cp-node-sub">{data.status === 'missing' ? data.principal : `${data.cycles} cycles`}</div>
      {data.cyclesChange !== null && data.cyclesChange !== '0' && (
        <div className={`cp-node-change ${data.cyclesChange.startsWith('-') ? 'cp-spent' : 'cp-gained'}`} data-testid="cycles-change"
          title={`${groupDigits(data.cyclesChange)} cycles in this round`}>
          {data.cyclesChange.startsWith('-') ? '−' : '+'}{formatAmount(data.cyclesChange.replace('-', ''))} this round
        </div>
      )}
      <div className="cp-badges">
        {canisterBadges(data).map((b) => (
          <span key={b.key} className={`cp-badge cp-badge-${b.tone}`} title={b.title}>{b.text}</span>
        ))}
      </div>
    </div>
  );
}
