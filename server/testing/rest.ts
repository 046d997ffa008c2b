// Calls a REST route handler (app/api/v1/**/route.ts) the way Next.js does, with a bearer token.
export type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export function callRoute<P>(
  handler: RouteHandler<P>,
  method: string,
  path: string,
  params: P,
  opts: { token: string; body?: unknown; headers?: Record<string, string> },
) {
  const req = new Request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json", ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return handler(req, { params: Promise.resolve(params) });
}
