/**
 * The engine worker's API over a real MessageChannel with Comlink, as the browser reaches it; `afterEach` closes
 * the ports of the last connection.
 */
import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterEach } from 'vitest';
import { createEngineApi } from '../../src/worker/engineApi.ts';
import type { EngineApi } from '../../src/worker/protocol.ts';

let close: (() => void) | null = null;
afterEach(() => close?.());

export function connectEngineApi(options: Parameters<typeof createEngineApi>[0] = {}): Comlink.Remote<EngineApi> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createEngineApi(options), port1 as unknown as Comlink.Endpoint);
  close = () => { port1.close(); port2.close(); };
  return Comlink.wrap<EngineApi>(port2 as unknown as Comlink.Endpoint);
}
