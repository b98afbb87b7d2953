/**
 * Temporary directories for tests that write files (exports to import, CSV fixtures), removed
 * once the test that made one has finished (or, when made while a test file is being collected,
 * after that file's tests), so a run leaves nothing behind in the OS temp folder. Vitest stops its
 * workers without a normal exit, so an exit hook would not do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/** A new empty directory named `<prefix>XXXXXX`, removed when the current test (or file) is done. */
export function temporaryDirectory(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    // Not inside a test: made at the top of a test file, for all of its tests.
    afterAll(remove);
  }
  return dir;
}
