import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import {
  KEYED_API_ORIGIN,
  KEYED_API_PORT,
  STATIC_ORIGIN,
  STATIC_PORT,
  TEST_API_KEY,
} from './e2e/helpers-connection.ts';

// Debian's Chromium by default (Playwright can't download browsers here); CHROMIUM_PATH
// overrides it, and where neither exists Playwright's own browser is used.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const port = Number(process.env.E2E_PORT ?? 4317);
// The e2e build (with a short request timeout, below) goes to its own folder, never to dist/,
// which `npm start` serves. E2E_OUT_DIR picks another, so runs on other ports can go in parallel.
const outDir = process.env.E2E_OUT_DIR ?? 'dist-e2e';
// The pages' CSP must let the direct connection reach the key-required API on another port, and
// the connection tests' unreachable free ports (a blocked origin is tested with localhost).
// Each server keeps its database in memory (a copy of the demo template in .viewer-data/), so
// e2e mutations never reach a database file and parallel runs share nothing.
const staticEnv = {
  VIEWER_DB: ':memory:',
  VIEWER_STATIC_DIR: outDir,
  VIEWER_CONNECT_SRC: 'https://api.openai.com http://127.0.0.1:*',
};
/**
 * The client gives up on a request after this long without an answer (30 s in production):
 * short enough for faults.spec.ts to wait for a hung page, long enough for everything else.
 */
export const E2E_REQUEST_TIMEOUT_MS = 8_000;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 2 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'on-first-retry',
    ...devices['Desktop Chrome'],
    // The reader's locale and time zone decide how numbers and dates are written: fixed here so
    // no spec depends on the machine it runs on (a spec may pick others with test.use).
    locale: 'en-US',
    timezoneId: 'UTC',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Playwright sets web servers up one after another, in this order, each awaited until its URL
  // answers (the runner's plugin setup tasks are sequential), so the first one's build is done
  // before the other two start; they serve dist/ from disk and never build.
  webServer: [
    // The real server on the production build, with the test-only fault ids switched on.
    {
      command: `npx vite build --logLevel warn --outDir ${outDir} --emptyOutDir && npx tsx server/main.ts --faults`,
      url: `http://127.0.0.1:${port}/v1/chat/completions?limit=1`,
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        OPENAI_API_KEY: '',
        VITE_REQUEST_TIMEOUT_MS: String(E2E_REQUEST_TIMEOUT_MS),
        ...staticEnv,
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    // An OpenAI look-alike for the direct connection: the demo data behind a required key, with
    // CORS like api.openai.com (connection.spec.ts).
    {
      command: `npx tsx server/main.ts --require-key ${TEST_API_KEY}`,
      url: `${KEYED_API_ORIGIN}/__viewer/info`,
      env: { PORT: String(KEYED_API_PORT), HOST: '127.0.0.1', OPENAI_API_KEY: '', ...staticEnv },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    // The same build on a plain static host (no /v1): the viewer must connect directly.
    {
      command: 'npx tsx server/main.ts --static-only',
      url: `${STATIC_ORIGIN}/`,
      env: { PORT: String(STATIC_PORT), HOST: '127.0.0.1', OPENAI_API_KEY: '', ...staticEnv },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
