/**
 * Runs inputs in a child process (`fuzzChild.ts`) under a time bound and a memory bound, one at a time. A child
 * that runs past the time bound is killed (a hang); one whose resident memory passes the memory bound is killed,
 * and one that dies of V8's heap limit is found dead (both an out-of-memory); one that dies any other way is a
 * crash, counted as exit 1. A new child takes over. The process's memory is watched through /proc every 50 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FuzzPayload } from './generateInput.ts';
import type { RunOutcome } from './runInput.ts';

/** The runner's exit status (3: it ran and an expectation of the scenario failed), or how the child died. */
export type Verdict = '0' | '3' | '2' | '1' | 'hang' | 'oom';
export const VERDICTS: readonly Verdict[] = ['0', '3', '2', '1', 'hang', 'oom'];

export interface CaseResult {
  verdict: Verdict;
  ms: number;
  /** The runner's message, the escaped exception, or what the harness saw (killed at …). */
  message: string;
  violation: string | null;
}

export interface HarnessOptions {
  /** An input running longer is a hang (the issue's 30 s). */
  timeoutMs: number;
  /** Resident memory of the child above which the input is an out-of-memory. */
  memoryBytes: number;
  /** Replace the child after an input that left it this large, so inputs stay independent. */
  recycleBytes?: number;
}

const CHILD = fileURLToPath(new URL('./fuzzChild.ts', import.meta.url));

function residentBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface Pending {
  resolve: (result: CaseResult) => void;
  started: number;
}

export class Harness {
  /** The largest resident memory any child reached (its own peak, as the kernel counts it). */
  peakRssBytes = 0;
  childrenStarted = 0;
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private pending: Pending | null = null;
  private stderrTail = '';
  private nextId = 0;
  private killedAs: { verdict: Verdict; message: string } | null = null;

  constructor(private readonly options: HarnessOptions) {}

  private start(): Promise<void> {
    this.childrenStarted++;
    this.stderrTail = '';
    this.killedAs = null;
    // V8's own heap limit a little above the memory bound: the watchdog usually fires first, and a heap that
    // fills faster than it looks still ends in a recorded out-of-memory, not in this process.
    const heapMb = Math.ceil(this.options.memoryBytes / 1024 / 1024) + 256;
    const child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${heapMb}`, '--stack-size=984'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    child.stderr!.on('data', (chunk: Buffer) => { this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000); });
    child.on('message', (message: { ready?: true; id?: number; outcome?: RunOutcome; rss?: number; maxRss?: number }) => {
      if (message.maxRss) this.peakRssBytes = Math.max(this.peakRssBytes, message.maxRss);
      if (message.outcome && this.pending && message.id === this.nextId) this.finish(this.fromOutcome(message.outcome), message.rss ?? 0);
    });
    child.on('exit', (code, signal) => {
      if (this.child !== child) return; // a child already replaced (recycled): nothing of it is pending
      this.child = null;
      this.ready = null;
      if (!this.pending) return;
      const killed = this.killedAs;
      const heap = /heap out of memory|Allocation failed|Reached heap limit|invalid array length allocation failed/i.test(this.stderrTail);
      const verdict: Verdict = killed ? killed.verdict : heap ? 'oom' : '1';
      const message = killed ? killed.message : `the runner's process died (${signal ?? `exit ${code}`}): ${this.stderrTail.trim().slice(-1500)}`;
      this.finish({ verdict, ms: performance.now() - this.pending.started, message, violation: null }, 0);
    });
    return new Promise((resolve, reject) => {
      const onReady = (message: { ready?: true }) => {
        if (message.ready) { child.off('message', onReady); resolve(); }
      };
      child.on('message', onReady);
      child.once('exit', () => reject(new Error(`the fuzz child died while starting: ${this.stderrTail}`)));
    });
  }

  private fromOutcome(outcome: RunOutcome): CaseResult {
    const verdict: Verdict = outcome.code === 0 ? '0' : outcome.code === 3 ? '3' : outcome.code === 2 ? '2' : '1';
    return { verdict, ms: outcome.ms, message: outcome.stderr, violation: outcome.violation };
  }

  private watch?: NodeJS.Timeout;
  private timer?: NodeJS.Timeout;

  private finish(result: CaseResult, rssAfter: number): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearInterval(this.watch);
    clearTimeout(this.timer);
    if (rssAfter > (this.options.recycleBytes ?? this.options.memoryBytes / 2)) this.stopChild();
    pending.resolve(result);
  }

  private kill(verdict: Verdict, message: string): void {
    if (!this.child || this.killedAs) return;
    this.killedAs = { verdict, message };
    this.child.kill('SIGKILL');
  }

  private stopChild(): void {
    const child = this.child;
    this.child = null;
    this.ready = null;
    child?.kill('SIGKILL');
  }

  async run(payload: FuzzPayload): Promise<CaseResult> {
    if (!this.child || !this.ready) this.ready = this.start();
    await this.ready;
    const child = this.child!;
    const id = ++this.nextId;
    return new Promise<CaseResult>((resolve) => {
      this.pending = { resolve, started: performance.now() };
      const { timeoutMs, memoryBytes } = this.options;
      this.timer = setTimeout(() => this.kill('hang', `still running after ${timeoutMs / 1000} s: killed`), timeoutMs);
      this.watch = setInterval(() => {
        const rss = residentBytes(child.pid!);
        this.peakRssBytes = Math.max(this.peakRssBytes, rss);
        if (rss > memoryBytes) this.kill('oom', `resident memory ${(rss / 2 ** 20).toFixed(0)} MiB passed the bound of ${(memoryBytes / 2 ** 20).toFixed(0)} MiB: killed`);
      }, 50);
      child.send({ id, payload });
    });
  }

  close(): void {
    this.stopChild();
  }
}
