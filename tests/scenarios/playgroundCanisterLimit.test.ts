/**
 * [engine/limits] The playground's own canister limit (`maxCanisters`, docs/SCENARIO-EXTENSIONS.md "The playground's
 * own resource limits"): thousands of canisters exhausted the JavaScript heap (issue 17, finding 10); past the limit
 * `create_canister` is rejected as the replica rejects at its subnet's `max_number_of_canisters` (IC0102, reject
 * code 1), saying it is the playground's limit, and a scenario declaring more canisters is refused when loaded.
 * A small override keeps the test quick.
 */
import { describe, expect, it } from 'vitest';
import { ManagementCandid } from '../../src/engine/index.ts';
import { candid, PROXY_WAT, proxyArg, proxyOutcome } from '../helpers/proxyCanister.ts';
import { canister } from '../helpers/prelude.ts';
import { runInline, tryRunInline } from '../helpers/runInline.ts';

const createArgs = candid([ManagementCandid.CreateCanisterArgs], [{ settings: [], sender_canister_version: [] }]);
const CYCLES = 1_000_000_000_000n;

function proxyScenario(maxCanisters: string) {
  return {
    subnet: { params: { maxCanisters } },
    canisters: [
      { name: 'proxy', source: { wat: PROXY_WAT } },
      { name: 'other', source: { wat: canister('') }, controllers: ['proxy'] },
    ],
    steps: [
      { call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', 'create_canister', CYCLES, createArgs) }, wait: true } },
      { call: { to: 'proxy', method: 'call', arg: { hex: proxyArg('aaaaa-aa', 'raw_rand', 0n, candid([], [])) }, wait: true } },
    ],
  };
}

describe('[engine/limits] maxCanisters, the playground\'s canister limit (issue 17, finding 10)', () => {
  it('create_canister beyond the limit is rejected with IC0102 as the playground\'s limit; the cycles come back; the subnet goes on', async () => {
    const report = await runInline(proxyScenario('2'));
    const outcome = proxyOutcome(report.steps[0].reply!);
    expect(outcome).toMatchObject({ type: 'reject', code: 1 });
    const message = outcome.type === 'reject' ? outcome.message : '';
    expect(message).toContain('allowed canister limit of 2 canisters');
    expect(message).toContain('a limit of the playground');
    expect(message).toContain('subnet.params.maxCanisters');
    const answer = report.events.find((e) => e.kind === 'response_sent' && e.from === 'aaaaa-aa')!;
    expect(answer).toMatchObject({ refund: String(CYCLES), response: expect.objectContaining({ rejectCode: 1, errorCode: 'IC0102' }) });
    expect(report.events.filter((e) => e.kind === 'playground_limit')).toEqual([
      expect.objectContaining({ parameter: 'maxCanisters', limit: '2', inUse: '2', requested: '1', refused: 'create_canister', canister: null }),
    ]);
    expect(report.events.filter((e) => e.kind === 'canister_created')).toHaveLength(2);
    // A later call succeeds.
    expect(proxyOutcome(report.steps[1].reply!).type).toBe('reply');
  });

  it('within the limit create_canister creates the canister', async () => {
    const report = await runInline(proxyScenario('3'));
    expect(proxyOutcome(report.steps[0].reply!).type).toBe('reply');
    expect(report.events.filter((e) => e.kind === 'canister_created')).toHaveLength(3);
    expect(report.events.filter((e) => e.kind === 'playground_limit')).toEqual([]);
  });

  it.each([
    { maxCanisters: '2', declared: 3, error: 'canisters: the scenario declares 3 canisters, more than the playground\'s limit maxCanisters = 2' },
    { maxCanisters: '0', declared: 1, error: 'canisters: the scenario declares 1 canisters, more than the playground\'s limit maxCanisters = 0' },
  ])('a scenario declaring $declared canisters with maxCanisters $maxCanisters is refused when loaded', async ({ maxCanisters, declared, error }) => {
    const result = await tryRunInline({
      subnet: { params: { maxCanisters } },
      canisters: Array.from({ length: declared }, (_, i) => ({ name: `c${i}`, source: { wat: canister('') } })),
      steps: [],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
    expect(!result.ok && result.error).toContain('not of the Internet Computer');
  });

  it('as many canisters as the limit are set up', async () => {
    const result = await tryRunInline({
      subnet: { params: { maxCanisters: '2' } },
      canisters: [{ name: 'a', source: { wat: canister('') } }, { name: 'b', source: { wat: canister('') } }],
      steps: [],
    });
    expect(result.ok).toBe(true);
  });
});
