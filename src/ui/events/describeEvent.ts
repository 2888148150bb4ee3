/**
 * One trace event as one sentence a learner reads (the Events tab): names instead of principals, exact amounts
 * grouped by thousands, and what the replica meant by it ("…reserved for the reply and its callback"). Every kind
 * of docs/TRACE.md has an entry; a kind this UI does not know yet still reads as words.
 */
import { RejectCode, type ChargeKind, type TraceEventKind } from '../../engine/index.ts';
import type { EventView } from '../../worker/protocol.ts';
import { calledMethod, int, nullableText, response, text, textList, type ResponseView } from '../graph/eventFields.ts';
import { groupDigits } from '../graph/formatAmount.ts';
import { MANAGEMENT_CANISTER } from '../graph/messageFlights.ts';
import { originOf, type EventContext } from './eventContext.ts';
import { nextCall } from '../whatIf/nextCall.ts';

type Sentence = (event: EventView, context: EventContext) => string;

export function describeEvent(event: EventView, context: EventContext): string {
  const sentence = Object.hasOwn(SENTENCES, event.kind) ? SENTENCES[event.kind as TraceEventKind] : unknownKind;
  return sentence(event, context);
}

/** A parameter the subnet changed during the run, in words (`setParams`). */
const PARAM_WORDS: Readonly<Record<string, (value: string) => string>> = {
  queueCapacity: (value) => `a queue between two canisters holds ${groupDigits(value)} ${value === '1' ? 'message' : 'messages'} (the IC's is 500)`,
};

function paramChange({ name, value }: { name: string; value: string }): string {
  return Object.hasOwn(PARAM_WORDS, name) ? PARAM_WORDS[name](value) : `${name} is ${value}`;
}

