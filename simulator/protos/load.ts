// Loads our VOLTHA .proto subset for both the real client and the fake server.
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

export const PROTO_DIR = process.env.VOLTHA_PROTO_DIR ?? path.join(process.cwd(), "simulator", "protos");

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

type ServiceCtor = grpc.ServiceClientConstructor;
export type VolthaPackage = {
  voltha: { VolthaService: ServiceCtor };
  extension: { Extension: ServiceCtor };
};

let cached: VolthaPackage | undefined;

export function loadVolthaProtos(): VolthaPackage {
  if (cached) return cached;
  const definition = protoLoader.loadSync(
    ["voltha_protos/voltha.proto", "voltha_protos/extensions.proto", "voltha_protos/events.proto"],
    LOADER_OPTIONS,
  );
  cached = grpc.loadPackageDefinition(definition) as unknown as VolthaPackage;
  return cached;
}
