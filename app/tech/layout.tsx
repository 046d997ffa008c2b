import type { ReactNode } from "react";
import { PortalLayout } from "@/components/portal-layout";

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <PortalLayout
      audience="STAFF"
      portal="tech"
      portalName="Field work"
      variant="phone"
      switchTo={{ href: "/noc", label: "Full console" }}
    >
      {children}
    </PortalLayout>
  );
}