const SENTENCES: Readonly<Record<TraceEventKind, Sentence>> = {
  round_started: (e) => `round ${e.round} started at ${utc(text(e, 'timeNs'))}`,
  iteration_started: (e) => (int(e, 'iteration') === 1
    ? `iteration 1 of round ${e.round}: what was queued at the round's start runs`
    : `iteration ${int(e, 'iteration')} of round ${e.round}: the requests and replies sent on the subnet before were delivered`),
  round_finished: (e) => `round ${e.round} finished: ${count(int(e, 'executions'), 'execution')}, ${cycles(e, 'instructions')} instructions`,
  time_advanced: (e) => `the clock moved ${cycles(e, 'seconds')} seconds forward, to ${utc(text(e, 'timeNs'))}`,
  params_changed: (e) => `from now on, ${((e.params ?? []) as { name: string; value: string }[]).map(paramChange).join(' and ')}`,
  canister_created: (e, c) => {
    const controllers = textList(e, 'controllers').map(c.nameOf);
    return `${name(e, 'canister', c)} was created with ${cycles(e, 'cycles')} cycles, ${controllers.length ? `controlled by ${controllers.join(', ')}` : 'with no controllers'}`;
  },
  cycles_topped_up: (e, c) => `${name(e, 'canister', c)} was topped up with ${cycles(e, 'amount')} cycles`,
  trap_planned: (e, c) => `what if: ${name(e, 'canister', c)}'s next ${nextCall(nullableText(e, 'method'))} traps as it begins (“${text(e, 'message')}”)`,
  ingress_submitted: (e, c) => `${name(e, 'from', c)} submitted a call to ${target(e, c)} with ${count(int(e, 'argBytes'), 'byte')} of argument`,
  ingress_refused: (e, c) => `${ingress(e, c)} was refused before entering the subnet: ${rejection(rejectOf(e))}`,
  ingress_inducted: (e, c) => {
    const submitted = originOf(e, c);
    const payer = name(e, 'canister', c);
    return submitted && text(submitted, 'to') === MANAGEMENT_CANISTER
      ? `${ingress(e, c)} entered the subnet; ${payer} pays its induction fee (charged separately)`
      : `${ingress(e, c)} entered ${payer}'s queue (induction fee charged separately)`;
  },
  ingress_completed: (e, c) => `${ingress(e, c)} ${answered(e, 'completed: replied', 'was rejected')}`,
  execution: (e, c) => {
    const caller = text(e, 'caller');
    const callback = /callback|cleanup/.test(text(e, 'context'));
    const forWhom = !caller ? '' : callback ? ` on ${c.nameOf(caller)}'s response` : ` for ${c.nameOf(caller)}`;
    const slices = int(e, 'slices');
    const work = `${cycles(e, 'instructions')} instructions${slices > 1 ? ` in ${slices} slices` : ''}`;
    const ran = `${name(e, 'canister', c)} ran ${entryPoint(e)}${forWhom}: ${work}`;
    if (text(e, 'outcome') === 'trap') {
      const rolledBack = textList(e, 'rolledBack');
      const code = nullableText(e, 'errorCode');
      return `${ran}, trapped: ${text(e, 'message')}${code ? ` (${code})` : ''}; ${rolledBack.length ? `rolled back ${rolledBack.join(', ')}` : 'nothing to roll back'}`;
    }
    const reply = nullableText(e, 'reply');
    const reject = nullableText(e, 'rejectMessage');
    const answer = reply !== null ? `, replied ${replySize(reply)}` : reject !== null ? `, rejected: ${reject}` : '';
    const cost = nullableText(e, 'cyclesCharged');
    return `${ran}${answer}${cost === null ? '' : `; it cost ${groupDigits(cost)} cycles`}`;
  },
  cycles_charged: (e, c) => `${name(e, 'canister', c)} was charged ${cycles(e, 'amount')} cycles for ${CHARGES[text(e, 'charge') as ChargeKind] ?? text(e, 'charge')}`,
  cycles_refunded: (e, c) => `${name(e, 'canister', c)} got back ${cycles(e, 'amount')} cycles prepaid for ${CHARGES[text(e, 'charge') as ChargeKind] ?? text(e, 'charge')} but not used`,
  management_call: (e, c) => {
    const canister = nullableText(e, 'canister');
    return `the management canister handled ${text(e, 'method')} from ${name(e, 'caller', c)}${canister ? ` for ${c.nameOf(canister)}` : ''}`;
  },
  code_installed: (e, c) => {
    const module = `module ${text(e, 'moduleHash').slice(0, 8)}…`;
    const canister = name(e, 'canister', c);
    if (text(e, 'mode') === 'upgrade') return `${canister} was upgraded to ${module}: stable memory kept, heap wiped`;
    if (text(e, 'mode') === 'reinstall') return `${canister} was reinstalled with ${module}: all its memory wiped`;
    return `${canister} got its code installed: ${module}`;
  },
  code_uninstalled: (e, c) => text(e, 'reason') === 'out_of_cycles'
    ? `${name(e, 'canister', c)} ran out of cycles: its code and memory were uninstalled`
    : `${name(e, 'canister', c)}'s code was uninstalled: its memory is gone and its open calls are rejected`,
  status_changed: (e, c) => `${name(e, 'canister', c)} went from ${text(e, 'from')} to ${text(e, 'to')}`,
  settings_changed: (e, c) => {
    const fields = textList(e, 'fields');
    return `${name(e, 'canister', c)}'s settings changed${fields.length ? `: ${fields.join(', ')}` : ' (to the same values)'}`;
  },
  canister_deleted: (e, c) => `${name(e, 'canister', c)} was deleted (its id is never reused)`,
  snapshot_taken: (e, c) => `${name(e, 'canister', c)} was snapshotted as ${snapshotName(e)} (${cycles(e, 'size')} bytes: its module, memories, globals, certified data and chunk store)`,
  snapshot_loaded: (e, c) => {
    const own = text(e, 'from') === text(e, 'canister');
    const source = own ? `its ${snapshotName(e)}` : `${c.nameOf(text(e, 'from'))}'s ${snapshotName(e)}`;
    return `${name(e, 'canister', c)} was restored from ${source}: module, memories and globals are back as they were; cycles, settings and logs are not`;
  },
  chunk_uploaded: (e, c) => {
    const chunk = `chunk ${text(e, 'hash').slice(0, 8)}… (${count(int(e, 'bytes'), 'byte')})`;
    const stored = `${count(int(e, 'chunks'), 'chunk')} stored, each counted as 1 MiB of memory`;
    return e.alreadyStored === true
      ? `${name(e, 'canister', c)}'s chunk store already had ${chunk}: nothing added (the upload is charged all the same); ${stored}`
      : `${name(e, 'canister', c)}'s chunk store took ${chunk}; ${stored}`;
  },
  chunk_store_cleared: (e, c) => {
    const held = count(int(e, 'chunks'), 'chunk');
    const why = text(e, 'reason');
    return why === 'clear_chunk_store'
      ? `${name(e, 'canister', c)}'s chunk store was cleared (${held} removed)`
      : `${name(e, 'canister', c)}'s chunk store was emptied (${held}) with its code: ${why === 'out_of_cycles' ? 'it ran out of cycles' : 'uninstalled'}`;
  },
  snapshot_deleted: (e, c) => `${name(e, 'canister', c)}'s ${snapshotName(e)} ${SNAPSHOT_DELETIONS[text(e, 'reason')] ?? 'is gone'} (${cycles(e, 'size')} bytes freed)`,
  log: (e, c) => `${name(e, 'canister', c)} logged ${e.trap === true ? 'its trap: ' : ''}"${text(e, 'text')}"`,
  query_executed: (e, c) => `${name(e, 'caller', c)} queried ${c.nameOf(text(e, 'canister'))}.${text(e, 'method')} outside the rounds (nothing it changes is kept) and ${answered(e, 'got', 'was rejected')}`,
  request_sent: (e, c) => {
    const attached = e.cycles !== undefined && text(e, 'cycles') !== '0' ? ` with ${cycles(e, 'cycles')} cycles attached` : '';
    const bounded = text(e, 'deadlineNs') !== '0' && e.deadlineNs !== undefined ? ' (bounded wait)' : '';
    return `${name(e, 'from', c)} paid ${cycles(e, 'fee')} cycles to send ${count(int(e, 'bytes'), 'byte')} to ${target(e, c)}${attached}${bounded}; ${cycles(e, 'reserved')} reserved for the reply and its callback`;
  },
  request_delivered: (e, c) => `${call(e, c)} reached ${name(e, 'to', c)}'s queue`,
  response_sent: (e, c) => {
    const refund = text(e, 'refund');
    const returned = refund && refund !== '0' ? `; ${groupDigits(refund)} cycles not accepted go back` : '';
    return `${name(e, 'from', c)} answered ${call(e, c)}: ${answered(e, 'replied', 'rejected')}${returned}`;
  },
  response_delivered: (e, c) => {
    const refund = text(e, 'refund');
    const unaccepted = refund && refund !== '0' ? ` and ${groupDigits(refund)} attached cycles not accepted` : '';
    return `the answer to ${call(e, c)} reached ${name(e, 'to', c)}: refunded ${cycles(e, 'reservationRefund')} cycles of unused reply reservation${unaccepted}`;
  },
  call_timed_out: (e, c) => `${call(e, c)} timed out: the system answers SYS_UNKNOWN (6) and drops a later reply`,
  request_expired: (e, c) => `${call(e, c)} was still waiting in ${name(e, 'canister', c)}'s queue at its deadline: dropped unexecuted, ${cycles(e, 'refund')} attached cycles back to the caller`,
  message_shed: (e, c) => e.message === 'request'
    ? `${call(e, c)} was shed from ${name(e, 'canister', c)}'s queue (the subnet's bounded-wait messages were over their memory): dropped unexecuted, ${cycles(e, 'refund')} attached cycles back to the caller`
    : `the answer to ${call(e, c)} was shed from ${name(e, 'canister', c)}'s queue (the subnet's bounded-wait messages were over their memory): its callback gets SYS_UNKNOWN (6) "Response was dropped." instead, the ${cycles(e, 'refund')} cycles it refunded credited`,
  response_dropped: (e, c) => `the answer to ${call(e, c)} came after its deadline: dropped unseen by ${name(e, 'canister', c)}, which still gets the ${cycles(e, 'refund')} cycles it refunds`,
  frozen_changed: (e, c) => e.frozen === true
    ? `${name(e, 'canister', c)} froze: its balance ${cycles(e, 'cycles')} is below its freezing limit ${cycles(e, 'freezingLimit')}; it refuses new messages`
    : `${name(e, 'canister', c)} thawed: its balance ${cycles(e, 'cycles')} is above its freezing limit ${cycles(e, 'freezingLimit')}; it takes messages again`,
  playground_limit: (e, c) => {
    const who = nullableText(e, 'canister');
    const unit = text(e, 'parameter') === 'maxCanisters' ? 'canisters' : 'bytes';
    return `the playground's own limit ${text(e, 'parameter')} (${cycles(e, 'limit')} ${unit}; a limit of the playground, not of the IC) refused ${text(e, 'refused')}${who ? ` of ${c.nameOf(who)}` : ''}: ${cycles(e, 'inUse')} ${unit} in use, ${cycles(e, 'requested')} more asked for`;
  },
  execution_slice: (e, c) => `${name(e, 'canister', c)} ran slice ${int(e, 'slice')} of ${int(e, 'slices')} of ${entryPoint(e)}: ${cycles(e, 'instructions')} instructions (the message commits at its last slice)`,
  execution_aborted: (e, c) => `${text(e, 'reason') === 'checkpoint' ? 'a checkpoint' : 'too many long executions paused on the subnet'} aborted ${name(e, 'canister', c)}'s ${entryPoint(e).replace(/^its /, '')} after ${int(e, 'slicesDone')} of ${int(e, 'slices')} slices: its ${cycles(e, 'instructions')} instructions are thrown away and it restarts from scratch (its prepayment kept)`,
};

