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
        const sid = await startSession(result.user.id, ip);
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          sv: result.user.sessionVersion,
          sid,
        };
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
