/** What the runner's I/O tests share: a scenario with a large report, the runner spawned as a user runs it, and the runner in memory. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { main, type CliIo } from '../../src/cli/main.ts';

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

const COUNTER_WAT = `(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "debug_print" (func $print (param i32 i32)))
  (memory 1)
  (data (i32.const 16) "incremented")
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_update inc")
    (global.set $n (i64.add (global.get $n) (i64.const 1)))
    (i64.store (i32.const 0) (global.get $n))
    (call $print (i32.const 16) (i32.const 11))
    (call $append (i32.const 0) (i32.const 8))
    (call $msg_reply)))`;

/** `calls` counter updates: about 2 KB of report each, so 3,000 make a 6 MB report, far more than a pipe holds. */
export function counterScenarioText(calls: number): string {
  return JSON.stringify({
    format: 'canister-playground/scenario@1',
    canisters: [{ name: 'counter', source: { wat: COUNTER_WAT } }],
    steps: Array.from({ length: calls }, () => ({ call: { to: 'counter', method: 'inc' } })),
  });
}

/** A fresh directory for the files a test hands the runner. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'runner-io-'));
}

export function writeScratch(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The runner in memory: stdin given as text, stdout and stderr collected. */
export async function runInMemory(args: readonly string[], stdin = '', overrides: Partial<CliIo> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => { stdout += text; },
    stderr: (text) => { stderr += text; },
    readStdin: () => stdin,
    readFile: () => { throw Object.assign(new Error('ENOENT: no such file or directory, open'), { code: 'ENOENT' }); },
    ...overrides,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export interface Spawned {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * The package's bin (`node bin/canister-playground.mjs …`, what `npx canister-playground` runs), with `onStdout`
 * given each chunk of its stdout and the stream itself (to pause it, or to close it as `head` does).
 */
export function spawnRunner(
  args: readonly string[],
  options: { stdin?: number | 'ignore' | 'pipe'; input?: string; onStdout?: (chunk: Buffer, stream: Readable) => void } = {},
): Promise<Spawned> {
  const child = spawn(process.execPath, ['bin/canister-playground.mjs', ...args], { cwd: ROOT, stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out.push(chunk);
    options.onStdout?.(chunk, child.stdout!);
  });
  child.stdout!.on('error', () => {}); // a stream the test destroyed
  child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  if (child.stdin) child.stdin.end(options.input ?? '');
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout: Buffer.concat(out), stderr: err }));
  });
}
