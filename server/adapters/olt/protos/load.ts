// Loads our VOLTHA .proto subset for both the real client and the fake server.
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import protobuf from "protobufjs";

export const PROTO_DIR =
  process.env.VOLTHA_PROTO_DIR ?? path.join(process.cwd(), "server", "adapters", "olt", "protos");

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

let eventType: protobuf.Type | undefined;

/** event.Event of voltha_protos/events.proto: the message VOLTHA publishes on Kafka voltha.events. */
export function loadVolthaEventType(): protobuf.Type {
  if (eventType) return eventType;
  const root = new protobuf.Root();
  // google/protobuf/* are bundled with protobufjs; ours resolve under PROTO_DIR.
  root.resolvePath = (_origin, target) => path.join(PROTO_DIR, target);
  root.loadSync("voltha_protos/events.proto", { keepCase: true });
  eventType = root.lookupType("event.Event");
  return eventType;
}
