/**
 * Whether a module carries another Wasm module inside it: moc embeds an actor class's module in the module that
 * creates its instances (as a blob in a data segment), to install it with `install_code`.
 */
const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function embedsWasmModule(wasm: Uint8Array): boolean {
  const [first] = WASM_HEADER;
  for (let at = wasm.indexOf(first, WASM_HEADER.length); at >= 0 && at + WASM_HEADER.length <= wasm.length; at = wasm.indexOf(first, at + 1)) {
    if (WASM_HEADER.every((byte, i) => wasm[at + i] === byte)) return true;
  }
  return false;
}
