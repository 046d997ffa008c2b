// GET /api/v1/openapi.json: the OpenAPI 3.1 document of every /api/v1 route (public).
import { openApiDocument } from "@/server/rest";
import { API_ROUTES } from "../routes";

export const dynamic = "force-dynamic";

let document: ReturnType<typeof openApiDocument> | undefined;

export function GET() {
  document ??= openApiDocument(API_ROUTES, { serverUrl: "/api/v1" });
  return Response.json(document);
}
