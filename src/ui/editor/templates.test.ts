/**
 * The starter canisters compile with wabt, are valid canister modules, and do what their comments say (run
 * through the scenario runner, the same path as the CLI).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWat, initWat, prepareCanisterModule } from '../../engine/index.ts';
import { replyInt, runInline } from '../../../tests/helpers/runInline.ts';
import { WAT_TEMPLATES, watTemplate } from './templates.ts';

beforeAll(() => initWat());

const source = (id: string): string => watTemplate(id)!.source;

describe('starter templates', () => {
  it('has the five starters, with unique ids', () => {
    expect(WAT_TEMPLATES.map((t) => t.id)).toEqual(['counter', 'update-query', 'stable-upgrade', 'caller', 'blank']);
  });

  it('the blank module says hello', async () => {
    const report = await runInline({
      canisters: [{ name: 'b', source: { wat: source('blank') } }],
      steps: [{ call: { to: 'b', method: 'hello', wait: true } }],
    });
    expect(report.steps[0].replyText).toBe('hello');
  });

  it.each(WAT_TEMPLATES.map((t) => [t.id, t] as const))('%s compiles and is a valid canister module', (_, template) => {
    const compiled = compileWat(template.source);
    expect(compiled.ok ? [] : compiled.errors).toEqual([]);
    if (!compiled.ok) return;
    const prepared = prepareCanisterModule(compiled.wasm);
    expect(prepared.ok ? '' : prepared.error).toBe('');
  });

  it('the counter counts; its query does not', async () => {
    const report = await runInline({
      canisters: [{ name: 'c', source: { wat: source('counter') } }],
      steps: [
        { call: { to: 'c', method: 'inc', wait: true } },
        { call: { to: 'c', method: 'inc', wait: true } },
        { query: { to: 'c', method: 'get' } },
      ],
    });
    expect(report.steps.map(replyInt)).toEqual([1n, 2n, 2n]);
  });

  it('update-query stores with an update, reads with a query, and discards a query\'s change', async () => {
    const report = await runInline({
      canisters: [{ name: 'c', source: { wat: source('update-query') } }],
      steps: [
        { call: { to: 'c', method: 'set', arg: { text: 'hello' }, wait: true } },
        { query: { to: 'c', method: 'clear_in_query' } },
        { query: { to: 'c', method: 'get' } },
        { call: { to: 'c', method: 'set', arg: { hex: '00'.repeat(1025) }, wait: true } },
      ],
    });
    expect(report.steps[2].replyText).toBe('hello');
    expect(report.steps[3]).toMatchObject({ status: 'rejected', rejectCode: 4, rejectMessage: 'the value is longer than 1,024 bytes' });
  });

  it('stable-upgrade keeps the counter across an upgrade', async () => {
    const wat = source('stable-upgrade');
    const report = await runInline({
      users: ['alice'],
      canisters: [{ name: 'c', source: { wat }, controllers: ['alice'] }],
      steps: [
        { call: { to: 'c', method: 'inc', wait: true } },
        { call: { to: 'c', method: 'inc', wait: true } },
        { manage: { from: 'alice', method: 'install_code', canister: 'c', mode: 'upgrade', source: { wat }, wait: true } },
        { query: { to: 'c', method: 'get' } },
      ],
    });
    expect(report.steps[2].status).toBe('replied');
    expect(replyInt(report.steps[3])).toBe(2n);
  });

  it('caller forwards the callee\'s reply, and rejects without a callee', async () => {
    const calleeId = '00000000000000010101'; // the second canister created: the counter
    const report = await runInline({
      canisters: [
        { name: 'caller', source: { wat: source('caller') }, initArg: { hex: calleeId } },
        { name: 'callee', source: { wat: source('counter') } },
        { name: 'lonely', source: { wat: source('caller') } },
      ],
      steps: [
        { call: { to: 'caller', method: 'call_inc', wait: true } },
        { call: { to: 'caller', method: 'call_inc', wait: true } },
        { call: { to: 'lonely', method: 'call_inc', wait: true } },
      ],
    });
    expect(report.steps.slice(0, 2).map(replyInt)).toEqual([1n, 2n]);
    expect(report.steps[2]).toMatchObject({ status: 'rejected', rejectMessage: 'no callee: install with its principal as the init argument' });
  });

  it('caller passes a reject on', async () => {
    const report = await runInline({
      canisters: [
        { name: 'caller', source: { wat: source('caller') }, initArg: { hex: '00000000000000010101' } },
        { name: 'callee', source: { wat: source('update-query') } },
      ],
      steps: [{ call: { to: 'caller', method: 'call_inc', wait: true } }],
    });
    expect(report.steps[0]).toMatchObject({ status: 'rejected' });
    expect(report.steps[0].rejectMessage).toMatch(/inc/);
  });

  it('caller refuses an init argument that cannot be a principal', async () => {
    const wat = source('caller');
    const result = await runInline({
      canisters: [{ name: 'c', source: { wat } }],
      steps: [{ manage: { method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat }, arg: { hex: '00'.repeat(30) }, wait: true } }],
    }).catch((error: unknown) => error);
    // Either the runner reports the failed install as a step or refuses the scenario: both carry the trap text.
    expect(JSON.stringify(result instanceof Error ? result.message : result)).toContain('the init argument is not a principal');
  });
});
