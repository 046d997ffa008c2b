// Tenant B's rows for the generated isolation tests (tRPC: server/trpc/tenant-isolation.test.ts,
// REST: server/rest-isolation.test.ts): one row in every table that has a tenant column, made
// from the database catalogue so tables added later are covered without editing the tests;
// a snapshot to prove nothing of B changed (plausible inputs: probe-inputs.ts).
import { randomUUID } from "node:crypto";
import type pg from "pg";

type Column = {
  table: string;
  column: string;
  dataType: string;
  udt: string;
  nullable: boolean;
  hasDefault: boolean;
  identity: boolean;
  charLength: number | null;
};
type ForeignKey = { table: string; column: string; refTable: string; refColumn: string };
/** Text columns of the seeded rows start with this, so a leak is easy to spot. */
export const MARKER = "bprobe";

async function catalogue(sql: pg.Client) {
  const columns = (
    await sql.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, is_identity, character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    )
  ).rows.map(
    (r): Column => ({
      table: r.table_name,
      column: r.column_name,
      dataType: r.data_type,
      udt: r.udt_name,
      nullable: r.is_nullable === "YES",
      hasDefault: r.column_default !== null,
      identity: r.is_identity === "YES",
      charLength: r.character_maximum_length,
    }),
  );
  const fks = (
    await sql.query(
      `SELECT kcu.table_name, kcu.column_name, ccu.table_name AS ref_table, ccu.column_name AS ref_column
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema
       JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
    )
  ).rows.map(
    (r): ForeignKey => ({ table: r.table_name, column: r.column_name, refTable: r.ref_table, refColumn: r.ref_column }),
  );
  const pks = new Map<string, string>(
    (
      await sql.query(
        `SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema
         WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'`,
      )
    ).rows.map((r) => [r.table_name, r.column_name]),
  );
  const enums = new Map<string, string>(
    (
      await sql.query(
        `SELECT t.typname, min(e.enumlabel) AS label FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
      )
    ).rows.map((r) => [r.typname, r.label]),
  );
  return { columns, fks, pks, enums };
}

function sampleValue(c: Column, enums: Map<string, string>, n: number): unknown {
  if (c.dataType === "ARRAY") return [];
  if (c.dataType === "USER-DEFINED") return enums.get(c.udt) ?? null;
  switch (c.udt) {
    case "uuid":
      return randomUUID();
    case "text":
    case "varchar":
      return `${MARKER}-${c.column}-${n}`.slice(0, c.charLength ?? 200);
    case "bpchar":
      return c.charLength === 3 ? "EUR" : "X".repeat(c.charLength ?? 1);
    case "int2":
    case "int4":
    case "int8":
    case "numeric":
    case "float4":
    case "float8":
      return 1;
    case "bool":
      return false;
    case "timestamp":
    case "timestamptz":
    case "date":
      return new Date();
    case "json":
    case "jsonb":
      return {};
    case "inet":
      return `10.250.${n % 250}.1`;
    case "cidr":
      return `10.251.${n % 250}.0/24`;
    case "macaddr":
      return `02:00:00:00:${(n % 250).toString(16).padStart(2, "0")}:01`;
    default:
      return null;
  }
}

/** Inserts one row for tenant B in every table with a tenant column, parents before children. */
export async function seedEveryTenantTable(sql: pg.Client, tenantB: string) {
  const { columns, fks, pks, enums } = await catalogue(sql);
  const tables = [...new Set(columns.map((c) => c.table))].filter((table) =>
    columns.some((c) => c.table === table && (c.column === "tenantId" || c.column === "tenant_id")),
  );
  const seeded = new Map<string, Record<string, unknown>>();
  const failed = new Map<string, string>();
  let progress = true;
  let n = 0;
  while (progress) {
    progress = false;
    for (const table of tables) {
      if (seeded.has(table)) continue;
      const values: Record<string, unknown> = {};
      let blocked = false;
      for (const c of columns.filter((col) => col.table === table)) {
        if (c.column === "tenantId" || c.column === "tenant_id") {
          values[c.column] = tenantB;
          continue;
        }
        const fk = fks.find((f) => f.table === table && f.column === c.column);
        if (fk) {
          if (fk.refTable === "Tenant") values[c.column] = tenantB;
          else if (seeded.has(fk.refTable)) values[c.column] = seeded.get(fk.refTable)![fk.refColumn];
          else if (!c.nullable) blocked = true;
          continue;
        }
        if (c.identity || (c.hasDefault && c.column !== pks.get(table))) continue;
        if (c.hasDefault) continue;
        if (c.nullable && !/Id$|_id$/.test(c.column)) continue;
        values[c.column] = sampleValue(c, enums, n++);
      }
      if (blocked) continue;
      const names = Object.keys(values);
      try {
        const result = await sql.query(
          `INSERT INTO "${table}" (${names.map((x) => `"${x}"`).join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING *`,
          names.map((k) =>
            values[k] !== null &&
            typeof values[k] === "object" &&
            !(values[k] instanceof Date) &&
            !Array.isArray(values[k])
              ? JSON.stringify(values[k])
              : values[k],
          ),
        );
        seeded.set(table, result.rows[0]);
        failed.delete(table);
        progress = true;
      } catch (error) {
        failed.set(table, (error as Error).message);
      }
    }
  }
  return { seeded, failed, pks, tenantTables: tables };
}

/** Every tenant-B row of every tenant table, to compare before and after. */
export async function snapshotTenant(sql: pg.Client, tables: string[], tenantB: string) {
  const out: Record<string, unknown[]> = {};
  const { rows: cols } = await sql.query(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema='public' AND column_name IN ('tenantId','tenant_id')`,
  );
  for (const table of tables) {
    const col = cols.find((c) => c.table_name === table)?.column_name;
    const { rows } = await sql.query(`SELECT * FROM "${table}" WHERE "${col}"::text = $1 ORDER BY 1`, [tenantB]);
    out[table] = rows;
  }
  const { rows: tenant } = await sql.query(`SELECT * FROM "Tenant" WHERE id = $1`, [tenantB]);
  out.Tenant = tenant;
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}
