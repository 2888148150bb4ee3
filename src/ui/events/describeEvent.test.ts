import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceEventKind } from '../../engine/index.ts';
import type { EventView } from '../../worker/protocol.ts';
import { describeEvent } from './describeEvent.ts';
import { eventContext, eventOrigins } from './eventContext.ts';

const COUNTER = 'rwlgt-iiaaa-aaaaa-aaaaa-cai';
const CALLER = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const ALICE = 'aqfkt-fo67r-xybu2-ea25i-p37da-k4bcp-zbm44-rtedk-jpri3-j5nkj-jae';
const view = { users: [{ name: 'alice', principal: ALICE }], canisters: [{ id: COUNTER, name: 'counter' }, { id: CALLER, name: 'caller' }] } as never;

const submitted = { kind: 'ingress_submitted', round: 0, messageId: 0, from: ALICE, to: COUNTER, method: 'inc', argBytes: 1 };
const installSubmitted = { kind: 'ingress_submitted', round: 0, messageId: 1, from: ALICE, to: 'aaaaa-aa', method: 'install_code', argBytes: 500 };
const sent = {
  kind: 'request_sent', round: 1, requestId: 0, from: CALLER, to: COUNTER, method: 'inc', bytes: 3, cycles: '0', deadlineNs: '0',
  fee: '263000', reserved: '42102152000',
};
const context = eventContext(view, eventOrigins([submitted, installSubmitted, sent]));
const reject = { type: 'reject', rejectCode: 5, errorCode: 'IC0503', message: "Canister called `ic0.trap` with message: 'no'" };

