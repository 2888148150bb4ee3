import type { HostEnv } from '../hostEnv.ts';

/** One `ic0` function's behaviour; the fixed overhead and the context check are applied around it. */
// i32 arguments arrive as JS numbers (signed), i64 as bigint (the JS-API's BigInt integration).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Ic0Handler = (env: HostEnv, ...args: any[]) => number | bigint | void;
export type Ic0HandlerTable = Readonly<Record<string, Ic0Handler>>;
