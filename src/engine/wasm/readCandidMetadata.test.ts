import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileWat, initWat } from '../wat/compileWat.ts';
import { readCandidMetadata } from './readCandidMetadata.ts';
import { prepared, wat, withCustomSection } from './testSupport.ts';

const SERVICE = 'service : { get : () -> (nat) query }';
const utf8 = (text: string) => [...new TextEncoder().encode(text)];

describe('[wasm/readCandidMetadata]', () => {
  it.each([
    ['public service and private args', [['icp:public candid:service', SERVICE], ['icp:private candid:args', '(nat)']], { service: SERVICE, args: '(nat)' }],
    ['a private service without args', [['icp:private candid:service', SERVICE]], { service: SERVICE, args: null }],
    ['args without a service', [['icp:public candid:args', '(nat)']], null],
    ['no icp: prefix is not metadata', [['candid:service', SERVICE]], null],
    ['other metadata only', [['icp:public motoko:stable-types', 'actor {}']], null],
  ] as const)('%s', async (_name, sections, expected) => {
    let bytes = await wat('(module)');
    for (const [name, text] of sections) bytes = withCustomSection(bytes, name, utf8(text));
    expect(readCandidMetadata(bytes)).toEqual(expected);
    expect(readCandidMetadata(gzipSync(bytes))).toEqual(expected);
  });

  it('is null for bytes that are not a module, and for a truncated one', async () => {
    expect(readCandidMetadata(new TextEncoder().encode('hello'))).toBeNull();
    const bytes = withCustomSection(await wat('(module)'), 'icp:public candid:service', utf8(SERVICE));
    expect(readCandidMetadata(bytes.subarray(0, bytes.length - 3))).toBeNull();
  });

  it('a prepared module carries it, and WAT declares it with a (@custom …) annotation', async () => {
    await initWat();
    const compiled = compileWat(`(module (@custom "icp:public candid:service" "${SERVICE}"))`);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect(prepared(compiled.wasm).info.candid).toEqual({ service: SERVICE, args: null });
    expect(prepared(await wat('(module)')).info.candid).toBeNull();
  });
});
