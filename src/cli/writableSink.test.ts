/**
 * Standard output as the runner sees it, on real Node streams: a write the stream cannot take yet waits for
 * 'drain'; a reader that has gone (EPIPE) stops the writing as 'reader gone'; any other failure as 'failed' with
 * its reason; an empty flush settles after every earlier write. No error escapes as an 'error' event.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writableSink } from './writableSink.ts';

/** A stream whose writes complete only when `release` is called: a reader that has not read yet. */
function heldStream(highWaterMark: number) {
  const held: ((error?: Error | null) => void)[] = [];
  const taken: string[] = [];
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk, _encoding, callback) { taken.push(String(chunk)); held.push(callback); },
  });
  return { stream, taken, release: (error?: Error) => held.shift()?.(error) };
}

const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' });
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('writableSink', () => {
  it('answers a write the stream has no room for with a Promise that settles on drain', async () => {
    const { stream, taken, release } = heldStream(8);
    const sink = writableSink(stream);
    expect(sink.write('abc')).toBeUndefined();
    const waiting = sink.write('defghijk');
    expect(waiting).toBeInstanceOf(Promise);
    let settled = false;
    void (waiting as Promise<unknown>).then(() => { settled = true; });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    release();
    release();
    expect(await waiting).toBeUndefined();
    expect(taken.join('')).toBe('abcdefghijk');
  });

  it.each([
    ['EPIPE (the reader has gone)', epipe, { stop: 'reader gone' }],
    ['ENOSPC (a full disk)', enospc, { stop: 'failed', reason: 'no space left on device' }],
  ])('a pending write failing with %s stops the writing with the reason', async (_name, error, outcome) => {
    const { stream, release } = heldStream(4);
    const sink = writableSink(stream);
    const waiting = sink.write('more than four');
    release(error());
    expect(await waiting).toEqual(outcome);
    expect(sink.write('later')).toEqual(outcome);
    expect(await sink.flush()).toEqual(outcome);
  });

  it('a stream destroyed without an error is a reader that has gone', async () => {
    const { stream } = heldStream(4);
    const sink = writableSink(stream);
    const waiting = sink.write('more than four');
    stream.destroy();
    expect(await waiting).toEqual({ stop: 'reader gone' });
  });

  it('flush settles once every earlier write is taken, and reports a failure of the last one', async () => {
    const { stream, release } = heldStream(1024);
    const sink = writableSink(stream);
    sink.write('a');
    sink.write('b');
    let flushed = false;
    const flushing = sink.flush().then((outcome) => { flushed = true; return outcome; });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    release(enospc());
    expect(await flushing).toEqual({ stop: 'failed', reason: 'no space left on device' });
  });

  it('a write that throws synchronously stops the writing instead of escaping', () => {
    const stream = new Writable({ write(_chunk, _encoding, callback) { callback(); } });
    stream.write = () => { throw enospc(); };
    expect(writableSink(stream).write('x')).toEqual({ stop: 'failed', reason: 'no space left on device' });
  });
});
