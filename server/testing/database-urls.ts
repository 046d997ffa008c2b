/** The server tests create their databases on (PostgreSQL superuser, trust auth by default). */
export function adminUrl() {
  return process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrlFor(name: string) {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
