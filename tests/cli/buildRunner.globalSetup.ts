/**
 * Builds the runner (`scripts/buildRunner.mjs`, 0.5 s) once before the tests, so the tests that run the package's
 * bin run the sources as they are now, never a bundle left from an earlier build.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/buildRunner.mjs'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'inherit' });
}
