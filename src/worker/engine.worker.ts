/// <reference lib="webworker" />
/** The worker entry: the engine lives here, behind Comlink; the main thread never runs canister code. */
import * as Comlink from 'comlink';
import { BROWSER_LIVE_INSTANCES, BROWSER_PLAYGROUND_LIMITS, setLiveInstanceLimit } from '../engine/index.ts';
import { createEngineApi } from './engineApi.ts';
import { warmUpEngine } from './warmUpEngine.ts';
import type { EngineApi } from './protocol.ts';

// The WAT compiler (a Wasm module of its own, 220 KB gzip) is loaded when a source needs it: a workspace that comes
// with its modules compiled (a lesson, a share link) opens without it, and the page asks for it once idle.

// A tab has far less memory than Node: the engine's own limits (memory held, canisters) are capped for it, and
// its V8 sandbox holds about 120 Wasm memories, so only the canisters that ran last keep their instance.
setLiveInstanceLimit(BROWSER_LIVE_INSTANCES);

// While the page renders for the first time the worker waits for its first workspace: it runs the engine's code once
// meanwhile, so that workspace does not pay for its first run, and stops as soon as the page asks for anything
// (warmUpEngine.ts). What the engine client sends by itself, as the worker starts and while it lives, is not asking.
let asked = false;
const api = createEngineApi({ paramCaps: BROWSER_PLAYGROUND_LIMITS });
const warmUpAside: (keyof EngineApi)[] = ['useMotokoCompiler', 'holdLifeLock', 'ping'];
Comlink.expose(new Proxy(api, {
  get(target, name, receiver) {
    if (typeof name === 'string' && !warmUpAside.includes(name as keyof EngineApi)) asked = true;
    return Reflect.get(target, name, receiver);
  },
}), self);
void warmUpEngine(() => asked, BROWSER_PLAYGROUND_LIMITS).catch(() => undefined);
