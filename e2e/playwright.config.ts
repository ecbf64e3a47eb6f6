// The same specs run in Electron mode where an Electron binary is installed, else in browser mode
// (e2e/harness/modes.ts). Run after a build: npx electron-vite build.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './specs',
  outputDir: './results',
  globalSetup: './harness/global-setup.ts',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 20_000 },
});
