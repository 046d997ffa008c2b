import type { ReactNode } from "react";
import { PortalLayout } from "@/components/portal-layout";

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <PortalLayout audience="SUBSCRIBER" portal="portal" portalName="My account">
      {children}
    </PortalLayout>
  );
}
