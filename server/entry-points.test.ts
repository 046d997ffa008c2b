// The server entry points load in a fresh process, as `next build` loads them: code that reads
// another module's values while loading (a zod schema in a router, a registry spread) must
// not find them uninitialised ("Cannot access … before initialization"), whatever the order.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ENTRY_POINTS = [
  "app/api/trpc/[trpc]/route.ts",
  "app/api/v1/[[...path]]/route.ts",
  "app/api/v1/openapi.json/route.ts",
  "app/api/inngest/route.ts",
  "instrumentation.ts",
];

describe("server entry points", () => {
  it.each(ENTRY_POINTS)(
    "%s loads",
    async (entry) => {
      const file = path.join(process.cwd(), entry);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          "--import",
          "tsx",
          "--input-type=module",
          "-e",
          `await import(${JSON.stringify(file)}); console.log("loaded");`,
        ],
        { cwd: process.cwd(), timeout: 120_000 },
      );
      expect(stdout.trim().split("\n").pop()).toBe("loaded");
    },
    130_000,
  );
});
