/// <reference lib="webworker" />
/** The worker entry: the engine lives here, behind Comlink; the main thread never runs canister code. */
import * as Comlink from 'comlink';
import { createEngineApi } from './engineApi.ts';

Comlink.expose(createEngineApi(), self);
