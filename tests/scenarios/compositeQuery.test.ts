/**
 * [engine/compositeQuery] The call graph of a composite query (ic-reference.md §2.2, §3.2, §6.1 "Composite query
 * graph | 5 B total, depth 6, 10 s, +50 M per call"; replica `query_handler/query_call_graph.rs` and
 * `query_context.rs`): a composite query calls query methods of canisters on the subnet, each call executed at once,
 * depth first, its answer delivered to the caller's callback; every change is discarded; depth and total
 * instructions are limited; update methods, missing canisters and the management canister answer with a reject.
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { createSubnetConfig } from '../../src/engine/index.ts';
import { events, runInline } from '../helpers/runInline.ts';
import { candidArg, candidValue, motokoSource, runMotoko } from '../helpers/runMotoko.ts';
import { hopsArg, relayOutcome, relays, type Hop } from '../helpers/relayCanister.ts';
import type { Report, StepReport } from '../../src/scenario/reportTypes.ts';

const query = (to: string, method: string, arg: { hex: string }) => ({ query: { to, method, arg } });

function outcome(step: StepReport) {
  expect(step.status, JSON.stringify(step)).toBe('replied');
  return relayOutcome(step.reply!);
}

/** The nested queries of a report: the `query_executed` events with a depth (TRACE.md, SCENARIO.md extension). */
const nested = (report: Report) => events(report, 'query_executed').filter((e) => e.depth !== undefined);

describe('[engine/compositeQuery] calls to query methods (ic-reference.md §2.2, §3.2)', () => {
  const chains: { name: string; hops: Hop[]; hopsSeen: number }[] = [
    { name: "another canister's query", hops: [{ to: 1, method: 'leaf' }], hopsSeen: 1 },
    { name: "another canister's composite query, which calls a third", hops: [{ to: 1, method: 'relay' }, { to: 2, method: 'leaf' }], hopsSeen: 2 },
    { name: 'itself, recursively (each call sees the committed state)', hops: [{ to: 0, method: 'relay' }, { to: 0, method: 'relay' }, { to: 0, method: 'leaf' }], hopsSeen: 3 },
  ];
  it.each(chains)('a composite query calls $name and replies with its answer', async ({ hops, hopsSeen }) => {
    const report = await runInline({ canisters: relays(3), steps: [query('c0', 'relay', hopsArg(hops))] });
    expect(outcome(report.steps[0])).toEqual({ type: 'reply', hops: hopsSeen, rest: Buffer.from('L') });
    // Each nested call is a `query_executed` event with its depth, the callee's answer and the calling canister.
    const calls = nested(report);
    expect(calls.map((e) => e.depth).sort()).toEqual(hops.map((_, i) => i + 1));
    expect(calls.find((e) => e.depth === 1)).toMatchObject({
      canister: report.principals[`c${hops[0].to}`], method: hops[0].method, caller: report.principals.c0, response: { type: 'reply' },
    });
    expect(events(report, 'execution').map((e) => e.context)).toContain('composite_reply_callback');
    // A query does not run in a round: nothing of it is sent, nothing is charged.
    expect(events(report, 'request_sent')).toEqual([]);
  });

  it('answers the calls one after another, each to the callback of its caller, whose heap is kept between callbacks', async () => {
    const report = await runInline({ canisters: relays(2), steps: [query('c0', 'fanout', hopsArg([{ to: 1, method: 'leaf' }], [3]))] });
    expect(Buffer.from(report.steps[0].reply!, 'hex').readInt32LE(0)).toBe(3);
    expect(nested(report)).toHaveLength(3);
  });
});

