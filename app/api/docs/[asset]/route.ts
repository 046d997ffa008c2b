// The files of the API reference page (/api/docs): Swagger UI's bundle and styles from the
// swagger-ui-dist package, and the few lines that point it at our OpenAPI document.
import { readFile } from "node:fs/promises";
import path from "node:path";

export const dynamic = "force-static";

const INIT = `window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  docExpansion: "list",
  defaultModelsExpandDepth: 0,
});
`;

const ASSETS: Record<string, { type: string; read: () => Promise<string> }> = {
  "swagger-ui.css": {
    type: "text/css; charset=utf-8",
    read: () => readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", "swagger-ui.css"), "utf8"),
  },
  "swagger-ui-bundle.js": {
    type: "text/javascript; charset=utf-8",
    read: () => readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", "swagger-ui-bundle.js"), "utf8"),
  },
  "init.js": { type: "text/javascript; charset=utf-8", read: async () => INIT },
};

export function generateStaticParams() {
  return Object.keys(ASSETS).map((asset) => ({ asset }));
}

export async function GET(_req: Request, context: { params: Promise<{ asset: string }> }) {
  const asset = ASSETS[(await context.params).asset];
  if (!asset) return Response.json({ error: { code: "NOT_FOUND", message: "No such file" } }, { status: 404 });
  return new Response(await asset.read(), {
    headers: { "content-type": asset.type, "cache-control": "public, max-age=3600" },
  });
}
