/// <reference lib="webworker" />
/** The worker entry: the engine lives here, behind Comlink; the main thread never runs canister code. */
import * as Comlink from 'comlink';
import { BROWSER_PLAYGROUND_LIMITS, initWat } from '../engine/index.ts';
import { createEngineApi } from './engineApi.ts';

// The WAT compiler (a Wasm module of its own) starts loading now, while the page is still deciding what to open.
void initWat().catch(() => undefined);
// A tab has far less memory than Node: the engine's own limits (memory held, canisters) are capped for it.
Comlink.expose(createEngineApi({ paramCaps: BROWSER_PLAYGROUND_LIMITS }), self);
