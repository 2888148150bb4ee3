/**
 * Writes a share link's fragment (`shareLink.ts` reads it): the scenario as JSON, raw deflate at fflate's best
 * compression (the platform's CompressionStream has no level, and its links come out longer), base64url; then the
 * round the link opens at and the compiled modules of its WAT sources, when there are any.
 */
import { deflateSync, strToU8 } from 'fflate';
import type { Scenario } from './scenarioTypes.ts';
import { encodeBase64 } from './encodeBase64.ts';
import type { CompiledWatJson } from './compiledWatJson.ts';
import { SHARE_PREFIX } from './shareLink.ts';

export function encodeShareFragment(scenario: Scenario, round = 0, compiled: readonly (CompiledWatJson | null)[] = []): string {
  const modules = compiled.some((entry) => entry !== null) ? `&w=${deflateToBase64Url(JSON.stringify(compiled))}` : '';
  return SHARE_PREFIX + deflateToBase64Url(JSON.stringify(scenario)) + (round > 0 ? `&r=${Math.floor(round)}` : '') + modules;
}

function deflateToBase64Url(text: string): string {
  return encodeBase64(deflateSync(strToU8(text), { level: 9 })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
