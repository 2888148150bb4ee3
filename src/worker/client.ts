/**
 * The main thread's handle on the engine worker: spawns it and wraps it with Comlink. A class because it owns
 * a worker with a lifetime (`dispose`).
 */
import * as Comlink from 'comlink';
import type { EngineApi } from './protocol.ts';

export class EngineClient {
  private readonly worker: Worker;
  readonly api: Comlink.Remote<EngineApi>;

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    this.api = Comlink.wrap<EngineApi>(this.worker);
  }

  /** Called with an error message if the worker dies (e.g. runs out of memory). */
  onCrash(handler: (message: string) => void): void {
    this.worker.addEventListener('error', (event) => handler(event.message || 'the engine worker stopped'));
  }

  dispose(): void {
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}
