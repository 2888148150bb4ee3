/**
 * [scenario/shareLink] Fuzzing the share-link decoder (issue #5 "Fuzzing"): whatever the fragment — random text,
 * a valid link cut and followed by garbage, flipped compressed bytes, valid deflate of invalid JSON or of a
 * mutated scenario, a zip bomb — it answers with a scenario or a clear error message, and never throws.
 */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { deflateRawSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, MAX_SCENARIO_BYTES, type DecodeShareResult } from './shareLink.ts';
import { encodeShareFragment } from './encodeShareFragment.ts';
import { parseScenario } from './parseScenario.ts';

const example = parseScenario(readFileSync(new URL('../../examples/trap-rollback.json', import.meta.url), 'utf8').replace(
  '{ "path": "trap-rollback.wat" }', JSON.stringify({ wat: readFileSync(new URL('../../examples/trap-rollback.wat', import.meta.url), 'utf8') }),
));
if (!example.ok) throw new Error(example.error);
const VALID = encodeShareFragment(example.scenario);
const SCENARIO_JSON = JSON.stringify(example.scenario);

const link = (bytes: Uint8Array) => `#s=${Buffer.from(bytes).toString('base64url')}`;

/** A scenario, or an error a person can act on: a sentence about the link, never an exception. */
async function expectAnswer(fragment: string): Promise<DecodeShareResult> {
  let result: DecodeShareResult;
  try {
    result = await decodeShareFragment(fragment);
  } catch (error) {
    throw new Error(`the decoder threw on ${JSON.stringify(fragment.slice(0, 80))}: ${(error as Error).stack}`);
  }
  if (result.ok) expect(result.scenario.format).toBe('canister-playground/scenario@1');
  else expect(result.error).toMatch(/^This link.{10,}/s);
  return result;
}

describe('[scenario/shareLink] fuzz', () => {
  it('random text, with and without the prefix', async () => {
    const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 200 });
    const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), base64url);
    await fc.assert(fc.asyncProperty(anyText, fc.constantFrom('', '#', '#s=', 's='), async (text, prefix) => {
      await expectAnswer(prefix + text);
    }), { numRuns: 400, seed: 51 });
  });

  it('a valid link cut anywhere and followed by base64url garbage', async () => {
    await fc.assert(fc.asyncProperty(fc.nat({ max: VALID.length }), fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/), async (cut, junk) => {
      await expectAnswer(`#${VALID.slice(0, cut)}${junk}`);
    }), { numRuns: 300, seed: 52 });
  });

  it('compressed bytes flipped, inserted or deleted', async () => {
    const bytes = Buffer.from(VALID.slice(2), 'base64url');
    await fc.assert(fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.constantFrom('flip', 'insert', 'delete'), async (at, value, how) => {
      const i = at % bytes.length;
      const copy = Array.from(bytes);
      if (how === 'flip') copy[i] ^= value;
      else if (how === 'insert') copy.splice(i, 0, value);
      else copy.splice(i, 1);
      await expectAnswer(link(Uint8Array.from(copy)));
    }), { numRuns: 300, seed: 53 });
  });

  it('valid deflate of invalid JSON, of any JSON value, and of the scenario with one field replaced', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.tuple(fc.nat({ max: SCENARIO_JSON.length }), fc.string({ maxLength: 6 }))
        .map(([at, s]) => SCENARIO_JSON.slice(0, at) + s + SCENARIO_JSON.slice(at + s.length)),
    ), async (text) => {
      await expectAnswer(link(deflateSync(new TextEncoder().encode(text))));
    }), { numRuns: 300, seed: 54 });
  });

  it('bytes that are not UTF-8 give a clear error', async () => {
    const notUtf8 = link(deflateSync(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])));
    expect(await expectAnswer(notUtf8)).toEqual({ ok: false, error: expect.stringContaining('UTF-8') });
  });

  // Inflating it all would take gigabytes and far longer than the test's timeout: the refusal is the proof.
  it('a zip bomb (gigabytes from a few megabytes) is refused without inflating it', async () => {
    // Raw deflate of 1 MiB of zeros, sync-flushed: a block that only refers back one byte, so it can be repeated.
    const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
    const final = Uint8Array.from([0x03, 0x00]);
    const bomb = Buffer.concat([...Array.from({ length: 4096 }, () => block), final]);
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    const result = await expectAnswer(link(bomb));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('too large') });
  });

  it('just under the size limit still decodes; just over is too large', async () => {
    const padded = (n: number) => `${SCENARIO_JSON.slice(0, -1)},"description":"${'x'.repeat(n)}"}`;
    const fits = padded(MAX_SCENARIO_BYTES - SCENARIO_JSON.length - 20);
    expect((await expectAnswer(link(deflateSync(new TextEncoder().encode(fits))))).ok).toBe(true);
    const over = padded(MAX_SCENARIO_BYTES);
    expect(await expectAnswer(link(deflateSync(new TextEncoder().encode(over))))).toEqual({ ok: false, error: expect.stringContaining('too large') });
  });
});
