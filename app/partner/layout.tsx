import type { ReactNode } from "react";
import { PortalLayout } from "@/components/portal-layout";

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <PortalLayout audience="PARTNER" portal="partner" portalName="Partner portal">
      {children}
    </PortalLayout>
  );
}
