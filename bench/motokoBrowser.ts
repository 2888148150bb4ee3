/**
 * Motoko in Chromium (issue 12 "Speed"): the built app's Motoko worker started from the page as the app starts it,
 * then timed from the page: its first load (moc.js and `core`, up to the first answer), the editor's check of a
 * 200-line actor (first, then warm), and compiling a counter and a ~500-line actor (first, then warm: a different
 * source each time). A script, not a test; run with `npx tsx bench/motokoBrowser.ts`. It builds the app first.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from '../tests/e2e/browser.ts';
import { generatedMotokoActor, MOTOKO_COUNTER } from './generatedMotokoActor.ts';
import { machineLine } from './measure.ts';

const WARM_RUNS = 3;

/** The page's side, as text (the bench runs under tsx, whose helpers do not exist in the page). */
const PAGE_SCRIPT = (workerUrl: string, sources: Record<string, string>) => `(async () => {
  const sources = ${JSON.stringify(sources)};
  const started = performance.now();
  const worker = new Worker(${JSON.stringify(workerUrl)}, { type: 'module' });
  let next = 0;
  // Comlink's wire format: what motokoClient.ts sends through Comlink.wrap.
  const call = (method, source) => new Promise((resolve, reject) => {
    const id = 'm' + next++;
    const onMessage = (event) => {
      if (event.data?.id !== id) return;
      worker.removeEventListener('message', onMessage);
      resolve(event.data.value);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (event) => reject(new Error(event.message)));
    worker.postMessage({ id, type: 'APPLY', path: [method], argumentList: [{ type: 'RAW', value: { files: { 'Main.mo': source }, main: 'Main.mo' } }] });
  });
  const time = async (method, source) => {
    const start = performance.now();
    const result = await call(method, source);
    if (method === 'compile' && !result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 2)));
    return performance.now() - start;
  };
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const variant = (source, n) => source.replace('0;', n + ';');
  await call('check', 'persistent actor {}');
  const firstLoad = performance.now() - started;
  const checkFirst = await time('check', sources.check200);
  const checks = [];
  for (let i = 1; i <= ${WARM_RUNS}; i++) checks.push(await time('check', variant(sources.check200, i)));
  const compiles = {};
  for (const name of ['counter', 'actor500']) {
    const first = await time('compile', sources[name]);
    const warm = [];
    for (let i = 1; i <= ${WARM_RUNS}; i++) warm.push(await time('compile', variant(sources[name], i)));
    compiles[name] = { first, warm: median(warm) };
  }
  worker.terminate();
  return { firstLoad, checkFirst, checkWarm: median(checks), compiles };
})()`;

const app = await startApp();
try {
  const page = await (await app.browser.newContext()).newPage();
  await page.goto(app.url);
  const workerFile = readdirSync(join(app.outDir, 'assets')).find((file) => /^motoko\.worker-.*\.js$/.test(file));
  if (!workerFile) throw new Error('bench: the build has no Motoko worker');
  const sources = { counter: MOTOKO_COUNTER, check200: generatedMotokoActor(200), actor500: generatedMotokoActor(500) };
  const r = await page.evaluate(PAGE_SCRIPT(`${app.url}assets/${workerFile}`, sources)) as {
    firstLoad: number; checkFirst: number; checkWarm: number; compiles: Record<string, { first: number; warm: number }>;
  };
  const ms = (value: number) => Math.round(value).toLocaleString('en-US');
  console.log(machineLine());
  console.log('');
  console.log(`| Motoko worker in Chromium | ms |`);
  console.log('|---|---|');
  console.log(`| first load: worker started to its first answer (moc.js and core loaded) | ${ms(r.firstLoad)} |`);
  console.log(`| check a 200-line actor, first (its mo:core imports type-checked) | ${ms(r.checkFirst)} |`);
  console.log(`| check a 200-line actor, warm (median of ${WARM_RUNS} edits) | ${ms(r.checkWarm)} |`);
  console.log(`| compile the counter, first / warm (median of ${WARM_RUNS}) | ${ms(r.compiles.counter.first)} / ${ms(r.compiles.counter.warm)} |`);
  console.log(`| compile a 500-line actor, first / warm (median of ${WARM_RUNS}) | ${ms(r.compiles.actor500.first)} / ${ms(r.compiles.actor500.warm)} |`);
} finally {
  await app.close();
}
