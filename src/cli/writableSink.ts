/**
 * Standard output as the runner writes its report to it: honouring back-pressure and noticing a reader that has
 * gone. Node queues in memory whatever a pipe cannot take yet; written without waiting, a report of 500,000 calls
 * queued 1.13 GB and failed with `write ENOBUFS` (issue 17). So a write that the stream answers with `false` gives a
 * Promise that settles on 'drain', and the report's next piece is made only then.
 *
 * When the reader goes away (`run … | head`), the stream fails with EPIPE: that is not an error of the run (the
 * scenario ran; the reader took what it wanted), so the writing stops quietly and the runner exits 0. Any other
 * failure (a full disk: ENOSPC) stops it too, with the reason, and the runner says so and exits 2. The 'error'
 * listener is there from the start, so neither escapes as an uncaught exception.
 */
import { describeIoError } from './describeIoError.ts';

/** Why the writing stopped before the end. */
export type OutputStop = { readonly stop: 'reader gone' } | { readonly stop: 'failed'; readonly reason: string };

/** The part of a Node Writable the sink uses (process.stdout, or a stream in tests). */
export interface WritableLike {
  write(text: string, callback?: (error?: Error | null) => void): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  readonly destroyed: boolean;
  readonly errored?: Error | null;
}

export interface WritableSink {
  /** Writes a piece: nothing when taken; a Promise while the reader is behind; why, once it has stopped. */
  readonly write: (text: string) => OutputStop | void | Promise<OutputStop | void>;
  /** Settles once everything written has been handed over, with why the writing stopped, if it did. */
  readonly flush: () => Promise<OutputStop | void>;
}

export function writableSink(stream: WritableLike): WritableSink {
  let stopped: OutputStop | undefined;
  const noteError = (error: unknown): void => {
    const code = (error as { code?: unknown } | null)?.code;
    // EPIPE: the reader closed its end; ERR_STREAM_DESTROYED: a write after that, before the error was seen here.
    stopped ??= code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' ? { stop: 'reader gone' } : { stop: 'failed', reason: describeIoError(error) };
  };
  stream.on('error', noteError);

  const noteState = (): void => {
    if (stream.errored) noteError(stream.errored);
    else if (stream.destroyed) stopped ??= { stop: 'reader gone' };
  };

  /** Settles on the first of 'drain', 'error' and 'close', and takes its listeners off again. */
  const whenWritable = (): Promise<OutputStop | void> => new Promise((resolve) => {
    const settle = (): void => {
      stream.off('drain', settle);
      stream.off('close', settle);
      stream.off('error', settle);
      noteState();
      resolve(stopped);
    };
    stream.once('drain', settle);
    stream.once('close', settle);
    stream.once('error', settle);
  });

  const write = (text: string): OutputStop | void | Promise<OutputStop | void> => {
    noteState();
    if (stopped) return stopped;
    let taken: boolean;
    try {
      taken = stream.write(text);
    } catch (error) {
      noteError(error);
      return stopped;
    }
    noteState();
    if (stopped) return stopped;
    return taken ? undefined : whenWritable();
  };

  const flush = (): Promise<OutputStop | void> => {
    noteState();
    if (stopped) return Promise.resolve(stopped);
    return new Promise((resolve) => {
      try {
        // An empty write's callback runs after every earlier write has been handed over (or has failed).
        stream.write('', (error) => {
          if (error) noteError(error);
          noteState();
          resolve(stopped);
        });
      } catch (error) {
        noteError(error);
        resolve(stopped);
      }
    });
  };

  return { write, flush };
}
