/**
 * The runner's report JSON (written in pieces, from the engine's own trace events) is byte for byte
 * `JSON.stringify` of the JSON-ready report the app reads, plus a newline: for every lesson, and for a run long
 * enough that its lists are cut into several pieces.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons/index.ts';
import { parseScenario } from './parseScenario.ts';
import { playScenario } from './runScenario.ts';
import { nodeMotokoCompiler } from '../motoko/nodeMotokoCompiler.ts';
import { reportToJson } from './reportToJson.ts';
import { writeReportJson } from './writeReportJson.ts';
import { stringifyWithBigInts } from './stringifyWithBigInts.ts';

const COUNTER_WAT = `(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "debug_print" (func $print (param i32 i32)))
  (memory 1)
  (data (i32.const 16) "tab\\09quote\\22 \\e2\\98\\83")
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_update inc")
    (global.set $n (i64.add (global.get $n) (i64.const 1)))
    (i64.store (i32.const 0) (global.get $n))
    (call $print (i32.const 16) (i32.const 14))
    (call $append (i32.const 0) (i32.const 8))
    (call $msg_reply)))`;

async function bothWays(json: unknown): Promise<{ written: string; expected: string }> {
  const parsed = parseScenario(JSON.stringify(json));
  if (!parsed.ok) throw new Error(parsed.error);
  const played = await playScenario(parsed.scenario, { motoko: nodeMotokoCompiler() });
  if (!played.ok) throw new Error(played.error);
  let written = '';
  writeReportJson(played.session.traceReport(), (piece) => { written += piece; });
  return { written, expected: `${JSON.stringify(played.session.report(), null, 2)}\n` };
}

describe('writeReportJson', () => {
  it.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))('lesson %s: the same bytes as JSON.stringify of the report', async (_id, lesson) => {
    const { written, expected } = await bothWays(lesson.scenario);
    expect(written).toBe(expected);
  }, 120_000); // a Motoko lesson compiles its actors first

  it('a list longer than one piece (3,000 steps, 21,000 events), and escaped text in logs', async () => {
    const { written, expected } = await bothWays({
      format: 'canister-playground/scenario@1',
      canisters: [{ name: 'counter', source: { wat: COUNTER_WAT } }],
      steps: Array.from({ length: 3000 }, () => ({ call: { to: 'counter', method: 'inc' } })),
    });
    expect(JSON.parse(written).events.length).toBeGreaterThan(2 * 2048);
    expect(written).toBe(expected);
  });

  it('writes empty lists and objects as JSON.stringify does', () => {
    const report = { format: 'f', steps: [], principals: {}, events: [{ round: 1, amount: 5n, rolledBack: [] }], absent: undefined };
    let written = '';
    writeReportJson(report, (piece) => { written += piece; });
    expect(written).toBe(`${JSON.stringify({ ...report, events: [{ round: 1, amount: '5', rolledBack: [] }] }, null, 2)}\n`);
    expect(reportToJson({} as never)).toBe('{}\n');
  });
});

describe('stringifyWithBigInts', () => {
  it('writes bigints as decimal strings and leaves BigInt.prototype as it was', () => {
    expect(stringifyWithBigInts({ a: 2n ** 70n, b: [1n] }, 0)).toBe('{"a":"1180591620717411303424","b":["1"]}');
    expect('toJSON' in BigInt.prototype).toBe(false);
    expect(() => JSON.stringify({ a: 1n })).toThrow();
  });

  it('puts back a toJSON someone else defined', () => {
    const proto = BigInt.prototype as { toJSON?: () => string };
    proto.toJSON = () => 'theirs';
    try {
      expect(stringifyWithBigInts([3n], 0)).toBe('["3"]');
      expect(JSON.stringify([3n])).toBe('["theirs"]');
    } finally {
      delete proto.toJSON;
    }
  });
});
