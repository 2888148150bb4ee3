import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPORT_VERSIONS } from './icpProject.ts';

const installed = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')).version as string;

describe('[export/icpProject] the versions an exported project pins', () => {
  // wat2wasm and moc.js give the playground's bytes only at the versions the playground compiles with.
  it.each([
    ['wabt', EXPORT_VERSIONS.wabt, 'node_modules/wabt/package.json'],
    ['motoko', EXPORT_VERSIONS.motoko, 'node_modules/motoko/package.json'],
  ])('%s is the version the playground compiles with', (_, pinned, manifest) => {
    expect(pinned).toBe(installed(manifest));
  });

  it('@dfinity/pic is the version the export tests type-check the PocketIC test against', () => {
    const toolchain = JSON.parse(readFileSync(new URL('../../tests/export/toolchain/package.json', import.meta.url), 'utf8'));
    expect(toolchain.devDependencies['@dfinity/pic']).toBe(EXPORT_VERSIONS.pic);
    expect(toolchain.devDependencies['@icp-sdk/core']).toBe(EXPORT_VERSIONS.icpSdkCore);
  });
});
