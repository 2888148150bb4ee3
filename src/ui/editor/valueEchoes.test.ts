import { describe, expect, it } from 'vitest';
import { ValueEchoes } from './valueEchoes.ts';

describe('value echoes', () => {
  it('does not write back the text the editor already has', () => {
    const echoes = new ValueEchoes();
    echoes.reported('ab');
    expect(echoes.mustApply('ab', 'ab')).toBe(false);
  });

  it('ignores a late render of a text the editor has moved past', () => {
    const echoes = new ValueEchoes();
    echoes.reported('a');
    echoes.reported('ab');
    expect(echoes.mustApply('a', 'ab')).toBe(false);
    expect(echoes.mustApply('ab', 'ab')).toBe(false);
  });

  it('ignores a late render after an edit was undone before the parent rendered it', () => {
    const echoes = new ValueEchoes();
    echoes.reported('xa');
    echoes.reported('x');
    expect(echoes.mustApply('xa', 'x')).toBe(false);
    expect(echoes.mustApply('x', 'x')).toBe(false);
  });

  it('applies a change from outside', () => {
    const echoes = new ValueEchoes();
    expect(echoes.mustApply('(module)', '')).toBe(true);
  });

  it('applies a change from outside arriving while edits are unconfirmed, and forgets them', () => {
    const echoes = new ValueEchoes();
    echoes.reported('a');
    expect(echoes.mustApply('template', 'a')).toBe(true);
    expect(echoes.mustApply('a', 'template')).toBe(true);
  });

  it('a parent that refuses an edit gets its value back', () => {
    const echoes = new ValueEchoes();
    echoes.reported('typed');
    expect(echoes.mustApply('original', 'typed')).toBe(true);
  });

  it('forgets the oldest reports beyond a bound', () => {
    const echoes = new ValueEchoes();
    for (let i = 0; i < 100; i++) echoes.reported(`v${i}`);
    expect(echoes.mustApply('v0', 'v99')).toBe(true);
  });
});
