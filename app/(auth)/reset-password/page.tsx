import { redirect } from "next/navigation";

// /reset-password without a token: ask for a link first.
export default function Page() {
  redirect("/forgot-password");
}
