import { redirect } from "next/navigation";
import { homeFor } from "@/server/landing";
import { currentUser } from "@/server/page-guard";

/** `/` sends people to their portal, or to sign in. */
export default async function Home() {
  const user = await currentUser();
  redirect(user ? homeFor(user.audience, user.roleKey) : "/sign-in");
}
