// Calls the REST API the way a client does: a request through the /api/v1 dispatcher (path
// matching, auth, idempotency, rate limits), every answer checked against the OpenAPI document
// (the status must be documented for the operation, the body must match its schema).
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { API_ROUTES } from "@/app/api/v1/routes";
import { openApiDocument } from "@/server/rest";
import { restDispatcher } from "@/server/rest-handler";

export const apiDocument = openApiDocument(API_ROUTES);
/** The /api/v1 handler itself (for tests that serve it over real HTTP). */
export const dispatchApi = restDispatcher(API_ROUTES);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(apiDocument, "api");

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** The documented operation (path template and method) a concrete path falls under. */
export function operationOf(method: string, path: string) {
  for (const template of Object.keys(apiDocument.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}/?$`);
    if (pattern.test(path) && (apiDocument.paths[template] as Record<string, unknown>)[method.toLowerCase()])
      return { template, method: method.toLowerCase() };
  }
  return null;
}

/** Throws when `body` (status `status`) is not what the document says `method path` answers. */
export function assertDocumented(
  method: string,
  path: string,
  status: number,
  body: unknown,
  contentType = "application/json",
) {
  const op = operationOf(method, path);
  let ref: string;
  if (op) {
    const responses = (
      apiDocument.paths[op.template] as Record<string, { responses: Record<string, { content?: object }> }>
    )[op.method]!.responses;
    if (!responses[String(status)]) throw new Error(`${method} ${op.template} answered ${status}, not documented`);
    if (!(contentType in (responses[String(status)]!.content ?? {})))
      throw new Error(`${method} ${op.template} answered ${status} as ${contentType}, not documented`);
    ref = `api#/${pointer("paths", op.template, op.method, "responses", String(status), "content", contentType, "schema")}`;
  } else {
    if (status !== 404 && status !== 405) throw new Error(`${method} ${path} is not documented but answered ${status}`);
    ref = "api#/components/schemas/Error";
  }
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  if (!validate(body))
    throw new Error(`${method} ${path} → ${status} does not match the document: ${ajv.errorsText(validate.errors)}`);
}

// biome-ignore lint/suspicious/noExplicitAny: tests read answers by field; the document already checked them
export type ApiAnswer = { status: number; headers: Headers; body: any };

/** One request to /api/v1<path> with a bearer token (or none), checked against the document. */
export async function callApi(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: BodyInit; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      "content-type": "application/json",
      ...opts.headers,
    },
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const res = await dispatchApi(req);
  const contentType = res.headers.get("content-type") ?? "";
  // A JSON answer is parsed; another (the Prometheus text) is checked as the string it is.
  const body = contentType.startsWith("application/json") ? await res.json() : await res.text();
  assertDocumented(
    method,
    path.split("?")[0]!,
    res.status,
    body,
    contentType.startsWith("application/json") ? "application/json" : contentType,
  );
  return { status: res.status, headers: res.headers, body };
}
