import { Suspense } from "react";
import { UsersPage } from "./users-page";

export const metadata = { title: "Users & invitations" };

export default function Page() {
  return (
    <Suspense>
      <UsersPage />
    </Suspense>
  );
}
