import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment } from './shareLink.ts';
import { parseScenario } from './parseScenario.ts';

const example = parseScenario(readFileSync(new URL('../../examples/trap-rollback.json', import.meta.url), 'utf8').replace(
  '{ "path": "trap-rollback.wat" }', JSON.stringify({ wat: readFileSync(new URL('../../examples/trap-rollback.wat', import.meta.url), 'utf8') }),
));

describe('[scenario/shareLink]', () => {
  it('round-trips a scenario to an identical one', () => {
    if (!example.ok) throw new Error(example.error);
    const fragment = encodeShareFragment(example.scenario);
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(decodeShareFragment(`#${fragment}`)).toEqual({ ok: true, scenario: example.scenario, round: 0 });
  });

  it.each([
    ['a link with the playhead at round 12', 12, /^s=[A-Za-z0-9_-]+&r=12$/, 12],
    ['a link at round 0 says nothing of it', 0, /^s=[A-Za-z0-9_-]+$/, 0],
  ])('%s opens there', (_name, round, shape, expected) => {
    if (!example.ok) throw new Error(example.error);
    const fragment = encodeShareFragment(example.scenario, round);
    expect(fragment).toMatch(shape);
    expect(decodeShareFragment(`#${fragment}`)).toMatchObject({ ok: true, round: expected });
  });

  it('ignores parameters it does not know, and a round that is not a number', () => {
    if (!example.ok) throw new Error(example.error);
    const fragment = encodeShareFragment(example.scenario);
    expect(decodeShareFragment(`#${fragment}&v=2&r=abc`)).toMatchObject({ ok: true, round: 0 });
    expect(decodeShareFragment(`#${fragment}&v=2&r=7`)).toMatchObject({ ok: true, round: 7 });
  });

  const bad = [
    { name: 'empty', fragment: '' },
    { name: 'not a scenario link', fragment: '#x=1' },
    { name: 'not base64url', fragment: '#s=***' },
    { name: 'not deflate', fragment: '#s=AAAA' },
    { name: 'deflated garbage JSON', fragment: `#s=${Buffer.from(deflateSync(Buffer.from('{nope'))).toString('base64url')}` },
  ];
  it.each(bad)('$name gives a clear error', ({ fragment }) => {
    const result = decodeShareFragment(fragment);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
  });

  it('never throws on random fragments', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const result = decodeShareFragment(`#s=${text}`);
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 500, seed: 7 });
  });
});
