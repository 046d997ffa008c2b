// The API reference page and its files are served from this installation (no CDN).
import { describe, expect, it } from "vitest";
import { GET as asset } from "@/app/api/docs/[asset]/route";
import { GET as page } from "@/app/api/docs/route";

const get = (name: string) =>
  asset(new Request(`http://localhost/api/docs/${name}`), { params: Promise.resolve({ asset: name }) });

describe("/api/docs", () => {
  it("renders Swagger UI on the OpenAPI document with files served locally", async () => {
    const html = await page().text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      "/api/docs/swagger-ui.css",
      "/api/v1/openapi.json",
      "/api/docs/swagger-ui-bundle.js",
      "/api/docs/init.js",
    ]);
    const bundle = await get("swagger-ui-bundle.js");
    expect(bundle.headers.get("content-type")).toMatch(/javascript/);
    expect(await bundle.text()).toContain("SwaggerUIBundle");
    expect((await (await get("swagger-ui.css")).text()).length).toBeGreaterThan(10_000);
    expect(await (await get("init.js")).text()).toContain('url: "/api/v1/openapi.json"');
    expect((await get("../../package.json")).status).toBe(404);
  });
});