/** Every kind of the trace with the sentences it reads as: a kind missing here does not type-check. */
const CASES: Readonly<Record<TraceEventKind, readonly (readonly [EventView, string])[]>> = {
  round_started: [[{ kind: 'round_started', round: 3, timeNs: '1620604802000000000' }, 'round 3 started at 2021-05-10 00:00:02 UTC']],
  iteration_started: [
    [{ kind: 'iteration_started', round: 3, iteration: 1 }, 'iteration 1 of round 3: what was queued at the round\'s start runs'],
    [{ kind: 'iteration_started', round: 3, iteration: 2 }, 'iteration 2 of round 3: the requests and replies sent on the subnet before were delivered'],
  ],
  round_finished: [[{ kind: 'round_finished', round: 3, instructions: '7054', executions: 1, balances: [] }, 'round 3 finished: 1 execution, 7,054 instructions']],
  params_changed: [[{ kind: 'params_changed', round: 3, params: [{ name: 'queueCapacity', value: '0' }] }, 'from now on, a queue between two canisters holds 0 messages (the IC\'s is 500)']],
  time_advanced: [[{ kind: 'time_advanced', round: 4, seconds: '86400', timeNs: '1620691214000000000' }, 'the clock moved 86,400 seconds forward, to 2021-05-11 00:00:14 UTC']],
  canister_created: [
    [{ kind: 'canister_created', round: 0, canister: COUNTER, cycles: '100000000000000', controllers: [ALICE] }, 'counter was created with 100,000,000,000,000 cycles, controlled by alice'],
    [{ kind: 'canister_created', round: 2, canister: 'r7inp-6aaaa-aaaaa-aaabq-cai', cycles: '5', controllers: [] }, 'r7inp-6aaaa-aaaaa-aaabq-cai was created with 5 cycles, with no controllers'],
  ],
  cycles_topped_up: [[{ kind: 'cycles_topped_up', round: 2, canister: COUNTER, amount: '1000000' }, 'counter was topped up with 1,000,000 cycles']],
  trap_planned: [
    [{ kind: 'trap_planned', round: 2, canister: COUNTER, method: 'inc', message: 'What if: counter traps' }, 'what if: counter\'s next call to inc traps as it begins (“What if: counter traps”)'],
    [{ kind: 'trap_planned', round: 2, canister: COUNTER, method: null, message: 'no' }, 'what if: counter\'s next update call traps as it begins (“no”)'],
  ],
  ingress_submitted: [
    [submitted, 'alice submitted a call to counter.inc with 1 byte of argument'],
    [installSubmitted, "alice submitted a call to the management canister's install_code with 500 bytes of argument"],
  ],
  ingress_refused: [[
    { kind: 'ingress_refused', round: 3, messageId: 0, rejectCode: 2, errorCode: 'IC0207', message: 'Canister is out of cycles' },
    "alice's call to counter.inc was refused before entering the subnet: Canister is out of cycles (IC0207, reject code 2 SYS_TRANSIENT)",
  ]],
  ingress_inducted: [
    [{ kind: 'ingress_inducted', round: 1, messageId: 0, canister: COUNTER }, "alice's call to counter.inc entered counter's queue (induction fee charged separately)"],
    [{ kind: 'ingress_inducted', round: 1, messageId: 1, canister: COUNTER }, "alice's call to the management canister's install_code entered the subnet; counter pays its induction fee (charged separately)"],
    [{ kind: 'ingress_inducted', round: 1, messageId: 9, canister: COUNTER }, "ingress message 9 entered counter's queue (induction fee charged separately)"],
  ],
  ingress_completed: [
    [{ kind: 'ingress_completed', round: 1, messageId: 0, response: { type: 'reply', bytes: 8 } }, "alice's call to counter.inc completed: replied 8 bytes"],
    [{ kind: 'ingress_completed', round: 1, messageId: 0, response: reject }, "alice's call to counter.inc was rejected: Canister called `ic0.trap` with message: 'no' (IC0503, reject code 5 CANISTER_ERROR)"],
  ],
  execution: [
    [{
      kind: 'execution', round: 1, canister: COUNTER, entryPoint: 'canister_update inc', context: 'update', caller: ALICE, messageId: 0,
      instructions: '1234', slices: 1, outcome: 'ok', errorCode: null, message: null, rolledBack: [], reply: '0100000000000000', rejectMessage: null, cyclesCharged: '5001234',
    }, 'counter ran inc (update) for alice: 1,234 instructions, replied 8 bytes; it cost 5,001,234 cycles'],
    [{
      kind: 'execution', round: 2, canister: COUNTER, entryPoint: 'canister_update withdraw', context: 'update', caller: ALICE, messageId: 0,
      instructions: '1495', slices: 1, outcome: 'trap', errorCode: 'IC0503', message: "Canister called `ic0.trap` with message: 'no'",
      rolledBack: ['1 Wasm memory page written', '1 global'], reply: null, rejectMessage: null, cyclesCharged: '5001495',
    }, "counter ran withdraw (update) for alice: 1,495 instructions, trapped: Canister called `ic0.trap` with message: 'no' (IC0503); rolled back 1 Wasm memory page written, 1 global"],
    [{
      kind: 'execution', round: 3, canister: CALLER, entryPoint: 'reply callback', context: 'reply_callback', caller: COUNTER, messageId: null,
      instructions: '4354', slices: 1, outcome: 'ok', errorCode: null, message: null, rolledBack: [], reply: `${'ab'.repeat(64)}…`, rejectMessage: null, cyclesCharged: null,
    }, "caller ran its reply callback on counter's response: 4,354 instructions, replied more than 64 bytes"],
    [{
      kind: 'execution', round: 9, canister: COUNTER, entryPoint: 'canister_init', context: 'init', caller: ALICE, messageId: null,
      instructions: '40000000000', slices: 14, outcome: 'ok', errorCode: null, message: null, rolledBack: [], reply: null, rejectMessage: 'go away', cyclesCharged: null,
    }, 'counter ran its init for alice: 40,000,000,000 instructions in 14 slices, rejected: go away'],
  ],
  cycles_charged: [
    [{ kind: 'cycles_charged', round: 1, canister: COUNTER, charge: 'execution', amount: '1234' }, 'counter was charged 1,234 cycles for execution'],
    [{ kind: 'cycles_charged', round: 1, canister: COUNTER, charge: 'ingress_induction', amount: '1208000' }, 'counter was charged 1,208,000 cycles for inducting an ingress message'],
    [{ kind: 'cycles_charged', round: 1, canister: COUNTER, charge: 'novel', amount: '7' }, 'counter was charged 7 cycles for novel'],
  ],
  cycles_refunded: [[{ kind: 'cycles_refunded', round: 1, canister: COUNTER, charge: 'execution', amount: '39999992946' }, 'counter got back 39,999,992,946 cycles prepaid for execution but not used']],
  management_call: [
    [{ kind: 'management_call', round: 2, method: 'install_code', caller: ALICE, canister: COUNTER, messageId: 1 }, 'the management canister handled install_code from alice for counter'],
    [{ kind: 'management_call', round: 2, method: 'create_canister', caller: CALLER, canister: null, messageId: null }, 'the management canister handled create_canister from caller'],
  ],
  code_installed: [
    [{ kind: 'code_installed', round: 0, canister: COUNTER, mode: 'install', moduleHash: 'a51ebd91510c6943' }, 'counter got its code installed: module a51ebd91…'],
    [{ kind: 'code_installed', round: 2, canister: COUNTER, mode: 'upgrade', moduleHash: 'dff6e46d5e77bb34' }, 'counter was upgraded to module dff6e46d…: stable memory kept, heap wiped'],
    [{ kind: 'code_installed', round: 2, canister: COUNTER, mode: 'reinstall', moduleHash: 'dff6e46d5e77bb34' }, 'counter was reinstalled with module dff6e46d…: all its memory wiped'],
  ],
  code_uninstalled: [
    [{ kind: 'code_uninstalled', round: 18, canister: COUNTER, reason: 'out_of_cycles' }, 'counter ran out of cycles: its code and memory were uninstalled'],
    [{ kind: 'code_uninstalled', round: 4, canister: COUNTER, reason: 'uninstall_code' }, "counter's code was uninstalled: its memory is gone and its open calls are rejected"],
  ],
  status_changed: [[{ kind: 'status_changed', round: 2, canister: COUNTER, from: 'running', to: 'stopping' }, 'counter went from running to stopping']],
  settings_changed: [[{ kind: 'settings_changed', round: 1, canister: COUNTER, fields: ['controllers', 'freezingThreshold'] }, "counter's settings changed: controllers, freezingThreshold"]],
  canister_deleted: [[{ kind: 'canister_deleted', round: 5, canister: COUNTER }, 'counter was deleted (its id is never reused)']],
  snapshot_taken: [[
    { kind: 'snapshot_taken', round: 5, canister: COUNTER, snapshot: '00000000000000010000000000000000010101', size: '131072' },
    'counter was snapshotted as snapshot #1 (131,072 bytes: its module, memories, globals, certified data and chunk store)',
  ]],
  snapshot_loaded: [
    [{ kind: 'snapshot_loaded', round: 6, canister: COUNTER, snapshot: '00000000000000010000000000000000010101', size: '131072', from: COUNTER },
      'counter was restored from its snapshot #1: module, memories and globals are back as they were; cycles, settings and logs are not'],
    [{ kind: 'snapshot_loaded', round: 6, canister: CALLER, snapshot: '00000000000000010000000000000000010101', size: '131072', from: COUNTER },
      "caller was restored from counter's snapshot #1: module, memories and globals are back as they were; cycles, settings and logs are not"],
  ],
  chunk_uploaded: [
    [{ kind: 'chunk_uploaded', round: 3, canister: COUNTER, hash: 'ab12cd34ef', bytes: 1048576, chunks: 1, alreadyStored: false },
      "counter's chunk store took chunk ab12cd34… (1,048,576 bytes); 1 chunk stored, each counted as 1 MiB of memory"],
    [{ kind: 'chunk_uploaded', round: 3, canister: COUNTER, hash: 'ab12cd34ef', bytes: 1, chunks: 2, alreadyStored: true },
      "counter's chunk store already had chunk ab12cd34… (1 byte): nothing added (the upload is charged all the same); 2 chunks stored, each counted as 1 MiB of memory"],
  ],
  chunk_store_cleared: [
    [{ kind: 'chunk_store_cleared', round: 4, canister: COUNTER, chunks: 3, reason: 'clear_chunk_store' }, "counter's chunk store was cleared (3 chunks removed)"],
    [{ kind: 'chunk_store_cleared', round: 4, canister: COUNTER, chunks: 1, reason: 'uninstall_code' }, "counter's chunk store was emptied (1 chunk) with its code: uninstalled"],
  ],
  snapshot_deleted: [
    [{ kind: 'snapshot_deleted', round: 7, canister: COUNTER, snapshot: '00000000000000010000000000000000010101', size: '131072', reason: 'delete_canister_snapshot' },
      "counter's snapshot #1 was deleted (131,072 bytes freed)"],
    [{ kind: 'snapshot_deleted', round: 7, canister: COUNTER, snapshot: '00000000000000010000000000000000010101', size: '131072', reason: 'out_of_cycles' },
      "counter's snapshot #1 was dropped: the canister ran out of cycles (131,072 bytes freed)"],
  ],
  log: [
    [{ kind: 'log', round: 1, canister: COUNTER, text: 'hello', trap: false }, 'counter logged "hello"'],
    [{ kind: 'log', round: 2, canister: COUNTER, text: '[TRAP]: no', trap: true }, 'counter logged its trap: "[TRAP]: no"'],
  ],
  query_executed: [[
    { kind: 'query_executed', round: 3, canister: COUNTER, method: 'read', caller: ALICE, response: { type: 'reply', bytes: 49 } },
    'alice queried counter.read outside the rounds (nothing it changes is kept) and got 49 bytes',
  ]],
  request_sent: [
    [sent, 'caller paid 263,000 cycles to send 3 bytes to counter.inc; 42,102,152,000 reserved for the reply and its callback'],
    [{ ...sent, cycles: '1000000', deadlineNs: '5' }, 'caller paid 263,000 cycles to send 3 bytes to counter.inc with 1,000,000 cycles attached (bounded wait); 42,102,152,000 reserved for the reply and its callback'],
  ],
  request_delivered: [[{ kind: 'request_delivered', round: 2, requestId: 0, to: COUNTER }, "caller's call to counter.inc reached counter's queue"]],
  response_sent: [
    [{ kind: 'response_sent', round: 2, requestId: 0, from: COUNTER, to: CALLER, response: { type: 'reply', bytes: 9 }, refund: '0' }, "counter answered caller's call to counter.inc: replied 9 bytes"],
    [{ kind: 'response_sent', round: 2, requestId: 0, from: COUNTER, to: CALLER, response: reject, refund: '700' }, "counter answered caller's call to counter.inc: rejected: Canister called `ic0.trap` with message: 'no' (IC0503, reject code 5 CANISTER_ERROR); 700 cycles not accepted go back"],
  ],
  response_delivered: [
    [{ kind: 'response_delivered', round: 3, requestId: 0, to: CALLER, refund: '0', reservationRefund: '2097143000' }, "the answer to caller's call to counter.inc reached caller: refunded 2,097,143,000 cycles of unused reply reservation"],
    [{ kind: 'response_delivered', round: 3, requestId: 7, to: CALLER, refund: '1500', reservationRefund: '0' }, 'the answer to call 7 reached caller: refunded 0 cycles of unused reply reservation and 1,500 attached cycles not accepted'],
  ],
  call_timed_out: [[{ kind: 'call_timed_out', round: 8, requestId: 0, canister: CALLER }, "caller's call to counter.inc timed out: the system answers SYS_UNKNOWN (6) and drops a later reply"]],
  request_expired: [[{ kind: 'request_expired', round: 8, requestId: 0, canister: COUNTER, refund: '500' }, "caller's call to counter.inc was still waiting in counter's queue at its deadline: dropped unexecuted, 500 attached cycles back to the caller"]],
  message_shed: [
    [{ kind: 'message_shed', round: 4, canister: COUNTER, requestId: 0, message: 'request', bytes: 80, refund: '500' }, "caller's call to counter.inc was shed from counter's queue (the subnet's bounded-wait messages were over their memory): dropped unexecuted, 500 attached cycles back to the caller"],
    [{ kind: 'message_shed', round: 4, canister: CALLER, requestId: 0, message: 'response', bytes: 80, refund: '0' }, 'the answer to caller\'s call to counter.inc was shed from caller\'s queue (the subnet\'s bounded-wait messages were over their memory): its callback gets SYS_UNKNOWN (6) "Response was dropped." instead, the 0 cycles it refunded credited'],
  ],
  response_dropped: [[{ kind: 'response_dropped', round: 9, requestId: 0, canister: CALLER, refund: '250' }, "the answer to caller's call to counter.inc came after its deadline: dropped unseen by caller, which still gets the 250 cycles it refunds"]],
  frozen_changed: [
    [{ kind: 'frozen_changed', round: 3, canister: COUNTER, frozen: true, cycles: '1000', freezingLimit: '5000' }, 'counter froze: its balance 1,000 is below its freezing limit 5,000; it refuses new messages'],
    [{ kind: 'frozen_changed', round: 4, canister: COUNTER, frozen: false, cycles: '6000', freezingLimit: '5000' }, 'counter thawed: its balance 6,000 is above its freezing limit 5,000; it takes messages again'],
  ],
  playground_limit: [
    [
      { kind: 'playground_limit', round: 2, canister: COUNTER, parameter: 'playgroundMemoryBytes', limit: '1048576', inUse: '1048000', requested: '4096', refused: 'a write to a new 4 KiB page of stable memory' },
      "the playground's own limit playgroundMemoryBytes (1,048,576 bytes; a limit of the playground, not of the IC) refused a write to a new 4 KiB page of stable memory of counter: 1,048,000 bytes in use, 4,096 more asked for",
    ],
    [
      { kind: 'playground_limit', round: 2, canister: null, parameter: 'maxCanisters', limit: '3', inUse: '3', requested: '1', refused: 'create_canister' },
      "the playground's own limit maxCanisters (3 canisters; a limit of the playground, not of the IC) refused create_canister: 3 canisters in use, 1 more asked for",
    ],
  ],
  execution_slice: [[
    { kind: 'execution_slice', round: 3, canister: CALLER, entryPoint: 'canister_update slow', slice: 1, slices: 14, instructions: '2000000' },
    'caller ran slice 1 of 14 of slow: 2,000,000 instructions (the message commits at its last slice)',
  ]],
  execution_aborted: [
    [
      { kind: 'execution_aborted', round: 500, canister: CALLER, entryPoint: 'canister_update slow', reason: 'checkpoint', slicesDone: 3, slices: 14, instructions: '27000000' },
      'a checkpoint aborted caller\'s slow after 3 of 14 slices: its 27,000,000 instructions are thrown away and it restarts from scratch (its prepayment kept)',
    ],
    [
      { kind: 'execution_aborted', round: 7, canister: CALLER, entryPoint: 'canister_heartbeat', reason: 'paused_limit', slicesDone: 1, slices: 2, instructions: '3000000' },
      'too many long executions paused on the subnet aborted caller\'s heartbeat after 1 of 2 slices: its 3,000,000 instructions are thrown away and it restarts from scratch (its prepayment kept)',
    ],
  ],
};

