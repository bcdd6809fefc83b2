// End-to-end tests against the built dist/, served from a sub-path as GitHub Pages would.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.DATELINE_E2E_PORT || 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-artifacts/playwright',
  // Generous: these are waits for behaviour, never limits on speed (a loaded CI machine is slower).
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}/dateline/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: `node tests/e2e/serve.mjs ${port}`,
    url: `http://127.0.0.1:${port}/dateline/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