describe('[engine/compositeQuery] limits (ic-reference.md §6.1)', () => {
  const chainOf = (calls: number): Hop[] => Array.from({ length: calls }, (_, i) => ({ to: i + 1, method: i + 1 === calls ? 'leaf' : 'relay' }));
  const depths = [
    { calls: 6, replied: true },
    { calls: 7, replied: false },
  ];
  it.each(depths)('a chain of $calls nested calls: replied $replied (depth at most 6, IC0525)', async ({ calls, replied }) => {
    const report = await runInline({ canisters: relays(8), steps: [query('c0', 'relay', hopsArg(chainOf(calls)))] });
    if (replied) {
      expect(outcome(report.steps[0])).toEqual({ type: 'reply', hops: calls, rest: Buffer.from('L') });
    } else {
      // The whole query fails (query_call_graph.rs: QueryCallGraphTooDeep), not just the deepest call.
      expect(report.steps[0]).toMatchObject({
        status: 'rejected', rejectCode: 5, errorCode: 'IC0525', rejectMessage: 'Composite query calls exceeded the maximum call depth.',
      });
    }
  });

  // 5 B in total and 50 M per call (ic-reference.md §6.1): 99 calls and their executions fit, the 100th does not.
  const totals = [
    { calls: 99, replied: true },
    { calls: 100, replied: false },
  ];
  it.each(totals)('$calls calls of 50 M each against the 5 B total: replied $replied (IC0526)', async ({ calls, replied }) => {
    const report = await runInline({ subnet: { preset: 'ic' }, canisters: relays(2), steps: [query('c0', 'fanout', hopsArg([{ to: 1, method: 'leaf' }], [calls]))] });
    if (replied) {
      expect(Buffer.from(report.steps[0].reply!, 'hex').readInt32LE(0)).toBe(calls);
    } else {
      expect(report.steps[0]).toMatchObject({
        status: 'rejected', rejectCode: 5, errorCode: 'IC0526', rejectMessage: 'Composite query calls exceeded the instruction limit.',
      });
    }
  });

  it('the limits are parameters; classroom divides the instruction ones by 1,000, not the depth', () => {
    const ic = createSubnetConfig('ic');
    const classroom = createSubnetConfig('classroom');
    if (!ic.ok || !classroom.ok) throw new Error('presets');
    expect(ic.config.params).toMatchObject({
      maxInstructionsPerCompositeQueryGraph: 5_000_000_000n, maxCompositeQueryDepth: 6n, compositeQueryCallOverhead: 50_000_000n,
    });
    expect(classroom.config.params).toMatchObject({
      maxInstructionsPerCompositeQueryGraph: 5_000_000n, maxCompositeQueryDepth: 6n, compositeQueryCallOverhead: 50_000n,
    });
  });

  it('a lower total set by the scenario binds: 5 calls of 50 M exceed 250 M', async () => {
    const subnet = { preset: 'ic', params: { maxInstructionsPerCompositeQueryGraph: '250000000' } };
    const arg = (calls: number) => hopsArg([{ to: 1, method: 'leaf' }], [calls]);
    const report = await runInline({ subnet, canisters: relays(2), steps: [query('c0', 'fanout', arg(4)), query('c0', 'fanout', arg(5))] });
    expect(report.steps[0].status).toBe('replied');
    expect(report.steps[1]).toMatchObject({ status: 'rejected', errorCode: 'IC0526' });
  });
});

describe('[engine/compositeQuery] calls the graph refuses (ic-reference.md §3.2, §3.6)', () => {
  const refusals = [
    { name: 'an update method', hop: { to: 1, method: 'bump' } as Hop, code: 5, errorCode: 'IC0536', text: "has no query method 'bump'" },
    { name: 'a canister that does not exist', hop: { to: 42, method: 'leaf' } as Hop, code: 3, errorCode: 'IC0301', text: 'not found' },
    { name: 'the management canister', hop: { to: 'ic', method: 'canister_status' } as Hop, code: 3, errorCode: 'IC0301', text: 'not found' },
  ];
  it.each(refusals)('a call to $name comes back to the reject callback with code $code ($errorCode)', async ({ hop, code, errorCode, text }) => {
    const report = await runInline({ canisters: relays(2), steps: [query('c0', 'relay', hopsArg([hop]))] });
    const result = outcome(report.steps[0]);
    expect(result).toMatchObject({ type: 'reject', code });
    expect((result as { message: string }).message).toContain(text);
    expect(nested(report)[0]).toMatchObject({ depth: 1, response: { type: 'reject', rejectCode: code, errorCode } });
  });

  it('a call to a stopped canister is rejected with IC0508', async () => {
    const report = await runInline({
      canisters: relays(2),
      steps: [{ manage: { method: 'stop_canister', canister: 'c1', wait: true } }, query('c0', 'relay', hopsArg([{ to: 1, method: 'leaf' }]))],
    });
    expect(outcome(report.steps[1])).toMatchObject({ type: 'reject', code: 5 });
    expect(nested(report)[0]).toMatchObject({ response: { errorCode: 'IC0508' } });
  });

  // `call_cycles_add128` is allowed in U Ry Rt T, not in CQ / CRy / CRt (ic-reference.md §1.2): no cycles in a query graph.
  const cycles = [
    { name: 'in the composite query', method: 'cycles_direct', mode: 'composite query' },
    { name: 'in its reply callback', method: 'relay_cycles', mode: 'composite reply callback' },
  ];
  it.each(cycles)('attaching cycles $name traps with IC0504', async ({ method, mode }) => {
    const report = await runInline({ canisters: relays(2), steps: [query('c0', method, hopsArg([{ to: 1, method: 'leaf' }]))] });
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0504' });
    expect(report.steps[0].rejectMessage).toContain(`cannot be executed in ${mode} mode`);
  });
});