/** What each kind of charge pays for, after "charged … cycles for". */
const CHARGES: Readonly<Record<ChargeKind, string>> = {
  ingress_induction: 'inducting an ingress message',
  execution: 'execution',
  install_code: 'installing code',
  storage: 'storage (its memory and allocations over time)',
  compute_allocation: 'its compute allocation',
  burn: 'ic0.cycles_burn128 (burned)',
  call: 'sending a call (not refundable)',
  canister_creation: 'creating a canister',
  lost: 'nothing: they are lost',
};

/** Why a snapshot went, after "…'s snapshot #n". */
const SNAPSHOT_DELETIONS: Readonly<Record<string, string>> = {
  delete_canister_snapshot: 'was deleted',
  replaced: 'was replaced by a new one',
  canister_deleted: 'went with the deleted canister',
  out_of_cycles: 'was dropped: the canister ran out of cycles',
};

/** A snapshot by its local index, the id's first 8 bytes (the rest is the canister id): "snapshot #0". */
function snapshotName(event: EventView): string {
  const hex = text(event, 'snapshot');
  return /^[0-9a-f]{16}/.test(hex) ? `snapshot #${BigInt(`0x${hex.slice(0, 16)}`)}` : `snapshot ${hex}`;
}

const REJECT_NAMES = new Map<number, string>(Object.entries(RejectCode).map(([key, code]) => [code, key]));

