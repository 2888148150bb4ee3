/// <reference lib="webworker" />
/** The worker entry: the engine lives here, behind Comlink; the main thread never runs canister code. */
import * as Comlink from 'comlink';
import { initWat } from '../engine/index.ts';
import { createEngineApi } from './engineApi.ts';

// The WAT compiler (a Wasm module of its own) starts loading now, while the page is still deciding what to open.
void initWat().catch(() => undefined);
Comlink.expose(createEngineApi(), self);
