// The request context: who is calling, from where, and (for tenant users) the tenant-scoped
// database. The user is re-read on every request so a disabled user or a changed role takes
// effect at once.
import { auth } from "@/server/auth";
import { db } from "@/server/db";
import { loadSessionUser, type SessionUser } from "@/server/modules/identity";

export type Context = {
  user: SessionUser | null;
  ip: string | null;
};

export async function createContext(req: Request): Promise<Context> {
  const session = await auth();
  const claims = session?.user as { id?: string; sv?: number } | undefined;
  const user = claims?.id ? await loadSessionUser(db(), claims.id, claims.sv ?? 0) : null;
  return { user, ip: clientIp(req.headers) };
}

export function clientIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}
