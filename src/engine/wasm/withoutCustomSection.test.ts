import { describe, expect, it } from 'vitest';
import { withoutCustomSection } from './withoutCustomSection.ts';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const custom = (name: string, ...payload: number[]) => {
  const body = [name.length, ...new TextEncoder().encode(name), ...payload];
  return [0x00, body.length, ...body];
};
const TYPE_SECTION = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00];
const module = (...sections: number[][]) => Uint8Array.from([...HEADER, ...sections.flat()]);

describe('[wasm/withoutCustomSection]', () => {
  it.each([
    ['drops every section of that name', module(custom('name', 1), TYPE_SECTION, custom('name', 2)), module(TYPE_SECTION)],
    ['keeps sections of other names in order', module(custom('a', 1), custom('name'), TYPE_SECTION, custom('b')), module(custom('a', 1), TYPE_SECTION, custom('b'))],
    ['keeps a module without one', module(TYPE_SECTION, custom('names', 3)), module(TYPE_SECTION, custom('names', 3))],
    ['keeps a truncated module as it is', Uint8Array.from([...HEADER, 0x00, 0x09, 0x04]), Uint8Array.from([...HEADER, 0x00, 0x09, 0x04])],
  ])('%s', (_, input, expected) => {
    expect(withoutCustomSection(input, 'name')).toEqual(expected);
  });

  it('returns the same bytes when nothing is dropped', () => {
    const input = module(TYPE_SECTION);
    expect(withoutCustomSection(input, 'name')).toBe(input);
  });
});
