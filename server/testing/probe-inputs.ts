// Plausible inputs for any tRPC procedure, for the generated isolation tests (tenant and
// partner): a sample value for a zod schema, and the id-like fields to aim another party's ids at.
export type ZodLike = { _zod: { def: Record<string, unknown> & { type: string } } };
const ID_FIELD = /^id$|Id$/;

/** A plausible value for a zod schema (fields that are optional are left out). */
export function sample(schema: ZodLike, key = ""): unknown {
  const def = schema._zod.def;
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, ZodLike>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(shape)) {
        const value = sample(v, k);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
      return ID_FIELD.test(key) ? sample(def.innerType as ZodLike, key) : undefined;
    case "pipe":
      return sample(def.in as ZodLike, key);
    case "string":
      return def.format === "email" ? "probe@example.com" : def.format === "url" ? "http://example.com" : "probe-value";
    case "number":
      return 1;
    case "boolean":
      return false;
    case "enum":
      return Object.values(def.entries as Record<string, string>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "array":
      return [];
    case "union":
      return sample((def.options as ZodLike[])[0]!, key);
    case "date":
      return new Date();
    case "record":
      return {};
    default:
      return undefined;
  }
}

/** The id-like fields of an input and whether each takes a number or a string. */
export function idFields(schema: ZodLike): Array<{ key: string; numeric: boolean; array: boolean }> {
  const unwrap = (s: ZodLike): ZodLike => {
    const d = s._zod.def;
    if (["optional", "nullable", "default", "prefault", "catch"].includes(d.type))
      return unwrap(d.innerType as ZodLike);
    if (d.type === "pipe") return unwrap(d.in as ZodLike);
    return s;
  };
  const root = unwrap(schema);
  if (root._zod.def.type !== "object") return [];
  return Object.entries(root._zod.def.shape as Record<string, ZodLike>)
    .filter(([k]) => ID_FIELD.test(k) || /Ids$/.test(k))
    .map(([key, s]) => {
      const inner = unwrap(s);
      const array = inner._zod.def.type === "array";
      const element = array ? unwrap(inner._zod.def.element as ZodLike) : inner;
      return { key, numeric: element._zod.def.type === "number", array };
    });
}

export type ProcedureDef = { _def: { type: string; inputs: ZodLike[] } };
