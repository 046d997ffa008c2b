// Our VOLTHA .proto subset against voltha-protos 5.7.9 (voltha-protos-5.7.9.json lists the
// upstream definitions): every package, message, field number and type, enum value and service
// method we declare must be upstream's, so the real VOLTHA core and our client and fake read
// the same bytes.
import path from "node:path";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import upstream from "./voltha-protos-5.7.9.json";

type Field = { id: number; type: string; repeated?: boolean; map?: string; oneof?: string };

function ours() {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith("google/") ? target : path.join(__dirname, target));
  root.loadSync(["voltha_protos/voltha.proto", "voltha_protos/extensions.proto", "voltha_protos/events.proto"], {
    keepCase: true,
  });
  root.resolveAll();
  const all: protobuf.ReflectionObject[] = [];
  const walk = (ns: protobuf.NamespaceBase) => {
    for (const n of ns.nestedArray) {
      if (n.fullName.startsWith(".google")) continue;
      all.push(n);
      if (n instanceof protobuf.Namespace) walk(n);
    }
  };
  walk(root);
  return all;
}

const name = (n: protobuf.ReflectionObject) => n.fullName.slice(1);
const messages = upstream.messages as Record<string, Record<string, Field>>;
const enums = upstream.enums as Record<string, Record<string, number>>;
const services = upstream.services as Record<string, Record<string, { request: string; response: string }>>;

describe("our VOLTHA protos are a subset of voltha-protos 5.7.9", () => {
  const declared = ours();

  it("declares only upstream messages, enums and services, in upstream's packages", () => {
    for (const n of declared) {
      if (n instanceof protobuf.Type) expect(messages, name(n)).toHaveProperty([name(n)]);
      else if (n instanceof protobuf.Enum) expect(enums, name(n)).toHaveProperty([name(n)]);
      else if (n instanceof protobuf.Service) expect(services, name(n)).toHaveProperty([name(n)]);
    }
  });

  for (const type of declared.filter((n): n is protobuf.Type => n instanceof protobuf.Type)) {
    it(`message ${name(type)}: field numbers and types`, () => {
      for (const f of type.fieldsArray) {
        const want = messages[name(type)][f.name];
        expect(want, `${name(type)}.${f.name} is not upstream`).toBeDefined();
        expect({
          id: f.id,
          type: f.resolvedType ? name(f.resolvedType) : f.type,
          ...(f.repeated ? { repeated: true } : {}),
          ...(f instanceof protobuf.MapField ? { map: f.keyType } : {}),
          ...(f.partOf ? { oneof: f.partOf.name } : {}),
        }).toEqual(want);
      }
    });
  }

  for (const e of declared.filter((n): n is protobuf.Enum => n instanceof protobuf.Enum)) {
    it(`enum ${name(e)}: every upstream value`, () => expect(e.values).toEqual(enums[name(e)]));
  }

  for (const s of declared.filter((n): n is protobuf.Service => n instanceof protobuf.Service)) {
    it(`service ${name(s)}: methods and their messages`, () => {
      for (const m of s.methodsArray)
        expect({ request: name(m.resolvedRequestType!), response: name(m.resolvedResponseType!) }).toEqual(
          services[name(s)][m.name],
        );
    });
  }
});
