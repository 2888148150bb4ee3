/**
 * [worker/motokoClient] The main thread's Motoko compiler: no worker until something is compiled or checked, one
 * worker for both, each project compiled once; a worker that dies fails what it had in flight and is replaced.
 * The Worker here is a stand-in speaking Comlink over a MessageChannel to a fake moc.
 */
import * as Comlink from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MocCompiler } from '../motoko/mocCompiler.ts';
import { motokoProject } from '../motoko/motokoProject.ts';

const spawned: FakeWorker[] = [];

class FakeWorker extends EventTarget {
  readonly port: MessagePort;
  compiles = 0;
  hang = false;
  constructor() {
    super();
    const { port1, port2 } = new MessageChannel();
    const moc: MocCompiler = {
      compile: (project) => {
        this.compiles++;
        return { ok: true, wasm: new TextEncoder().encode(project.files[project.main]), warnings: [] };
      },
      check: (project) => project.files[project.main].includes('bad')
        ? [{ file: project.main, line: 1, column: 2, endLine: 1, endColumn: 5, severity: 'error', code: 'M0050', message: 'bad' }]
        : [],
    };
    Comlink.expose(moc, port1);
    this.port = port2;
    spawned.push(this);
  }
  postMessage(message: unknown) { if (!this.hang) this.port.postMessage(message); }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
    if (type === 'message') this.port.addEventListener(type, listener);
    else super.addEventListener(type, listener);
    this.port.start();
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject) { this.port.removeEventListener(type, listener); }
  terminate() { this.port.close(); }
  die() { this.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' })); }
}

beforeEach(() => {
  spawned.length = 0;
  vi.stubGlobal('Worker', FakeWorker);
  vi.resetModules();
});
afterEach(() => vi.unstubAllGlobals());

const client = async () => (await import('./motokoClient.ts')).motokoClient();

describe('[worker/motokoClient]', () => {
  it('starts its worker on the first request, one for checks and compilations, each project compiled once', async () => {
    const motoko = await client();
    expect(spawned).toHaveLength(0);
    expect(await motoko.check(motokoProject('bad actor'))).toMatchObject([{ line: 1, column: 2, severity: 'error', message: 'bad' }]);
    expect(await motoko.check(motokoProject('good actor'))).toEqual([]);
    const first = await motoko.compile(motokoProject('actor A'));
    const again = await motoko.compile(motokoProject('actor A'));
    expect(first).toMatchObject({ ok: true });
    expect(again).toBe(first);
    expect(spawned).toHaveLength(1);
    expect(spawned[0].compiles).toBe(1);
  });

  it('fails what a dying worker had in flight and starts a new one for the next request', async () => {
    const motoko = await client();
    await motoko.check(motokoProject('warm up'));
    spawned[0].hang = true;
    const inFlight = motoko.compile(motokoProject('actor B'));
    spawned[0].die();
    await expect(inFlight).rejects.toThrow('the Motoko compiler stopped (out of memory)');
    const retried = await motoko.compile(motokoProject('actor B'));
    expect(retried).toMatchObject({ ok: true });
    expect(spawned).toHaveLength(2);
  });
});
