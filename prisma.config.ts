import { defineConfig } from "prisma/config";

// No datasource URL here: generating the client must not need a database.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  // FreeRADIUS's tables: created by hand-written SQL (stock column names, partial indexes,
  // triggers) in prisma/migrations/*_radius_tables; modelled in prisma/schema/radius.prisma.
  experimental: { externalTables: true },
  tables: {
    external: [
      "public.radcheck",
      "public.radreply",
      "public.radgroupcheck",
      "public.radgroupreply",
      "public.radusergroup",
      "public.radacct",
      "public.radpostauth",
      "public.nas",
      "public.nasreload",
      "public.radius_reload",
    ],
  },
});
