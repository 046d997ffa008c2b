// The Prisma schema engine compiled to WebAssembly, driven over @prisma/adapter-pg.
// The CLI's native engine cannot be downloaded here; the wasm build writes the same
// migration format, so `prisma migrate deploy` agrees wherever it can run.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

export type SchemaFile = { path: string; content: string };

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

function connectionFields(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}

// PostgreSQL's internal "char" type (OID 18) appears in the engine's introspection queries
// and adapter-pg refuses it; cast such values to a one-letter text column (ColumnType 6).
const CHAR_OID = 18;
const CHARACTER_COLUMN = 6;
let patched = false;
function patchCharType(adapter: object) {
  if (patched) return;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "queryRaw")) proto = Object.getPrototypeOf(proto);
  const original = proto.queryRaw;
  proto.queryRaw = async function (
    this: { performIO(q: unknown): Promise<{ fields: { name: string; dataTypeID: number }[]; rows: unknown[][] }> },
    query: unknown,
  ) {
    const result = await this.performIO(query);
    if (!result.fields.some((f) => f.dataTypeID === CHAR_OID)) return original.call(this, query);
    const plain = {
      ...result,
      fields: result.fields.map((f) => (f.dataTypeID === CHAR_OID ? { ...f, dataTypeID: 25 } : f)),
    };
    const reply = await original.call(
      { ...this, performIO: async () => plain, pgOptions: (this as { pgOptions?: unknown }).pgOptions },
      query,
    );
    result.fields.forEach((f, i) => {
      if (f.dataTypeID === CHAR_OID) reply.columnTypes[i] = CHARACTER_COLUMN;
    });
    return reply;
  };
  patched = true;
}

export async function openSchemaEngine(databaseUrl: string, files: SchemaFile[]): Promise<Engine> {
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import(bgPath);
  const dir = path.dirname(bgPath);
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  const exports = instance.exports as Record<string, () => void>;
  bg.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  const pg = new PrismaPg(connectionFields(databaseUrl));
  patchCharType(
    await pg.connect().then(async (a) => {
      await a.dispose();
      return a;
    }),
  );
  const factory = bindMigrationAwareSqlAdapterFactory(pg);
  const log = () => {};
  return bg.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, log, factory);
}