describe('[engine/compositeQuery] state (ic-reference.md §3.2 "discarded", §3.5)', () => {
  it("discards the callee's changes: each call, and each later query, sees the committed state", async () => {
    const incr = hopsArg([{ to: 1, method: 'incr' }]);
    const report = await runInline({
      canisters: relays(2),
      steps: [query('c0', 'relay', incr), query('c0', 'relay', incr), query('c1', 'count', { hex: '' })],
    });
    for (const step of report.steps.slice(0, 2)) {
      const result = outcome(step);
      expect(result.type === 'reply' && result.rest.readBigInt64LE(0)).toBe(1n);
    }
    expect(Buffer.from(report.steps[2].reply!, 'hex').readBigInt64LE(0)).toBe(0n);
  });

  it("keeps the caller's own change for its callback (one call context), then discards it", async () => {
    const report = await runInline({
      canisters: relays(2),
      steps: [query('c0', 'bump_relay', hopsArg([{ to: 1, method: 'leaf' }])), query('c0', 'count', { hex: '' })],
    });
    const reply = Buffer.from(report.steps[0].reply!, 'hex');
    expect(reply.readBigInt64LE(0)).toBe(1n);
    expect(reply.subarray(8).toString()).toBe('L');
    expect(Buffer.from(report.steps[1].reply!, 'hex').readBigInt64LE(0)).toBe(0n);
  });

  it('a trapping callback runs its cleanup (composite cleanup) and the query fails with the trap', async () => {
    const report = await runInline({ canisters: relays(2), steps: [query('c0', 'relay_trap', hopsArg([{ to: 1, method: 'leaf' }]))] });
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    expect(report.steps[0].rejectMessage).toContain('callback trapped');
    expect(events(report, 'execution').map((e) => e.context)).toContain('composite_cleanup');
    // It ran, but what it printed is not kept: logs are not collected in non-replicated modes, CC included (SPEC-MC
    // `fetch_canister_logs`, ic-reference.md §12).
    expect(report.logs.map((l) => l.text)).not.toContain('cleanup ran');
  });
});

describe('[engine/compositeQuery] unchanged behaviour', () => {
  it('a composite query called in replicated mode fails with IC0527 (ic-reference.md §2.2)', async () => {
    const report = await runInline({ canisters: relays(2), steps: [{ call: { to: 'c0', method: 'relay', arg: hopsArg([{ to: 1, method: 'leaf' }]), wait: true } }] });
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0527' });
  });

  it('a composite query that neither replies nor calls gets IC0506, as before, and no nested event', async () => {
    const report = await runInline({ canisters: relays(1), steps: [query('c0', 'silent', { hex: '' })] });
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0506' });
    expect(report.steps[0].rejectMessage).toContain('did not reply');
    expect(events(report, 'query_executed')).toHaveLength(1);
    expect(Object.keys(events(report, 'query_executed')[0])).toEqual(['round', 'kind', 'canister', 'method', 'caller', 'response']);
  });
});

describe('[engine/compositeQuery] Motoko (ic-reference.md §3.2)', () => {
  it('a `composite query` awaits another actor\'s `query`; its changes are discarded; an update method is refused', async () => {
    const NONE = candidArg();
    const report = await runMotoko({
      canisters: [
        { name: 'caller', source: motokoSource('CompositeCaller.mo') },
        { name: 'callee', source: motokoSource('QueryCallee.mo') },
      ],
      steps: [
        { query: { to: 'caller', method: 'sumOfPeeks', arg: NONE } },
        { query: { to: 'callee', method: 'peek', arg: NONE } },
        { query: { to: 'caller', method: 'callUpdate', arg: NONE } },
      ],
    });
    // Each `peek` bumps 41 to 42 and returns it; the bump is discarded, so both calls (and a later query) see 41.
    expect(candidValue(report.steps[0], IDL.Nat)).toBe(84n);
    expect(candidValue(report.steps[1], IDL.Nat)).toBe(42n);
    expect(candidValue(report.steps[2], IDL.Text)).toBe('caught #canister_error');
    expect(nested(report).map((e) => e.method)).toEqual(['peek', 'peek', 'bump']);
  }, 120_000);
});
