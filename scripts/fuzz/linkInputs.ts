/**
 * Category (d): share links. Real scenarios (lessons, examples, generated ones) encoded as the app encodes them
 * (`encodeShareFragment`), then damaged in the link text (characters, prefix, `&r=` parameters, truncation) or in
 * the compressed bytes (flipped, inserted, deleted, truncated, junk appended), or built hostile: a deflate bomb, a
 * many-names scenario just under the size limit.
 */
import { deflateSync, strToU8 } from 'fflate';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/shareLink.ts';
import { encodeShareFragment } from '../../src/scenario/encodeShareFragment.ts';
import type { Scenario } from '../../src/scenario/scenarioTypes.ts';
import type { Corpus, Json } from './corpus.ts';
import { mutateJson } from './mutateJson.ts';
import type { Prng } from './prng.ts';
import { FORMAT, generateScenario } from './scenarioInputs.ts';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** Deflate bombs and huge scenarios are slow to build: once per process. */
const bombs = new Map<string, string>();
function bomb(kind: string): string {
  let link = bombs.get(kind);
  if (link === undefined) {
    let text: string;
    if (kind === 'spaces') text = ' '.repeat(MAX_SCENARIO_BYTES + 1);
    else if (kind === 'zeros') text = '0'.repeat(64 * 1024 * 1024);
    else if (kind === 'names') {
      // Just under the limit: as many named users as fit (the "122 KB link with many names" of issue 17, larger).
      const users = Array.from({ length: 400_000 }, (_, i) => `u${i}`);
      text = JSON.stringify({ format: FORMAT, users, canisters: [], steps: [] });
    } else text = JSON.stringify({ format: FORMAT, canisters: [], steps: Array.from({ length: 200_000 }, () => ({ tick: 0 })) });
    link = `s=${toBase64Url(deflateSync(strToU8(text), { level: 9 }))}`;
    bombs.set(kind, link);
  }
  return link;
}

function damageText(prng: Prng, link: string): string {
  let out = link;
  for (let e = 0, n = 1 + prng.int(3); e < n; e++) {
    const i = 2 + prng.int(Math.max(out.length - 2, 1));
    const op = prng.weighted<string>([[4, 'char'], [2, 'insert'], [2, 'delete'], [2, 'truncate'], [1, 'foreign'], [2, 'param'], [1, 'prefix']]);
    if (op === 'char') out = out.slice(0, i) + prng.pick([...BASE64URL]) + out.slice(i + 1);
    else if (op === 'insert') out = out.slice(0, i) + prng.pick([...BASE64URL]).repeat(1 + prng.int(4)) + out.slice(i);
    else if (op === 'delete') out = out.slice(0, i) + out.slice(i + 1 + prng.int(8));
    else if (op === 'truncate') out = out.slice(0, i);
    else if (op === 'foreign') out = out.slice(0, i) + prng.pick(['=', '+', '/', '%20', ' ', '#', '\u00e9', '\u0000', '&', '&&']) + out.slice(i);
    else if (op === 'param') out += prng.pick(['&r=0', '&r=12', '&r=9999999', '&r=10000000', '&r=-1', '&r=1e3', '&r=', '&x=1', '&r=5&r=7', `&r=${'9'.repeat(400)}`, '&'.repeat(1000)]);
    else out = prng.pick(['#', '', '#s=', 'S=', '#s=s=', 's=#']) + out.replace(/^#?s=/, '');
  }
  return out;
}

function damageBytes(prng: Prng, link: string): string {
  const [data, ...params] = link.replace(/^#?s=/, '').split('&');
  const bytes = Array.from(Buffer.from(data, 'base64url'));
  for (let e = 0, n = 1 + prng.int(4); e < n; e++) {
    const i = prng.int(bytes.length + 1);
    const op = prng.int(5);
    if (op === 0 && bytes.length) bytes[Math.min(i, bytes.length - 1)] ^= 1 << prng.int(8);
    else if (op === 1) bytes.splice(i, 0, prng.int(256));
    else if (op === 2) bytes.splice(i, 1 + prng.int(16));
    else if (op === 3) bytes.length = Math.min(bytes.length, i);
    else bytes.push(...prng.bytes(1 + prng.int(64)));
  }
  return `s=${toBase64Url(Uint8Array.from(bytes))}${params.map((p) => `&${p}`).join('')}`;
}

/** The fragment of category (d) (what follows `#` in the address). */
export function linkInput(prng: Prng, corpus: Corpus): { fragment: string; note: string } {
  const source = prng.weighted<() => { scenario: Json; origin: string }>([
    [3, () => prng.pick(corpus.scenarios.filter((s) => !s.motoko && !s.origin.endsWith('(moc output)')))],
    [3, () => ({ scenario: generateScenario(prng, corpus), origin: 'generated scenario' })],
    [2, () => { const base = prng.pick(corpus.scenarios.filter((s) => !s.motoko)); return { scenario: mutateJson(prng, base.scenario), origin: `${base.origin}, JSON mutated` }; }],
  ])();
  const round = prng.chance(0.3) ? prng.pick([0, 1, 3, 50, 9_999_999]) : 0;
  const link = encodeShareFragment(source.scenario as unknown as Scenario, round);
  const how = prng.weighted<string>([[2, 'intact'], [4, 'text'], [4, 'bytes'], [0.1, 'bomb']]);
  if (how === 'intact') return { fragment: (prng.chance(0.5) ? '#' : '') + link, note: `${source.origin}, link intact` };
  if (how === 'text') return { fragment: damageText(prng, link), note: `${source.origin}, link text damaged` };
  if (how === 'bytes') return { fragment: damageBytes(prng, link), note: `${source.origin}, compressed bytes damaged` };
  const kind = prng.pick(['spaces', 'zeros', 'names', 'ticks']);
  return { fragment: bomb(kind), note: `hostile link: ${kind}` };
}
