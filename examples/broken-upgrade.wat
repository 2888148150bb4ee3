;; An upgrade that fails: canister_post_upgrade traps, so the whole upgrade is rolled back and the
;; canister keeps running its previous code with its previous state.
(module
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "refusing to upgrade")
  (func (export "canister_update inc"))
  (func (export "canister_post_upgrade")
    (call $trap (i32.const 0) (i32.const 19))))
