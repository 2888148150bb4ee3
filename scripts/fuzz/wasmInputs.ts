/**
 * Category (c): Wasm binaries. Real modules (the WAT canisters compiled with wabt, moc's output) mutated at the
 * byte level and at the section level (sections dropped, repeated, swapped, counts and sizes made huge, custom
 * sections added), sometimes gzipped as dfx ships them; and modules built at the replica's and V8's limits (imports,
 * exports, types, globals, functions, locals, custom sections, memory and table sizes).
 */
import { gzipSync } from 'fflate';
import type { Corpus, Json, WasmCanister } from './corpus.ts';
import type { Prng } from './prng.ts';
import { FORMAT, subnetSection } from './scenarioInputs.ts';
import { exerciseSteps } from './watInputs.ts';

export function leb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const name = (text: string): number[] => { const b = [...Buffer.from(text)]; return [...leb(b.length), ...b]; };
const section = (id: number, payload: number[]): number[] => [id, ...leb(payload.length), ...payload];
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

interface SectionSpan { id: number; start: number; end: number; payloadStart: number }

/** The module's sections (id, whole extent, payload start); stops at the first that does not parse. */
export function sections(bytes: Uint8Array): SectionSpan[] {
  const found: SectionSpan[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    let size = 0;
    let shift = 0;
    let p = at + 1;
    for (; p < bytes.length && shift < 35; p++, shift += 7) {
      size += (bytes[p] & 0x7f) * 2 ** shift;
      if ((bytes[p] & 0x80) === 0) { p++; break; }
    }
    const end = p + size;
    if (end > bytes.length) break;
    found.push({ id, start: at, end, payloadStart: p });
    at = end;
  }
  return found;
}

const built = new Map<string, { bytes: Uint8Array; note: string }>();

/** A module of `n` of one thing at a limit: what a validator must refuse cleanly or an instrumenter must keep valid. */
function limitModule(prng: Prng): { bytes: Uint8Array; note: string } {
  const kind = prng.pick(['imports', 'exports', 'types', 'globals', 'functions', 'locals', 'customs', 'memory', 'table', 'data', 'body', 'elements']);
  const near = (limit: number) => prng.pick([limit - 5, limit - 4, limit - 1, limit, limit + 1]);
  const n = kind === 'imports' ? near(prng.pick([100_000, 50_000]))
    : kind === 'exports' ? near(prng.pick([100_000, 50_000, 1_000]))
    : kind === 'types' ? near(1_000_000)
    : kind === 'globals' ? near(1_000)
    : kind === 'functions' || kind === 'locals' ? near(50_000)
    : kind === 'customs' ? prng.pick([16, 17, 1000, 2000]) * 10 + prng.pick([0, 1, 2])
    : kind === 'memory' ? prng.pick([65_536, 65_537, 32_768, 4_294_967_295])
    : kind === 'table' ? prng.pick([1_000_000, 1_000_001, 10_000_000, 4_294_967_295])
    : kind === 'body' ? prng.pick([500_000, 1_000_000, 1_000_001])
    : near(100_000);
  const key = `${kind} ${n}`;
  let module = built.get(key);
  if (!module) {
    module = buildLimitModule(kind, n);
    built.set(key, module);
  }
  return module;
}

