/// <reference lib="webworker" />
/**
 * The Motoko worker: moc.js (about 2.8 MB of JavaScript) and its `core` library, loaded only when the app first
 * compiles or checks Motoko (`motokoClient.ts`), so the page and the engine worker never wait for them. Compiling
 * takes seconds: here it blocks nothing else.
 */
import * as Comlink from 'comlink';
import moc from 'motoko/versions/latest/moc.min.js';
import core from 'motoko/packages/latest/core.json';
import { mocCompiler, type MotokoPackage, type RawMoc } from '../motoko/mocCompiler.ts';

Comlink.expose(mocCompiler((moc as { Motoko: RawMoc }).Motoko, [core as MotokoPackage]), self);
