/**
 * Bring your own Wasm: a module from disk (`.wasm`, or gzipped `.wasm.gz` as dfx and icp-cli write them) as a
 * canister's code. Read as bytes and handed on base64-encoded, the form a scenario's `{ "wasm": … }` source takes;
 * the engine validates it at install like any other module.
 */
import { useId, useState } from 'react';
import { uploadedWasm, type UploadedWasm } from './uploadedWasm.ts';

export function WasmUpload({ label, onLoad }: { label: string; onLoad: (wasm: UploadedWasm | null) => void }) {
  const id = useId();
  const [chosen, setChosen] = useState<UploadedWasm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const read = async (file: File) => {
    const result = uploadedWasm(file.name, new Uint8Array(await file.arrayBuffer()));
    const wasm = typeof result === 'string' ? null : result;
    setError(typeof result === 'string' ? result : null);
    setChosen(wasm);
    onLoad(wasm);
  };
  return (
    <div className="wasm-upload">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept=".wasm,.gz,application/wasm,application/gzip"
        onChange={(e) => { const file = e.target.files?.[0]; if (file) void read(file); }} />
      {chosen && <span className="muted" data-testid="wasm-chosen">{chosen.fileName}: {chosen.bytes.toLocaleString('en-US')} bytes</span>}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
