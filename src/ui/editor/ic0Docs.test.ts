import { describe, expect, it } from 'vitest';
import { IC0_SIGNATURES } from '../../engine/index.ts';
import { DOCUMENTED_IC0_NAMES, ENTRY_POINTS, IC0_NAMES, describeContexts, entryPointDoc, ic0Doc, ic0ImportText } from './ic0Docs.ts';

const sentences = (text: string): number => text.split(/(?<=[.!?])\s+(?=[A-Z`])/).length;

describe('ic0 documentation', () => {
  it.each(Object.keys(IC0_SIGNATURES))('documents %s in one or two sentences, with where it may be called', (name) => {
    const doc = ic0Doc(name);
    expect(doc?.description).toMatch(/\S/);
    expect(sentences(doc!.description)).toBeLessThanOrEqual(2);
    expect(doc!.allowedIn).toMatch(/\S/);
  });

  it('documents nothing the engine does not have', () => {
    expect([...DOCUMENTED_IC0_NAMES].sort()).toEqual(Object.keys(IC0_SIGNATURES).sort());
    expect(IC0_NAMES).toEqual(Object.keys(IC0_SIGNATURES));
  });

  it.each([
    ['msg_reply', '(func $msg_reply)'],
    ['msg_arg_data_size', '(func $msg_arg_data_size (result i32))'],
    ['msg_reply_data_append', '(func $msg_reply_data_append (param i32 i32))'],
    ['call_new', '(func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32))'],
    ['stable64_grow', '(func $stable64_grow (param i64) (result i64))'],
    ['msg_cycles_accept128', '(func $msg_cycles_accept128 (param i64 i64 i32))'],
    ['cost_sign_with_ecdsa', '(func $cost_sign_with_ecdsa (param i32 i32 i32 i32) (result i32))'],
  ])('gives %s the wasm32 type %s', (name, funcType) => {
    expect(ic0Doc(name)?.funcType).toBe(funcType);
    expect(ic0ImportText(name)).toBe(`(import "ic0" "${name}" ${funcType})`);
  });

  it('knows no other names', () => {
    expect(ic0Doc('nope')).toBeUndefined();
    expect(ic0Doc('toString')).toBeUndefined();
    expect(ic0ImportText('constructor')).toBeUndefined();
  });

  it('flags wasm32-only, deprecated and replica-only imports', () => {
    expect(ic0Doc('stable_grow')).toMatchObject({ wasm32Only: true, deprecated: true });
    expect(ic0Doc('msg_cycles_available')).toMatchObject({ wasm32Only: true, deprecated: false });
    expect(ic0Doc('mint_cycles128')).toMatchObject({ replicaOnly: true });
    expect(ic0Doc('stable64_grow')).toMatchObject({ wasm32Only: false, deprecated: false, replicaOnly: false });
  });
});

describe('context letters in words', () => {
  it.each([
    ['*', 'everywhere except the Wasm (start) function'],
    ['* s', 'everywhere, including the Wasm (start) function'],
    ['F', 'canister_inspect_message'],
    ['Ry Rt', 'reply callbacks, reject callbacks'],
    ['U Ry Rt T', 'update methods, reply callbacks, reject callbacks, system tasks (heartbeat, global timer, low Wasm memory)'],
    ['NRQ CQ', 'queries (non-replicated), composite queries'],
  ])('%s', (letters, words) => {
    expect(describeContexts(letters)).toBe(words);
  });

  it('expands every letter the engine uses', () => {
    for (const { allowed } of Object.values(IC0_SIGNATURES)) expect(() => describeContexts(allowed)).not.toThrow();
  });

  it('refuses an unknown letter', () => {
    expect(() => describeContexts('U X')).toThrow(/unknown context letter "X"/);
  });
});

describe('entry points', () => {
  it('documents the ten entry points of ic-reference.md §2.2', () => {
    expect(ENTRY_POINTS.map((e) => e.name)).toEqual([
      'canister_init', 'canister_pre_upgrade', 'canister_post_upgrade', 'canister_update', 'canister_query',
      'canister_composite_query', 'canister_inspect_message', 'canister_heartbeat', 'canister_global_timer',
      'canister_on_low_wasm_memory',
    ]);
    for (const doc of ENTRY_POINTS) expect(sentences(doc.description)).toBeLessThanOrEqual(2);
  });

  it.each([
    ['canister_init', 'canister_init'],
    ['canister_update inc', 'canister_update'],
    ['canister_query get', 'canister_query'],
    ['canister_composite_query q', 'canister_composite_query'],
    ['canister_update', undefined],
    ['canister_init x', undefined],
    ['canister_start', undefined],
    ['inc', undefined],
  ])('%s is %s', (exportName, entryPoint) => {
    expect(entryPointDoc(exportName)?.name).toBe(entryPoint);
  });
});
