import type { ReactNode } from "react";
import { PortalLayout } from "@/components/portal-layout";

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <PortalLayout audience="STAFF" portal="staff" portalName="Operations">
      {children}
    </PortalLayout>
  );
}
