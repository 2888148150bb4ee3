/**
 * [cli/fuzz] Whatever the input — mutated scenario JSON, broken WAT, random Wasm bytes — the runner answers exit 0
 * (it ran) or 2 (unusable input, one message, nothing on stdout), never 1 (a runner bug).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.ts';

const BASE = JSON.parse(readFileSync(new URL('../../examples/trap-rollback.json', import.meta.url), 'utf8'));
BASE.canisters[0].source = { wat: readFileSync(new URL('../../examples/trap-rollback.wat', import.meta.url), 'utf8') };

async function run(stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readStdin: () => stdin, readFile: () => { throw new Error('none'); } };
  return { code: await main(['run', '-'], io), stdout, stderr };
}

function expectContract({ code, stdout, stderr }: { code: number; stdout: string; stderr: string }): void {
  expect([0, 2]).toContain(code);
  if (code === 2) {
    expect(stdout).toBe('');
    expect(stderr.trim().length).toBeGreaterThan(0);
  } else {
    expect(JSON.parse(stdout).format).toBe('canister-playground/report@1');
  }
}

/** Replaces the value at a random path of a JSON value with a random JSON value. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  if (entries.length === 0) return replacement;
  const [key, child] = entries[path[0] % entries.length];
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
  copy[key] = mutate(child, path.slice(1), replacement);
  return copy;
}

describe('[cli/fuzz] exit codes', () => {
  it('mutated scenario JSON', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), async (path, replacement) => {
      expectContract(await run(JSON.stringify(mutate(BASE, path, replacement))));
    }), { numRuns: 150, seed: 5 });
  });

  it('truncated and garbled text', async () => {
    const text = JSON.stringify(BASE);
    await fc.assert(fc.asyncProperty(fc.nat({ max: text.length }), fc.string({ maxLength: 8 }), async (cut, junk) => {
      expectContract(await run(text.slice(0, cut) + junk + text.slice(cut + junk.length)));
    }), { numRuns: 150, seed: 6 });
  });

  it('random Wasm bytes and mutated WAT as canister sources', async () => {
    const wat = BASE.canisters[0].source.wat as string;
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.nat({ max: wat.length }), fc.string({ maxLength: 4 }), async (bytes, at, junk) => {
      const wasm = Buffer.concat([Buffer.from('0061736d01000000', 'hex'), Buffer.from(bytes)]).toString('base64');
      expectContract(await run(JSON.stringify({ ...BASE, canisters: [{ name: 'x', source: { wasm } }], steps: [] })));
      const mutated = wat.slice(0, at) + junk + wat.slice(at + junk.length);
      expectContract(await run(JSON.stringify({ ...BASE, canisters: [{ ...BASE.canisters[0], source: { wat: mutated } }] })));
    }), { numRuns: 100, seed: 7 });
  });
});
