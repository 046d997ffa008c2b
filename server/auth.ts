// next-auth: credentials sign-in. The cookie (a signed JWT) names a server-side session
// (UserSession) and carries the user id and session version; everything else is read from the
// database on each request, and signing out ends the session on the server.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientIp } from "@/server/client-ip";
import { env } from "@/server/env";
import {
  endSession,
  type SessionClaims,
  type SessionUser,
  signInWithLink,
  startSession,
  userOfSession,
  verifyCredentials,
} from "@/server/modules/identity";

class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

/** A server-side session for a signed-in user, and what the cookie carries. */
async function sessionFor(
  user: { id: string; email: string; name: string; sessionVersion: number },
  ip: string | null,
) {
  const sid = await startSession(user.id, ip);
  return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion, sid };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const ip = clientIp(request.headers);
        const result = await verifyCredentials(String(credentials.email ?? ""), String(credentials.password ?? ""), ip);
        if (!result.ok) throw new SignInRefused(result.reason);
        return sessionFor(result.user, ip);
      },
    }),
    // A subscriber's emailed sign-in link (where the tenant allows them).
    Credentials({
      id: "magic-link",
      credentials: { token: { label: "Token" } },
      async authorize(credentials, request) {
        const ip = clientIp(request.headers);
        const result = await signInWithLink(String(credentials.token ?? ""), ip);
        if (!result.ok) throw new SignInRefused(result.reason);
        return sessionFor(result.user, ip);
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; sv?: number; sid?: string };
        token.uid = u.id;
        token.sv = u.sv ?? 0;
        token.sid = u.sid;
      }
      return token;
    },
    session({ session, token }) {
      Object.assign(session.user, { id: token.uid, sv: token.sv, sid: token.sid });
      return session;
    },
  },
});

/** The signed-in user of this request: the cookie's session must still be open on the server. */
export async function sessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  return userOfSession(session?.user as SessionClaims | undefined);
}

/** Ends this request's session on the server (then clear the cookie with signOut). */
export async function endCurrentSession() {
  const session = await auth();
  const sid = (session?.user as SessionClaims | undefined)?.sid;
  if (sid) await endSession(sid);
}
