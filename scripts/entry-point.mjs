// Whether a module is the script Node was started with (`node file`, `tsx file`, a symlink to
// it included), so that a module can both be imported and run. Plain Node, for scripts/ and
// server/ alike.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** @param {string} moduleUrl the module's import.meta.url */
export function isEntryPoint(moduleUrl) {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}
