import { Principal } from '@dfinity/principal';

/** The management canister `aaaaa-aa`: the empty principal (ic-reference.md §9). */
export const MANAGEMENT_CANISTER_ID: Principal = Principal.fromUint8Array(new Uint8Array(0));
