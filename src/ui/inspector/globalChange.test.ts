import { describe, expect, it } from 'vitest';
import type { GlobalView } from '../../worker/protocol.ts';
import { globalChange } from './globalChange.ts';

describe('[ui/inspector] globalChange', () => {
  it.each<[string, GlobalView['type'], string, string, string | null]>([
    ['unchanged', 'i64', '3', '3', null],
    ['an increment', 'i64', '3', '2', '+1 this round'],
    ['a decrease, with a minus sign', 'i32', '-5', '5', '−10 this round'],
    ['i64 beyond 2^53, exactly', 'i64', '9007199254740993', '9007199254740992', '+1 this round'],
    ['an i32 that wrapped round reads as the +1 that did it', 'i32', '-2147483648', '2147483647', '+1 this round'],
    ['an i64 that wrapped round', 'i64', '9223372036854775807', '-9223372036854775808', '−1 this round'],
    ['large, grouped', 'i64', '1000000', '0', '+1,000,000 this round'],
    ['a float', 'f64', '0.75', '0.5', 'changed this round'],
    ['a float NaN that stayed NaN', 'f32', 'NaN', 'NaN', null],
  ])('%s', (_, type, value, atRoundStart, marker) => {
    expect(globalChange({ name: 'g', type, value, atRoundStart })).toBe(marker);
  });
});
