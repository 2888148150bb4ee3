/**
 * [engine/environment-variables] `environment_variables` in the settings and `ic0.env_var_*` (ic-reference.md §1.2,
 * §4.1, §6.3, §12): set at creation or with update_settings, read by index in sorted name order and by name.
 */
import { describe, expect, it } from 'vitest';
import { HELPERS, IMPORTS } from '../helpers/prelude.ts';
import { runInline, tryRunInline } from '../helpers/runInline.ts';
import type { StepReport } from '../../src/scenario/reportTypes.ts';

/** `count` replies env_var_count; `first` the name at index 0; `value` the value of the name in its argument. */
const READER = `(module ${IMPORTS}
  (import "ic0" "env_var_count" (func $count (result i32)))
  (import "ic0" "env_var_name_size" (func $name_size (param i32) (result i32)))
  (import "ic0" "env_var_name_copy" (func $name_copy (param i32 i32 i32 i32)))
  (import "ic0" "env_var_value_size" (func $value_size (param i32 i32) (result i32)))
  (import "ic0" "env_var_value_copy" (func $value_copy (param i32 i32 i32 i32 i32)))
  (memory 1) ${HELPERS}
  (func (export "canister_query count") (call $reply_i32 (call $count)))
  (func (export "canister_query first")
    (call $name_copy (i32.const 0) (i32.const 100) (i32.const 0) (call $name_size (i32.const 0)))
    (call $msg_reply_data_append (i32.const 100) (call $name_size (i32.const 0)))
    (call $msg_reply))
  (func (export "canister_query value")
    (call $msg_arg_data_copy (i32.const 100) (i32.const 0) (call $msg_arg_data_size))
    (call $value_copy (i32.const 100) (call $msg_arg_data_size) (i32.const 400) (i32.const 0)
      (call $value_size (i32.const 100) (call $msg_arg_data_size)))
    (call $msg_reply_data_append (i32.const 400) (call $value_size (i32.const 100) (call $msg_arg_data_size)))
    (call $msg_reply)))`;

const text = (step: StepReport) => Buffer.from(step.reply ?? '', 'hex').toString();
const int = (step: StepReport) => Buffer.from(step.reply ?? '', 'hex').readBigUInt64LE(0);

function reader(steps: unknown[], environmentVariables: Record<string, string> = { REGION: 'eu', MODE: 'test' }) {
  return { subnet: { preset: 'classroom' }, canisters: [{ name: 'c', source: { wat: READER }, settings: { environmentVariables } }], steps };
}

describe('[engine/environment-variables]', () => {
  it('are set at creation, indexed in sorted name order and looked up by name', async () => {
    const report = await runInline(reader([
      { query: { to: 'c', method: 'count' } },
      { query: { to: 'c', method: 'first' } },
      { query: { to: 'c', method: 'value', arg: { text: 'REGION' } } },
    ]));
    expect(int(report.steps[0])).toBe(2n);
    expect(text(report.steps[1])).toBe('MODE'); // "MODE" < "REGION", whatever order they were given in
    expect(text(report.steps[2])).toBe('eu');
  });

  it('are replaced as a whole by update_settings', async () => {
    const report = await runInline(reader([
      { manage: { method: 'update_settings', canister: 'c', settings: { environmentVariables: { API: 'v2' } }, wait: true } },
      { query: { to: 'c', method: 'count' } },
      { query: { to: 'c', method: 'value', arg: { text: 'API' } } },
    ]));
    expect(report.steps[0].status).toBe('replied');
    expect(int(report.steps[1])).toBe(1n);
    expect(text(report.steps[2])).toBe('v2');
  });

  it('an unknown name traps the lookup (SPEC-CI)', async () => {
    const report = await runInline(reader([{ query: { to: 'c', method: 'value', arg: { text: 'NOPE' } } }]));
    expect(report.steps[0].status).toBe('rejected');
  });

  it.each([
    { name: 'more than 20 of them', vars: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`V${i}`, 'x'])) },
    { name: 'a value over 128 bytes', vars: { LONG: 'é'.repeat(65) } },
  ])('are refused when the scenario gives $name (ic-reference.md §6.3), naming the place', async ({ vars }) => {
    const result = await tryRunInline(reader([], vars));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/canister "c": settings\.environmentVariables must be an object of at most 20 names to values, each at most 128 bytes/);
  });

  it('the bounds are inclusive: 20 variables with 128-byte values are taken', async () => {
    const vars = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`NAME_${i}`, 'v'.repeat(128)]));
    const report = await runInline(reader([
      { manage: { method: 'update_settings', canister: 'c', settings: { environmentVariables: vars }, wait: true } },
      { query: { to: 'c', method: 'count' } },
    ]));
    expect(report.steps[0].status).toBe('replied');
    expect(int(report.steps[1])).toBe(20n);
  });
});