/** The kinds docs/TRACE.md documents, from its table: a kind documented there and not described here fails. */
const DOCUMENTED_KINDS = [...readFileSync(new URL('../../../docs/TRACE.md', import.meta.url), 'utf8').matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);

describe('[ui/events] describeEvent', () => {
  it.each(Object.values(CASES).flat())('%j', (event, sentence) => {
    expect(describeEvent(event, context)).toBe(sentence);
  });

  it('has cases for every kind docs/TRACE.md lists', () => {
    expect(DOCUMENTED_KINDS.length).toBeGreaterThan(25);
    expect(Object.keys(CASES).sort()).toEqual([...DOCUMENTED_KINDS].sort());
  });

  it('describes every kind by its own entry (never the unknown-kind fallback), even with its fields missing', () => {
    for (const kind of Object.keys(CASES)) {
      expect(describeEvent({ kind, round: 1 }, context), kind).not.toBe(kind.replace(/_/g, ' '));
    }
  });

  it.each([
    [{ kind: 'new_kind_of_thing', round: 1, canister: COUNTER }, 'new kind of thing (counter)'],
    [{ kind: 'toString', round: 1 }, 'toString'],
  ])('reads an unknown kind or a malformed event as words: %j', (event, sentence) => {
    expect(describeEvent(event, context)).toBe(sentence);
  });
});
