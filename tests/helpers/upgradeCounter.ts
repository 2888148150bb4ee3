/**
 * A counter for install and upgrade tests, in readable WAT: `UPGRADE_COUNTER_V1` is 10 after init, `inc` adds one,
 * `get` reads it, and `canister_pre_upgrade` saves it at stable offset 0; `UPGRADE_COUNTER_V2`'s post_upgrade reads
 * what stable memory kept and multiplies it by 100, so a test sees the upgrade carried the count across.
 */
import { canister } from './prelude.ts';

export const UPGRADE_COUNTER_V1 = canister(`
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_init") (global.set $n (i64.const 10)))
  (func (export "canister_update inc") (global.set $n (i64.add (global.get $n) (i64.const 1))) (call $reply_i64 (global.get $n)))
  (func (export "canister_query get") (call $reply_i64 (global.get $n)))
  (func (export "canister_pre_upgrade")
    (drop (call $stable64_grow (i64.const 1)))
    (i64.store (i32.const 0) (global.get $n))
    (call $stable64_write (i64.const 0) (i64.const 0) (i64.const 8)))`);

export const UPGRADE_COUNTER_V2 = canister(`
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_post_upgrade")
    (call $stable64_read (i64.const 0) (i64.const 0) (i64.const 8))
    (global.set $n (i64.mul (i64.load (i32.const 0)) (i64.const 100))))
  (func (export "canister_query get") (call $reply_i64 (global.get $n)))`);
