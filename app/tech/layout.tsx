import type { ReactNode } from "react";
import { PortalLayout } from "@/components/portal-layout";

// Installable on the phone's home screen (the service worker is registered by the app).
export const metadata = { manifest: "/tech.webmanifest" };
export const viewport = { themeColor: "#0f62fe" };

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
