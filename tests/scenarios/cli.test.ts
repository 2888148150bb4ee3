/**
 * [cli] The headless runner's contract (SCENARIO.md): report on stdout and exit 0; unusable input exits 2
 * with one message naming the place and nothing on stdout. One run goes through the real `bin` entry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, runInMemory } from '../cli/runnerFixtures.ts';

const runCli = (stdin: string) => runInMemory(['run', '-'], stdin);

const scenario = (extra: object) => JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [], steps: [], ...extra });

describe('[cli] exit codes and messages', () => {
  const cases = [
    { name: 'not JSON', input: '{ nope', message: /JSON/ },
    { name: 'wrong format', input: JSON.stringify({ format: 'x' }), message: /format/ },
    {
      name: 'a WAT error names the canister and line:column',
      input: scenario({ canisters: [{ name: 'broken', source: { wat: '(module\n  (func $f (result i32)\n    (i32.add)))' } }] }),
      message: /^canister "broken": 3:\d+: /,
    },
    {
      name: 'an unknown import names it',
      input: scenario({ canisters: [{ name: 'bad', source: { wat: '(module (import "ic0" "msg_foo" (func)))' } }] }),
      message: /canister "bad": .*msg_foo/,
    },
    {
      name: 'a path source cannot be read from stdin',
      input: scenario({ canisters: [{ name: 'p', source: { path: 'missing.wat' } }] }),
      message: /canister "p": cannot read source file "missing.wat"/,
    },
  ];
  it.each(cases)('$name → exit 2', async ({ input, message }) => {
    const { code, stdout, stderr } = await runCli(input);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a scenario whose calls trap and reject still exits 0', async () => {
    const wat = '(module (func (export "canister_update f") unreachable))';
    const { code, stdout } = await runCli(scenario({ canisters: [{ name: 'c', source: { wat } }], steps: [{ call: { to: 'c', method: 'f' } }] }));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
  });

  it('usage errors exit 2', async () => {
    expect((await runInMemory(['walk'])).code).toBe(2);
  });
});

describe('[cli] the npx entry', () => {
  it('runs an example from the repository root', () => {
    const out = execFileSync('node', ['bin/canister-playground.mjs', 'run', 'examples/counter.json'], { cwd: ROOT, encoding: 'utf8' });
    const report = JSON.parse(out);
    expect(report.steps.at(-1)).toMatchObject({ kind: 'query', status: 'replied', reply: '0300000000000000' });
  });

  it('exits 2 on bad input from stdin', () => {
    const run = spawnSync('node', ['bin/canister-playground.mjs', 'run', '-'], { cwd: ROOT, input: '[]', encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });
});
