import { describe, expect, it } from 'vitest';
import { envVarsToText, parseEnvVarsText } from './envVarsText.ts';

describe('[ui/envVarsText]', () => {
  it.each([
    { text: '', parsed: { ok: true, vars: {} } },
    { text: 'MODE=prod\nREGION=eu', parsed: { ok: true, vars: { MODE: 'prod', REGION: 'eu' } } },
    { text: '\n KEY = a=b \n\n', parsed: { ok: true, vars: { KEY: ' a=b ' } } },
    { text: 'EMPTY=', parsed: { ok: true, vars: { EMPTY: '' } } },
    { text: 'MODE=prod\njust text', parsed: { ok: false, error: 'line 2: write NAME=value' } },
    { text: '=value', parsed: { ok: false, error: 'line 1: write NAME=value' } },
    { text: 'A=1\nA=2', parsed: { ok: false, error: 'line 2: A is set twice' } },
  ])('$text', ({ text, parsed }) => {
    expect(parseEnvVarsText(text)).toEqual(parsed);
  });

  it('writes what it reads back', () => {
    const vars: [string, string][] = [['MODE', 'prod'], ['URL', 'https://x?a=1']];
    const parsed = parseEnvVarsText(envVarsToText(vars));
    expect(parsed).toEqual({ ok: true, vars: Object.fromEntries(vars) });
  });
});
