/**
 * Generated canister sources for the compilation figures: many functions with varied bodies (arithmetic on
 * i32/i64/f64, loops over memory, branch chains, `br_table` switches, calls, bulk memory), so the instrumenter
 * meets every kind of basic block. Deterministic: the same size gives the same text.
 */

/** A small linear congruential generator: the bench must not depend on `Math.random`. */
function createRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

type BodyWriter = (name: string, random: (below: number) => number, callee: string | null) => string[];

const BODIES: readonly BodyWriter[] = [
  (name, r) => [
    `  (func ${name} (param $a i32) (param $b i32) (result i32) (local $x i64) (local $y f64)`,
    `    (local.set $x (i64.mul (i64.extend_i32_u (local.get $a)) (i64.const ${r(100_000) + 3})))`,
    `    (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const ${r(60) + 1}))))`,
    `    (local.set $y (f64.mul (f64.convert_i64_s (local.get $x)) (f64.const ${(r(1000) / 7).toFixed(3)})))`,
    `    (local.set $y (f64.add (local.get $y) (f64.sqrt (f64.abs (local.get $y)))))`,
    `    (i32.add (i32.wrap_i64 (local.get $x)) (i32.add (local.get $b) (i32.trunc_sat_f64_s (local.get $y)))))`,
  ],
  (name, r) => [
    `  (func ${name} (param $a i32) (param $b i32) (result i32) (local $i i32) (local $acc i32)`,
    `    (local.set $acc (local.get $a))`,
    `    (block $done`,
    `      (loop $next`,
    `        (br_if $done (i32.ge_u (local.get $i) (i32.and (local.get $b) (i32.const ${r(60) + 4}))))`,
    `        (local.set $acc (i32.add (local.get $acc) (i32.load (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 0xfff0)))))`,
    `        (i32.store (i32.const ${r(1000) * 4}) (local.get $acc))`,
    `        (local.set $i (i32.add (local.get $i) (i32.const 1)))`,
    `        (br $next)))`,
    `    (local.get $acc))`,
  ],
  (name, r) => [
    `  (func ${name} (param $a i32) (param $b i32) (result i32)`,
    `    (if (result i32) (i32.lt_s (local.get $a) (i32.const ${r(1000)}))`,
    `      (then (i32.mul (local.get $a) (i32.const ${r(50) + 2})))`,
    `      (else`,
    `        (if (result i32) (i32.eqz (i32.rem_u (local.get $b) (i32.const ${r(9) + 2})))`,
    `          (then (i32.sub (local.get $b) (local.get $a)))`,
    `          (else (i32.or (i32.shl (local.get $a) (i32.const ${r(16)})) (local.get $b)))))))`,
  ],
  (name, r) => [
    `  (func ${name} (param $a i32) (param $b i32) (result i32) (local $out i32)`,
    `    (block $c3 (block $c2 (block $c1 (block $c0`,
    `      (br_table $c0 $c1 $c2 $c3 (i32.and (local.get $a) (i32.const 3))))`,
    `      (local.set $out (i32.add (local.get $b) (i32.const ${r(500)})))`,
    `      (br $c3))`,
    `      (local.set $out (i32.mul (local.get $b) (i32.const ${r(500) + 1})))`,
    `      (br $c3))`,
    `      (local.set $out (i32.popcnt (i32.xor (local.get $a) (local.get $b)))))`,
    `    (i32.add (local.get $out) (i32.const ${r(7)})))`,
  ],
  (name, r, callee) => [
    `  (func ${name} (param $a i32) (param $b i32) (result i32)`,
    `    (memory.fill (i32.const ${r(1000) * 8}) (i32.and (local.get $a) (i32.const 255)) (i32.const ${r(64) + 8}))`,
    `    (memory.copy (i32.const ${8192 + r(1000) * 8}) (i32.const ${r(1000) * 8}) (i32.const ${r(32) + 4}))`,
    callee
      ? `    (i32.add (call ${callee} (local.get $b) (local.get $a)) (i32.load8_u (i32.const ${8192 + r(1000)}))))`
      : `    (i32.load8_u (i32.const ${8192 + r(1000)})))`,
  ],
];

/**
 * A canister module in WAT: generated functions (each `(param i32 i32) (result i32)`) are added until there are
 * `functions` of them or the text has `lines` lines; `canister_update run` calls the last one and replies.
 */
function generate(limit: { readonly functions?: number; readonly lines?: number }, seed = 1): string {
  const random = createRandom(seed);
  const lines = [
    '(module',
    '  (import "ic0" "msg_reply" (func $reply))',
    '  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))',
    '  (memory 1)',
  ];
  const footer = 4;
  let count = 0;
  while (count < (limit.functions ?? Infinity) && lines.length + footer < (limit.lines ?? Infinity)) {
    const callee = count > 0 ? `$f${random(count)}` : null;
    lines.push(...BODIES[random(BODIES.length)](`$f${count}`, random, callee));
    count++;
  }
  lines.push(
    '  (func (export "canister_update run")',
    `    (i32.store (i32.const 0) (call $f${count - 1} (i32.const 7) (i32.const 11)))`,
    '    (call $append (i32.const 0) (i32.const 4))',
    '    (call $reply)))',
  );
  return lines.join('\n');
}

/** A generated canister with `functions` functions. */
export function generatedCanisterWat(functions: number): string {
  return generate({ functions });
}

/** A generated canister of at least `lines` lines (to within one function). */
export function generatedWatOfLines(lines: number): string {
  return generate({ lines });
}
