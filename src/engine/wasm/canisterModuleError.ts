/**
 * The one exception type used inside `src/engine/wasm`: decoding and validation throw it with the final,
 * user-facing message, and `prepareCanisterModule` converts it into `{ ok: false, error }`. It never
 * crosses the module's public boundary (results are values there; ic-reference style rule "results, not
 * exceptions").
 */
export class CanisterModuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanisterModuleError';
  }
}
