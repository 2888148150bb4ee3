import { describe, expect, it } from 'vitest';
import { ErrorCode, errorCodeText } from '../../engine/index.ts';
import { explainErrorCode, explainRejectCode } from './errorExplanations.ts';

describe('[ui/errorExplanations]', () => {
  it.each([
    ['IC0207', /freezing limit/],
    ['IC0503', /ic0\.trap/],
    ['IC0512', /controller/],
    ['IC0536', /no method of this name/],
    ['IC9999', null],
    [null, null],
  ])('%s', (code, meaning) => {
    const text = explainErrorCode(code);
    if (meaning === null) expect(text).toBeNull();
    else expect(text).toMatch(meaning);
  });

  it('explains every error code the engine produces', () => {
    for (const code of Object.values(ErrorCode)) expect(explainErrorCode(errorCodeText(code)), errorCodeText(code)).toBeTruthy();
  });

  it.each([[2, /^SYS_TRANSIENT/], [5, /^CANISTER_ERROR/], [9, null], [undefined, null]])('reject code %s', (code, meaning) => {
    const text = explainRejectCode(code);
    if (meaning === null) expect(text).toBeNull();
    else expect(text).toMatch(meaning);
  });
});
