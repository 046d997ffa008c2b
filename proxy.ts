// Runs before every page request:
// - passes the requested path to server components (the portal layouts use it to send a
//   signed-out person back here after sign-in);
// - sets a Content-Security-Policy with a fresh nonce and the other security headers. Next.js
//   reads the nonce from the request's CSP header and puts it on its own scripts, so it is set
//   on the request as well as on the answer.
import { type NextRequest, NextResponse } from "next/server";
import { baseSecurityHeaders, contentSecurityPolicy, newNonce } from "@/server/security-headers";

export function proxy(request: NextRequest) {
  const https = request.nextUrl.protocol === "https:";
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(baseSecurityHeaders(https))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.[a-z0-9]+$).*)"],
};
