// Playwright: journeys in e2e/*.spec.ts run in Debian's Chromium against the production build
// (`next build` first), served by e2e/global-setup.ts on a fresh database with the demo data.
//   npm run test:e2e                      all specs
//   npm run test:e2e -- e2e/smoke.spec.ts one spec
// E2E_BASE_URL=http://localhost:3000 uses an app you started yourself instead.
import { defineConfig } from "@playwright/test";

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  // Partners' own domains (j16) are served by the e2e app on this machine.
  "--host-resolver-rules=MAP *.fibrelink.example 127.0.0.1",
];

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  // Journeys share one app and its demo tenant; two cores: one worker unless told otherwise.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: Number(process.env.E2E_RETRIES ?? 0),
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    // Set by global setup (workers load this file after it ran).
    baseURL: process.env.E2E_BASE_URL,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    reducedMotion: "reduce",
    actionTimeout: 20_000,
    navigationTimeout: 45_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
});
