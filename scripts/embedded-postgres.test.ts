// security #11.11: .data/postgres.json holds the embedded server's superuser password; it was
// left world-readable.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeOwnerOnly } from "./embedded-postgres";

describe("security #11.11: the embedded PostgreSQL's password file", () => {
  it("is readable by its owner only, also when an older copy was world-readable", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fiberops-state-"));
    try {
      const file = path.join(dir, "postgres.json");
      writeFileSync(file, "{}", { mode: 0o644 });
      writeOwnerOnly(file, JSON.stringify({ port: 54329, password: "secret" }));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      writeOwnerOnly(path.join(dir, "new.json"), "{}");
      expect(statSync(path.join(dir, "new.json")).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
