/** Value-level mutation of JSON documents: the hostile values a hand-edited file, a script or a link can hold. */
import type { Json } from './corpus.ts';
import type { Prng } from './prng.ts';

const POW = (b: bigint, e: bigint): string => (b ** e).toString();

/** Decimal strings at the edges of every width the engine computes with, and beyond. */
export function hostileDecimal(prng: Prng): string {
  return prng.weighted<() => string>([
    [3, () => prng.pick(['0', '1', '2', '7', '13', '64', '1000', '4096', '65536', '1000000', '2000000'])],
    [3, () => prng.pick([
      POW(2n, 31n), POW(2n, 32n), String(2n ** 32n - 1n), String(2n ** 53n + 1n), String(2n ** 63n - 1n), POW(2n, 63n),
      String(2n ** 64n - 1n), POW(2n, 64n), String(2n ** 128n - 1n), POW(2n, 128n), POW(10n, 18n), POW(10n, 30n),
    ])],
    [1, () => '1' + '0'.repeat(20 + prng.int(1000))],
    [1, () => '0'.repeat(1 + prng.int(40)) + String(prng.int(100))],
    [1, () => prng.pick(['', '-1', '1.5', '1e9', ' 1', '0x10', '１', 'NaN', 'Infinity'])],
    [2, () => String(prng.int(2 ** 31))],
  ])();
}

export function hostileString(prng: Prng): string {
  return prng.weighted<() => string>([
    [2, () => prng.pick(['', 'a', 'ic', 'user', 'alice', 'c', 'counter', 'aaaaa-aa', '2vxsx-fae', 'rwlgt-iiaaa-aaaaa-aaaaa-cai', 'rrkah-fqaaa-aaaaa-aaaaq-cai', 'not-a-principal'])],
    [1, () => prng.pick(['é🦀', '\u0000', '\ud800', '\u202e', '__proto__', 'constructor', 'toString', 'canister_update x', '../../etc/passwd', '/dev/zero'])],
    [1, () => 'x'.repeat(prng.weighted([[10, 100], [5, 1000], [2, 65_536], [0.5, 1 << 20]]))],
    [1, () => hostileDecimal(prng)],
    [1, () => `u${prng.int(1000)}`],
  ])();
}

export function hostileValue(prng: Prng, depth = 0): Json {
  return prng.weighted<() => Json>([
    [3, () => hostileDecimal(prng)],
    [3, () => hostileString(prng)],
    [2, () => prng.pick([0, 1, -1, 0.5, 2 ** 31, 2 ** 53, 1e21, 1e308, -1e308, 1000, 1_000_000, 1_000_001, 3])],
    [1, () => prng.pick([null, true, false])],
    [1, () => (depth > 2 ? [] : Array.from({ length: prng.int(4) }, () => hostileValue(prng, depth + 1)))],
    [1, () => (depth > 2 ? {} : Object.fromEntries(Array.from({ length: prng.int(4) }, () => [hostileString(prng).slice(0, 20), hostileValue(prng, depth + 1)])))],
  ])();
}

/** A path to a random node of `value` (root included), chosen uniformly along a random descent. */
function randomPath(prng: Prng, value: Json): (string | number)[] {
  const path: (string | number)[] = [];
  let at: Json = value;
  while (at !== null && typeof at === 'object' && prng.chance(0.8)) {
    const keys: (string | number)[] = Array.isArray(at) ? at.map((_, i) => i) : Object.keys(at);
    if (keys.length === 0) break;
    const key = prng.pick(keys);
    path.push(key);
    at = (at as Record<string | number, Json>)[key];
  }
  return path;
}

function getAt(value: Json, path: readonly (string | number)[]): Json {
  return path.reduce<Json>((at, key) => (at as Record<string | number, Json>)[key], value);
}

/** Mutates a deep copy of `value` in place: 1–4 edits (replace, delete, duplicate, insert, swap) at random places. */
export function mutateJson(prng: Prng, value: Json): Json {
  const copy = structuredClone(value);
  const root: { v: Json } = { v: copy };
  const edits = 1 + prng.int(4);
  for (let e = 0; e < edits; e++) {
    const path = randomPath(prng, root.v);
    if (path.length === 0) {
      if (prng.chance(0.2)) root.v = hostileValue(prng);
      continue;
    }
    const parent = getAt(root.v, path.slice(0, -1)) as Record<string | number, Json> | Json[];
    const key = path[path.length - 1];
    const node = (parent as Record<string | number, Json>)[key];
    const op = prng.weighted<string>([[5, 'replace'], [2, 'delete'], [2, 'duplicate'], [2, 'insert'], [2, 'tweak']]);
    if (op === 'replace') (parent as Record<string | number, Json>)[key] = hostileValue(prng);
    else if (op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key];
    } else if (op === 'duplicate') {
      if (Array.isArray(parent)) parent.splice(key as number, 0, ...Array.from({ length: prng.pick([1, 1, 2, 10, 100]) }, () => structuredClone(node)));
      else (parent as Record<string, Json>)[`${key}${prng.int(3)}`] = structuredClone(node);
    } else if (op === 'insert') {
      if (Array.isArray(parent)) parent.splice(prng.int(parent.length + 1), 0, hostileValue(prng));
      else (parent as Record<string, Json>)[prng.pick(['extra', 'format', 'subnet', 'params', 'wait', 'arg', 'from', 'settings', 'source', 'mode'])] = hostileValue(prng);
    } else {
      // A small change of kind-preserving values: the boundaries validation must hold at.
      if (typeof node === 'string') (parent as Record<string | number, Json>)[key] = /^[0-9]+$/.test(node) ? hostileDecimal(prng) : node + hostileString(prng).slice(0, 8);
      else if (typeof node === 'number') (parent as Record<string | number, Json>)[key] = prng.pick([node + 1, node - 1, node * 1000, -node, 0, 1_000_000]);
      else if (typeof node === 'boolean') (parent as Record<string | number, Json>)[key] = !node;
      else (parent as Record<string | number, Json>)[key] = hostileValue(prng);
    }
  }
  return root.v;
}

/** Text-level damage: truncation, junk spliced in, a deep nesting, a byte order mark. */
export function mutateText(prng: Prng, text: string): string {
  const at = prng.int(text.length + 1);
  return prng.weighted<() => string>([
    [3, () => text.slice(0, at)],
    [3, () => text.slice(0, at) + prng.pick(['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', 'null', '1e999', '-', '\n', '/*', 'é']) + text.slice(at)],
    [2, () => text.slice(0, at) + text.slice(at + 1 + prng.int(20))],
    [1, () => '\ufeff' + text],
    [1, () => '['.repeat(prng.pick([1000, 100_000])) + ']'.repeat(prng.int(2) * 100_000)],
    [1, () => text + ' '.repeat(prng.int(100)) + prng.pick(['', 'x', '{}'])],
  ])();
}
