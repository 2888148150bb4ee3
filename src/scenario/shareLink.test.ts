import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment } from './shareLink.ts';
import { encodeShareFragment } from './encodeShareFragment.ts';
import { parseScenario } from './parseScenario.ts';
import { compiledWatToJson, distinctWatSources } from './compiledWatJson.ts';
import { compileWat, initWat } from '../engine/index.ts';

const example = parseScenario(readFileSync(new URL('../../examples/trap-rollback.json', import.meta.url), 'utf8').replace(
  '{ "path": "trap-rollback.wat" }', JSON.stringify({ wat: readFileSync(new URL('../../examples/trap-rollback.wat', import.meta.url), 'utf8') }),
));

describe('[scenario/shareLink]', () => {
  it('round-trips a scenario to an identical one', async () => {
    if (!example.ok) throw new Error(example.error);
    const fragment = encodeShareFragment(example.scenario);
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeShareFragment(`#${fragment}`)).toEqual({ ok: true, scenario: example.scenario, round: 0, compiled: [] });
  });

  it.each([
    ['a link with the playhead at round 12', 12, /^s=[A-Za-z0-9_-]+&r=12$/, 12],
    ['a link at round 0 says nothing of it', 0, /^s=[A-Za-z0-9_-]+$/, 0],
  ])('%s opens there', async (_name, round, shape, expected) => {
    if (!example.ok) throw new Error(example.error);
    const fragment = encodeShareFragment(example.scenario, round);
    expect(fragment).toMatch(shape);
    expect(await decodeShareFragment(`#${fragment}`)).toMatchObject({ ok: true, round: expected });
  });

  it('ignores parameters it does not know, and a round that is not a number', async () => {
    if (!example.ok) throw new Error(example.error);
    const fragment = encodeShareFragment(example.scenario);
    expect(await decodeShareFragment(`#${fragment}&v=2&r=abc`)).toMatchObject({ ok: true, round: 0 });
    expect(await decodeShareFragment(`#${fragment}&v=2&r=7`)).toMatchObject({ ok: true, round: 7 });
  });

  it('carries the compiled modules of the WAT sources after the round, and reads them back beside their sources', async () => {
    if (!example.ok) throw new Error(example.error);
    await initWat();
    const compiled = distinctWatSources(example.scenario).map((wat) => {
      const result = compileWat(wat);
      if (!result.ok) throw new Error('the example compiles');
      return result;
    });
    const fragment = encodeShareFragment(example.scenario, 3, compiled.map(compiledWatToJson));
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+&r=3&w=[A-Za-z0-9_-]+$/);
    const decoded = await decodeShareFragment(`#${fragment}`);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.compiled.map((m) => m.wat)).toEqual(distinctWatSources(example.scenario));
    expect(decoded.compiled.map((m) => [...m.wasm])).toEqual(compiled.map((m) => [...m.wasm]));
    expect(decoded.compiled.map((m) => [...m.globalNames])).toEqual(compiled.map((m) => [...m.globalNames]));
    // Modules that cannot be read are left out, never an error: the sources compile anyway.
    for (const broken of ['w=***', `w=${Buffer.from(deflateSync(Buffer.from('[1]'))).toString('base64url')}`, `w=${Buffer.from(deflateSync(Buffer.from('{'))).toString('base64url')}`]) {
      expect(await decodeShareFragment(`#${fragment.replace(/w=.*$/, broken)}`)).toMatchObject({ ok: true, round: 3, compiled: [] });
    }
    // No module for any source: no parameter.
    expect(encodeShareFragment(example.scenario, 0, [null])).toMatch(/^s=[A-Za-z0-9_-]+$/);
  });

  const bad = [
    { name: 'empty', fragment: '' },
    { name: 'not a scenario link', fragment: '#x=1' },
    { name: 'not base64url', fragment: '#s=***' },
    { name: 'not deflate', fragment: '#s=AAAA' },
    { name: 'deflated garbage JSON', fragment: `#s=${Buffer.from(deflateSync(Buffer.from('{nope'))).toString('base64url')}` },
  ];
  it.each(bad)('$name gives a clear error', async ({ fragment }) => {
    const result = await decodeShareFragment(fragment);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
  });

  it('never throws on random fragments', async () => {
    await fc.assert(fc.asyncProperty(fc.string(), async (text) => {
      const result = await decodeShareFragment(`#s=${text}`);
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 500, seed: 7 });
  });
});
