/**
 * A hex view of a canister's Wasm memory or stable memory, fetched from the worker; bytes that changed since
 * the previous round's fetch are highlighted. Text is rendered as text only.
 */
import { useEffect, useRef, useState } from 'react';

const ROW = 16;

export interface HexViewProps {
  readonly fetch: (offset: number, length: number) => Promise<Uint8Array>;
  readonly size: number;
  /** Changes when the data may have changed (the round). */
  readonly version: number;
}

export function HexView({ fetch, size, version }: HexViewProps) {
  const [offset, setOffset] = useState(0);
  const [bytes, setBytes] = useState<Uint8Array>(new Uint8Array(0));
  const previous = useRef<{ offset: number; bytes: Uint8Array } | null>(null);
  const [changed, setChanged] = useState<Set<number>>(new Set());
  const length = 256;

  // The latest fetch function, without making a new one (a new closure each render) refetch.
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  useEffect(() => {
    let live = true;
    void fetchRef.current(offset, length).then((next) => {
      if (!live) return;
      const before = previous.current;
      const diff = new Set<number>();
      if (before && before.offset === offset) next.forEach((b, i) => { if (before.bytes[i] !== b) diff.add(i); });
      previous.current = { offset, bytes: next };
      setChanged(diff);
      setBytes(next);
    });
    return () => { live = false; };
  }, [offset, version]);

  if (size === 0) return <p className="muted">Empty.</p>;
  const rows = [];
  for (let r = 0; r < bytes.length; r += ROW) {
    const slice = Array.from(bytes.subarray(r, r + ROW));
    rows.push(
      <div className="hex-row" key={r}>
        <span className="hex-offset">{(offset + r).toString(16).padStart(8, '0')}</span>
        {slice.map((b, i) => <span key={i} className={changed.has(r + i) ? 'hex-byte changed' : 'hex-byte'}>{b.toString(16).padStart(2, '0')}</span>)}
        <span className="hex-ascii">{slice.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')}</span>
      </div>,
    );
  }
  return (
    <div className="hex-view">
      <label>offset <input type="number" min={0} max={Math.max(0, size - 1)} step={ROW} value={offset}
        onChange={(e) => setOffset(Math.max(0, Math.min(size - 1, Number(e.target.value) || 0)))} /> of {size.toLocaleString('en-US')} bytes</label>
      <div className="hex-rows">{rows}</div>
    </div>
  );
}
