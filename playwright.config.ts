import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium by default (Playwright can't download browsers here); CHROMIUM_PATH
// overrides it, and where neither exists Playwright's own browser is used.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const port = Number(process.env.E2E_PORT ?? 4317);

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
  // The real server on the production build, with the test-only fault ids switched on.
  webServer: {
    command: `npx vite build --logLevel warn && npx tsx server/main.ts --faults`,
    url: `http://127.0.0.1:${port}/v1/chat/completions?limit=1`,
    env: { PORT: String(port), HOST: '127.0.0.1', OPENAI_API_KEY: '' },
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
