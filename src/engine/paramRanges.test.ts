import { describe, expect, it } from 'vitest';
import { createSubnetConfig, IC_PARAMS, type ParamName } from './params.ts';
import { checkParams, PARAM_RANGES } from './paramRanges.ts';

const NAMES = Object.keys(IC_PARAMS) as ParamName[];

describe('PARAM_RANGES', () => {
  it('gives every parameter a range that holds its default under both presets', () => {
    expect(NAMES.filter((name) => !PARAM_RANGES[name])).toEqual([]);
    for (const preset of ['ic', 'classroom'] as const) {
      const made = createSubnetConfig(preset);
      expect(made.ok ? 'ok' : made.error).toBe('ok');
    }
  });

  it.each(NAMES)('%s: accepts its least and greatest value and refuses one past each', (name) => {
    const { min, max } = PARAM_RANGES[name]!;
    const at = (value: bigint) => {
      const made = createSubnetConfig('ic', 13n, { [name]: String(value) });
      return made.ok ? 'ok' : made.error;
    };
    // A bound may break a relation with another parameter at its default: only ranges are checked here.
    const inRange = (value: bigint) => checkParams({ ...IC_PARAMS, [name]: value })?.includes(`subnet.params.${name}:`) ?? false;
    expect(inRange(min)).toBe(false);
    expect(inRange(max)).toBe(false);
    expect(at(max + 1n)).toContain(`subnet.params.${name}: ${max + 1n} is out of its range, ${min} to ${max}`);
    if (min > 0n) expect(at(min - 1n)).toContain(`subnet.params.${name}: ${min - 1n} is out of its range`);
  });
});

describe('checkParams: relations', () => {
  it.each([
    ['the least log limit above the greatest', { minLogMemoryLimit: 10_000n, maxLogMemoryLimit: 5_000n }, 'minLogMemoryLimit must be at most maxLogMemoryLimit'],
    ['a default log limit below the least', { canisterLogBufferBytes: 100n }, 'canisterLogBufferBytes (the default log_memory_limit) must be 0 or between'],
    ['a 32-bit stable limit above the whole', { maxStableMemoryBytes: 1024n }, 'max32BitStableMemoryBytes must be at most maxStableMemoryBytes'],
  ])('%s', (_name, overrides, message) => {
    expect(checkParams({ ...IC_PARAMS, ...overrides })).toContain(message);
  });

  it('allows a slice at least as large as its message limit (slicing is off for it, as in the replica)', () => {
    expect(checkParams({ ...IC_PARAMS, sliceInstructions: IC_PARAMS.maxInstructionsPerMessage * 2n })).toBeUndefined();
    expect(checkParams({ ...IC_PARAMS, canisterLogBufferBytes: 0n })).toBeUndefined();
  });
});
