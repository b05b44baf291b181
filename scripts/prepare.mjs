// Plain-Node bootstrap for `npm start`, `npm test` and `npm run bench` on a fresh clone:
// installs dependencies when missing or stale, builds the viewer when its sources are newer
// than the build and the demo images when their generator changed, and checks that a Chromium
// is there for the browser tests.
// Usage: node scripts/prepare.mjs [--build] [--chromium]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));

function run(cmd, cmdArgs, { quiet = false } = {}) {
  if (!quiet) console.log(`> ${cmd} ${cmdArgs.join(' ')}`);
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time of any file under `path` (a file or a folder). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

// 1. Dependencies: npm keeps node_modules/.package-lock.json in step with what it installed.
const installed = mtime(join(root, 'node_modules', '.package-lock.json'));
const lock = join(root, 'package-lock.json');
if (!installed || mtime(lock) > installed || mtime(join(root, 'package.json')) > installed) {
  run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit']);
}

// 2. The production build, when any of its inputs is newer than dist/index.html.
if (args.has('--build')) {
  const built = mtime(join(root, 'dist', 'index.html'));
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) =>
    newest(join(root, p)),
  );
  if (!built || Math.max(...inputs) > built) run('npx', ['vite', 'build', '--logLevel', 'warn']);
  // The served demo images, encoded once into .cache/demo-images/<generator version>/ (quick
  // when they are there already) instead of on a request (server/data/image-cache.ts).
  run(process.execPath, ['--import', 'tsx', 'server/data/image-cache.ts'], { quiet: true });
}

// 3. A Chromium for Playwright: CHROMIUM_PATH, Debian's, or Playwright's own download.
if (args.has('--chromium')) {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
  let found = candidates.find((p) => existsSync(p));
  if (!found) {
    try {
      const { chromium } = await import('@playwright/test');
      const own = chromium.executablePath();
      if (own && existsSync(own)) found = own;
    } catch {
      // Playwright's own browser is not installed: fall through to the advice below.
    }
  }
  if (!found) {
    console.error(
      [
        'No Chromium found for the browser tests.',
        '  On Debian/Ubuntu:   sudo apt-get install -y chromium',
        '  Elsewhere:          npx playwright install chromium',
        '  Or point CHROMIUM_PATH at a Chromium/Chrome binary.',
      ].join('\n'),
    );
    process.exit(1);
  }
}