function unknownKind(event: EventView, context: EventContext): string {
  const canister = nullableText(event, 'canister');
  return `${event.kind.replace(/_/g, ' ')}${canister ? ` (${context.nameOf(canister)})` : ''}`;
}

function name(event: EventView, key: string, context: EventContext): string {
  return context.nameOf(text(event, key));
}

function cycles(event: EventView, key: string): string {
  return groupDigits(text(event, key) || '0');
}

function count(n: number, noun: string): string {
  return `${groupDigits(String(n))} ${noun}${n === 1 ? '' : 's'}`;
}

/** "counter.inc", or "the management canister's install_code". */
function target(event: EventView, context: EventContext): string {
  const to = text(event, 'to');
  return to === MANAGEMENT_CANISTER ? `the management canister's ${text(event, 'method')}` : `${context.nameOf(to)}.${text(event, 'method')}`;
}

/** "alice's call to counter.inc" from the message's submission; "ingress message 3" when it is not known. */
function ingress(event: EventView, context: EventContext): string {
  const submitted = originOf(event, context);
  return submitted ? `${name(submitted, 'from', context)}'s call to ${target(submitted, context)}` : `ingress message ${text(event, 'messageId')}`;
}

/** "caller's call to counter.inc" from the request; "call 3" when it is not known. */
function call(event: EventView, context: EventContext): string {
  const sent = originOf(event, context);
  return sent ? `${name(sent, 'from', context)}'s call to ${target(sent, context)}` : `call ${text(event, 'requestId')}`;
}

/** The event's `response`: "replied 8 bytes", or "rejected: … (IC0503, reject code 5 CANISTER_ERROR)". */
function answered(event: EventView, replied: string, rejected: string): string {
  const r = response(event);
  const bytes = (event.response as { bytes?: unknown } | undefined)?.bytes;
  return r.type === 'reply' ? `${replied} ${count(typeof bytes === 'number' ? bytes : 0, 'byte')}` : `${rejected}: ${rejection(r)}`;
}

function rejection(r: ResponseView): string {
  const code = `reject code ${r.rejectCode}${REJECT_NAMES.has(r.rejectCode) ? ` ${REJECT_NAMES.get(r.rejectCode)}` : ''}`;
  return `${r.message} (${r.errorCode ? `${r.errorCode}, ` : ''}${code})`;
}

/** `ingress_refused` carries its codes on the event itself, not in a `response`. */
function rejectOf(event: EventView): ResponseView {
  return { type: 'reject', rejectCode: int(event, 'rejectCode'), errorCode: nullableText(event, 'errorCode'), message: text(event, 'message') };
}

/** "inc (update)" for a method; "its init", "its reply callback" for the other entry points. */
function entryPoint(event: EventView): string {
  const entry = text(event, 'entryPoint');
  const method = calledMethod(entry);
  const context = text(event, 'context');
  if (method === null) return `its ${entry.replace(/^canister_/, '')}`;
  return context ? `${method} (${context.replace(/_/g, ' ')})` : method;
}

/** The execution's reply is the hex of its first 64 bytes, "…" after when there were more. */
function replySize(hex: string): string {
  return hex.endsWith('…') ? `more than ${(hex.length - 1) / 2} bytes` : count(hex.length / 2, 'byte');
}

/** A time in nanoseconds since 1970 as "2021-05-10 00:00:02 UTC". */
function utc(timeNs: string): string {
  try {
    return `${new Date(Number(BigInt(timeNs) / 1_000_000n)).toISOString().replace('T', ' ').replace(/(\.000)?Z$/, '')} UTC`;
  } catch {
    return timeNs;
  }
}