/** Built once per process and kind (they are large): the same for every input that draws them. */
function buildLimitModule(kind: string, drawn: number): { bytes: Uint8Array; note: string } {
  let n = drawn;
  const type0 = section(1, vec([[0x60, 0, 0]]));
  const memory = section(5, vec([[0x00, 1]]));
  const emptyBody = [2, 0, 0x0b];
  const oneFunc = [section(3, vec([[0]])), section(10, vec([emptyBody]))];
  let parts: number[][] = [];
  if (kind === 'imports') {
    const entry = [...name('ic0'), ...name('msg_reply'), 0x00, 0];
    parts = [type0, section(2, [...leb(n), ...Array.from({ length: n }, () => entry).flat()]), memory];
  } else if (kind === 'exports') {
    const exports = Array.from({ length: n }, (_, i) => [...name(i % 2 ? `canister_query m${i}` : `f${i}`), 0x00, 0]);
    parts = [type0, section(3, vec([[0]])), memory, section(7, vec(exports)), section(10, vec([emptyBody]))];
  } else if (kind === 'types') {
    parts = [section(1, [...leb(n), ...Array.from({ length: n }, () => [0x60, 0, 0]).flat()]), memory];
  } else if (kind === 'globals') {
    parts = [type0, memory, section(6, vec(Array.from({ length: n }, () => [0x7f, 1, 0x41, 0, 0x0b])))];
  } else if (kind === 'functions') {
    parts = [type0, section(3, vec(Array.from({ length: n }, () => [0]))), memory, section(10, vec(Array.from({ length: n }, () => emptyBody)))];
  } else if (kind === 'locals') {
    const body = [...leb(1), ...leb(n), 0x7f, 0x0b];
    parts = [type0, section(3, vec([[0]])), memory, section(10, vec([[...leb(body.length), ...body]]))];
  } else if (kind === 'customs') {
    // n = count × 10 + size class: 16 or 17 (the replica's limit), 1,000 or 2,000 sections of 1 B, 1 KB or 70 KB
    // (70 KB only for 16 or 17: 2,000 of them would be 140 MB, past the 100 MiB a module may have anyway).
    const size = [1, 1000, Math.floor(n / 10) <= 17 ? 70_000 : 1000][n % 10];
    n = Math.floor(n / 10);
    parts = [type0, memory, ...Array.from({ length: n }, (_, i) => section(0, [...name(`icp:${i % 3 ? 'public' : 'private'} s${i}`), ...new Array(size).fill(0x61)]))];
  } else if (kind === 'memory') {
    parts = [type0, section(5, vec([[0x01, ...leb(n % 2), ...leb(n)]])), ...oneFunc];
  } else if (kind === 'table') {
    parts = [type0, section(3, vec([[0]])), section(4, vec([[0x70, 0x00, ...leb(n)]])), memory, section(10, vec([emptyBody]))];
  } else if (kind === 'data') {
    parts = [type0, memory, section(11, vec(Array.from({ length: n }, () => [0, 0x41, 0, 0x0b, 1, 0x78])))];
  } else if (kind === 'elements') {
    parts = [type0, section(3, vec([[0]])), section(4, vec([[0x70, 0x00, ...leb(10)]])), memory, section(9, vec(Array.from({ length: n }, () => [0, 0x41, 0, 0x0b, 1, 0]))), section(10, vec([emptyBody]))];
  } else {
    // One function body of n i64.const instructions: valid as uploaded, larger once metered.
    const code = [...Array.from({ length: n }, () => [0x42, 0x00, 0x1a]).flat(), 0x0b];
    const body = [0, ...code];
    parts = [type0, section(3, vec([[0]])), memory, section(7, vec([[...name('canister_update run'), 0x00, 0]])), section(10, vec([[...leb(body.length), ...body]]))];
  }
  return { bytes: new Uint8Array(Buffer.concat([Uint8Array.from(HEADER), ...parts.map((part) => Uint8Array.from(part))])), note: `built module: ${n} ${kind}` };
}

