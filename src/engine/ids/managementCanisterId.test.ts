import { describe, expect, it } from 'vitest';
import { MANAGEMENT_CANISTER_ID } from './managementCanisterId.ts';

describe('MANAGEMENT_CANISTER_ID', () => {
  it('is the empty principal aaaaa-aa', () => {
    expect(MANAGEMENT_CANISTER_ID.toText()).toBe('aaaaa-aa');
    expect(MANAGEMENT_CANISTER_ID.toUint8Array().length).toBe(0);
  });
});
