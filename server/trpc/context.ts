// The request context: who is calling, from where, and (for tenant users) the tenant-scoped
// database. The user is re-read on every request so a disabled user or a changed role takes
// effect at once.
import { sessionUser } from "@/server/auth";
import { clientIp } from "@/server/client-ip";
import type { SessionUser } from "@/server/modules/identity";

export type Context = {
  user: SessionUser | null;
  ip: string | null;
  /** The browser's User-Agent (kept in e-signature records). */
  userAgent?: string | null;
};

export async function createContext(req: Request): Promise<Context> {
  return { user: await sessionUser(), ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") };
}

export { clientIp } from "@/server/client-ip";
