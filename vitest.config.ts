import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "server/**/*.test.ts",
      "simulator/**/*.test.ts",
      "inngest/**/*.test.ts",
      "radius/**/*.test.ts",
      "emails/**/*.test.ts",
      "scripts/**/*.test.ts",
      "components/**/*.test.ts",
    ],
    globalSetup: ["server/testing/global-setup.ts"],
    setupFiles: ["server/testing/provide-readers.ts"],
    // The fakes of VOLTHA, GenieACS, NetBox and push services listen on loopback, which the
    // outbound guard refuses unless allowed; a test of the guard sets its own list.
    env: { OUTBOUND_ALLOWLIST: "127.0.0.1, ::1, localhost" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run in parallel, each in its own database.
    maxWorkers: 2,
  },
});
