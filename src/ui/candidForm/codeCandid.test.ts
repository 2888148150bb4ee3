import { describe, expect, it } from 'vitest';
import { initWat, compileWat } from '../../engine/index.ts';
import { encodeBase64 } from '../../scenario/encodeBase64.ts';
import { codeCandid } from './codeCandid.ts';

const SERVICE = 'type T = record { a : text };\nservice : (T) -> { "go" : () -> () }';
const watString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

describe('[candidForm/codeCandid]', () => {
  it.each([
    ['a public annotation', `(module (@custom "icp:public candid:service" ${watString(SERVICE)}))`, { service: SERVICE, args: null }],
    ['private, with args, hex and unicode escapes', `(module (@custom "icp:private candid:service" "service : \\7b\\u{7d}") (@custom "icp:public candid:args" "(nat)"))`,
      { service: 'service : {}', args: '(nat)' }],
    ['a placement and a string in pieces', `(module (@custom "icp:public candid:service" (after code) "service " ": {}"))`, { service: 'service : {}', args: null }],
    ['none', '(module)', null],
  ])('WAT: %s', async (_name, wat, expected) => {
    expect(codeCandid({ wat })).toEqual(expected);
    // What the compiler makes of it agrees.
    await initWat();
    const compiled = compileWat(wat);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect(codeCandid({ wasm: encodeBase64(compiled.wasm) })).toEqual(expected);
  });

  it('a service text of 300,000 bytes (a megabyte of WAT would overflow the stack if spread into an array)', () => {
    const service = `service : { ${'a'.repeat(300_000)} : () -> () }`;
    expect(codeCandid({ wat: `(module (@custom "icp:public candid:service" ${watString(service)}))` })).toEqual({ service, args: null });
  });
});
