/**
 * Timing helpers shared by the bench scripts: each figure is the median of several runs after a warm-up, so
 * one slow run (garbage collection, another process on the machine) does not decide it.
 */
import { cpus, totalmem } from 'node:os';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `fn` once to warm up, then `runs` times; returns the median of what it returned. */
export function measure(fn: () => number, runs = 5): number {
  fn();
  return median(Array.from({ length: runs }, fn));
}

/** Milliseconds `fn` takes, by the wall clock (bench scripts only: the engine never reads it). */
export function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** CPU time (all threads of this process: on a shared machine wall time also counts others) and wall time of `fn`. */
export function timed(fn: () => void): { cpuMs: number; wallMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs };
}

/** The machine line every BENCHMARKS.md section starts with. */
export function machineLine(): string {
  const gib = Math.round(totalmem() / 2 ** 30);
  return `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${gib} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** A whole number with thousands separators, as BENCHMARKS.md writes them. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Collects markdown lines and echoes each one as it is added, so a long run shows progress. */
export function createLog(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => { lines.push(line); console.log(line); } };
}

/** Whether this module is the script node was started with (`npx tsx bench/<file>.ts`). */
export function isMainModule(url: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && url === new URL(`file://${entry}`).href;
}
