// maplibre-gl draws in a Web Worker it loads by URL: serve the package's worker from public/
// (run from package.json's postinstall; the copy is gitignored and refreshed on every install).
import { copyFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
let source;
try {
  source = path.join(path.dirname(require.resolve("maplibre-gl/package.json")), "dist", "maplibre-gl-worker.mjs");
} catch {
  process.exit(0); // maplibre-gl not installed (e.g. a production install without it)
}
if (existsSync(source)) copyFileSync(source, path.join(import.meta.dirname, "..", "public", "maplibre-gl-worker.mjs"));