/** Byte- and section-level damage to a real module. */
export function mutateWasm(prng: Prng, wasm: Uint8Array, donor: Uint8Array): { bytes: Uint8Array; note: string } {
  const spans = sections(wasm);
  const op = prng.weighted<string>([[5, 'bytes'], [2, 'drop-section'], [2, 'repeat-section'], [1, 'swap-sections'], [2, 'count'], [1, 'size'], [1, 'truncate'], [2, 'custom'], [1, 'donor']]);
  const join = (parts: (Uint8Array | number[])[]) => new Uint8Array(Buffer.concat(parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)))));
  const slice = (s: SectionSpan) => wasm.subarray(s.start, s.end);
  if (op === 'bytes' || spans.length === 0) {
    let out = Uint8Array.from(wasm);
    for (let e = 0, n = 1 + prng.int(8); e < n; e++) {
      const i = prng.int(out.length);
      const how = prng.int(4);
      if (how === 0) out[i] ^= 1 << prng.int(8);
      else if (how === 1) out[i] = prng.pick([0x00, 0xff, 0x7f, 0x80, 0x41, 0x0b, 0x10, 0x40]);
      else if (how === 2) out = join([out.subarray(0, i), [prng.int(256)], out.subarray(i)]);
      else out = join([out.subarray(0, i), out.subarray(i + 1 + prng.int(4))]);
    }
    return { bytes: out, note: 'bytes flipped, inserted or deleted' };
  }
  const s = prng.pick(spans);
  const before = wasm.subarray(0, s.start);
  const after = wasm.subarray(s.end);
  switch (op) {
    case 'drop-section': return { bytes: join([before, after]), note: `section ${s.id} dropped` };
    case 'repeat-section': return { bytes: join([before, slice(s), slice(s), after]), note: `section ${s.id} repeated` };
    case 'swap-sections': {
      const t = prng.pick(spans);
      const [a, b] = s.start < t.start ? [s, t] : [t, s];
      return { bytes: join([wasm.subarray(0, a.start), slice(b), wasm.subarray(a.end, b.start), slice(a), wasm.subarray(b.end)]), note: `sections ${a.id} and ${b.id} swapped` };
    }
    case 'count': {
      // The section's leading vector count replaced (most sections start with one), keeping the size consistent.
      let p = s.payloadStart;
      while (p < s.end && wasm[p] & 0x80) p++;
      const payload = [...leb(prng.pick([0, 1, 2 ** 16, 2 ** 31, 2 ** 32 - 1])), ...wasm.subarray(p + 1, s.end)];
      return { bytes: join([before, section(s.id, payload), after]), note: `section ${s.id} count replaced` };
    }
    case 'size': return { bytes: join([before, [s.id, ...leb(prng.pick([0, 1, 2 ** 32 - 1, s.end - s.payloadStart + 1]))], wasm.subarray(s.payloadStart, s.end), after]), note: `section ${s.id} size replaced` };
    case 'truncate': return { bytes: wasm.subarray(0, prng.pick([s.start, s.start + 1, s.payloadStart + prng.int(s.end - s.payloadStart + 1)])), note: `truncated in section ${s.id}` };
    case 'custom': {
      const customName = prng.pick(['icp:public candid:service', 'icp:private candid:args', 'icp:public x', 'icp:other y', 'name', 'metadata.code.branch_hint', 'producers', '']);
      const content = prng.chance(0.5) ? [...Buffer.from(prng.pick(['service : {}', 'service : { f : (nat) -> (nat) query }', 'not candid (', '']))] : new Array(prng.pick([0, 100, 1 << 20, (1 << 20) + 1])).fill(0x20);
      const at = prng.pick(spans).end;
      return { bytes: join([wasm.subarray(0, at), section(0, [...name(customName), ...content]), wasm.subarray(at)]), note: `custom section "${customName}" added` };
    }
    default: {
      const donorSpans = sections(donor);
      if (donorSpans.length === 0) return { bytes: wasm, note: 'unchanged' };
      const d = prng.pick(donorSpans);
      return { bytes: join([before, donor.subarray(d.start, d.end), after]), note: `section ${s.id} replaced by another module's ${d.id}` };
    }
  }
}

/** Input text of category (c). */
export function wasmInput(prng: Prng, corpus: Corpus): { text: string; note: string } {
  const base = prng.pick(corpus.wasms);
  const limit = prng.chance(0.03) ? limitModule(prng) : null;
  const mutated = limit ?? (prng.chance(0.05) ? { bytes: base.wasm, note: 'unchanged' } : mutateWasm(prng, base.wasm, prng.pick(corpus.wasms).wasm));
  let bytes = mutated.bytes;
  let note = `${limit ? '' : `${base.origin}, `}${mutated.note}`;
  if (prng.chance(0.1)) {
    bytes = gzipSync(bytes);
    if (prng.chance(0.3)) bytes = mutateWasm(prng, bytes, base.wasm).bytes;
    note += ', gzipped';
  }
  const wasm = Buffer.from(bytes).toString('base64');
  let scenario: Json;
  if (base.lesson && !limit && prng.chance(0.7)) {
    // moc output in its own lesson: the mutated module replaces the original, the lesson's steps call it.
    const copy = structuredClone(base.lesson) as { canisters: { source: Json }[] };
    const original = Buffer.from(base.wasm).toString('base64');
    for (const c of copy.canisters) if ((c.source as { wasm?: string }).wasm === original) c.source = { wasm };
    scenario = copy as unknown as Json;
  } else {
    const { updates, queries } = limit ? { updates: ['run', 'x'], queries: ['m0'] } : (base as WasmCanister);
    scenario = {
      format: FORMAT,
      subnet: prng.chance(0.85) ? { preset: 'classroom' } : subnetSection(prng),
      canisters: [{ name: 'c', source: { wasm } }],
      steps: exerciseSteps(prng, 'c', updates, queries, () => ({ wasm: prng.chance(0.5) ? Buffer.from(base.wasm).toString('base64') : wasm })),
    };
  }
  return { text: JSON.stringify(scenario), note };
}
