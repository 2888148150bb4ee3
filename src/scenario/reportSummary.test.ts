import { describe, expect, it } from 'vitest';
import { reportSummary } from './reportSummary.ts';
import type { TraceReport } from './reportTypes.ts';

const canister = { id: 'rwlgt-iiaaa-aaaaa-aaaaa-cai', status: 'running', empty: false, frozen: false, cycles: '1234567', controllers: [] } as unknown as TraceReport['canisters'][string];

function report(over: Partial<TraceReport>): TraceReport {
  return {
    format: 'canister-playground/report@1', rounds: 1, idle: true, timeNs: '0', principals: {}, steps: [], canisters: {}, logs: [], events: [],
    totals: { cyclesBurned: '0', instructions: '0', executions: 0 }, ...over,
  } as TraceReport;
}

const execution = (outcome: 'ok' | 'trap', entryPoint: string) => ({ kind: 'execution', round: 1, canister: canister.id, entryPoint, outcome }) as unknown as TraceReport['events'][number];

describe('[scenario/reportSummary] a run in a few lines', () => {
  it.each<[string, Partial<TraceReport>, string[]]>([
    ['an empty run', {}, ['0 steps, 1 round; the subnet is idle at the end', 'calls from users: 0 — 0 replied, 0 rejected', 'calls between canisters: 0', 'executions: 0, 0 traps; 0 instructions', 'cycles burned: 0']],
    ['rejects grouped by error code, most frequent first; pending said', {
      rounds: 12_000, idle: false,
      steps: [
        { step: 0, kind: 'call', status: 'rejected', rejectCode: 5, errorCode: 'IC0503' },
        { step: 1, kind: 'manage', status: 'rejected', rejectCode: 4, errorCode: null },
        { step: 2, kind: 'call', status: 'rejected', rejectCode: 5, errorCode: 'IC0503' },
        { step: 3, kind: 'call', status: 'pending' },
        { step: 4, kind: 'query', status: 'replied' },
      ],
    }, ['5 steps, 12,000 rounds; the subnet still had work at the end', 'calls from users: 4 — 0 replied, 3 rejected (IC0503 ×2, reject code 4 ×1), 1 pending', 'queries: 1 — 1 replied, 0 rejected']],
    ['traps by canister and entry point; large figures grouped', {
      canisters: { counter: canister },
      events: [execution('trap', 'canister_update inc'), execution('ok', 'canister_update inc'), execution('trap', 'canister_update inc')],
      totals: { cyclesBurned: '98765432109876543210', instructions: '5400003000', executions: 3 },
    }, ['executions: 3, 2 traps (counter canister_update inc ×2); 5,400,003,000 instructions', 'cycles burned: 98,765,432,109,876,543,210', 'canisters at the end:', '  counter: running; 1,234,567 cycles']],
    ['expectations and a limit reached', {
      expectations: [{ step: 0, what: 'status', pass: true, expected: 'replied', seen: 'replied' }, { step: 0, what: 'reply', pass: false, expected: '1', seen: '2' }],
      limitReached: { limit: 'rounds', message: 'the run stopped after 1,000,000 rounds', round: 1_000_000, step: 0 },
    } as Partial<TraceReport>, ['expectations: 1 of 2 hold — 1 does not (--check lists them)', 'cut short: the run stopped after 1,000,000 rounds']],
  ])('%s', (_, over, expected) => {
    const lines = reportSummary(report(over));
    for (const line of expected) expect(lines).toContain(line);
  });
});
